package dispatch.exporter;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The exporter's arguments. Keys are single lower-case words because the broker binds
 * ZEEBE_BROKER_EXPORTERS_POSTGRES_ARGS_&lt;KEY&gt; with Spring's relaxed binding: the key arrives
 * lower-cased, and an underscore in it would turn into a nested map.
 *
 * @param url JDBC URL, {@code jdbc:postgresql://host:5432/db}
 * @param batchSize buffered records that force a flush before the timer fires
 * @param flushInterval how long a record may wait in the buffer; bounds the export lag
 */
record ExporterConfig(String url, String user, String password, int batchSize, Duration flushInterval) {

  static final int DEFAULT_BATCH_SIZE = 500;
  static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);

  static ExporterConfig from(Map<String, Object> args) {
    final Map<String, Object> lower = new java.util.HashMap<>();
    if (args != null) args.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    final String url = text(lower.get("url"));
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("exporter argument 'url' must be a jdbc:postgresql: URL, got " + url);
    }
    final int batchSize = positive(lower, "batchsize", DEFAULT_BATCH_SIZE);
    final int flushMs = positive(lower, "flushintervalms", (int) DEFAULT_FLUSH_INTERVAL.toMillis());
    return new ExporterConfig(url, text(lower.get("user")), text(lower.get("password")), batchSize, Duration.ofMillis(flushMs));
  }

  private static String text(Object v) {
    return v == null || v.toString().isEmpty() ? null : v.toString();
  }

  private static int positive(Map<String, Object> args, String key, int fallback) {
    final String v = text(args.get(key));
    if (v == null) return fallback;
    final int n;
    try {
      n = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("exporter argument '" + key + "' must be a positive integer, got " + v);
    }
    if (n <= 0) throw new IllegalArgumentException("exporter argument '" + key + "' must be a positive integer, got " + v);
    return n;
  }

  /** Never print the password: the broker logs exporter configuration problems. */
  @Override
  public String toString() {
    return "ExporterConfig[url=" + url + ", user=" + user + ", batchSize=" + batchSize + ", flushInterval=" + flushInterval + "]";
  }
}

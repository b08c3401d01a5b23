package dispatch.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExporterConfigTest {

  @Test
  void environmentVariableArgumentsArriveAsLowerCaseStrings() {
    final var c = ExporterConfig.from(Map.of("url", "jdbc:postgresql://db:5432/dispatch", "user", "dispatch", "password", "s3cret", "batchsize", "50", "flushintervalms", "250"));
    assertEquals(50, c.batchSize());
    assertEquals(Duration.ofMillis(250), c.flushInterval());
    assertFalse(c.toString().contains("s3cret"));
  }

  @Test
  void yamlArgumentsMayUseCamelCaseAndNumbers() {
    final var c = ExporterConfig.from(Map.of("url", "jdbc:postgresql://db/dispatch", "batchSize", 7));
    assertEquals(7, c.batchSize());
    assertEquals(ExporterConfig.DEFAULT_FLUSH_INTERVAL, c.flushInterval());
  }

  @Test
  void aMissingOrForeignUrlOrABadNumberIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> ExporterConfig.from(null));
    assertThrows(IllegalArgumentException.class, () -> ExporterConfig.from(Map.of("url", "postgres://db/dispatch")));
    assertThrows(IllegalArgumentException.class, () -> ExporterConfig.from(Map.of("url", "jdbc:postgresql://db/x", "batchsize", "0")));
    assertThrows(IllegalArgumentException.class, () -> ExporterConfig.from(Map.of("url", "jdbc:postgresql://db/x", "flushintervalms", "soon")));
  }
}

package dispatch.exporter;

import io.camunda.zeebe.exporter.api.Exporter;
import io.camunda.zeebe.exporter.api.ExporterException;
import io.camunda.zeebe.exporter.api.context.Context;
import io.camunda.zeebe.exporter.api.context.Controller;
import io.camunda.zeebe.exporter.api.context.ScheduledTask;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Keeps process instances, element instances, incidents and jobs in the service's PostgreSQL,
 * the query side Zeebe itself lacks without Operate.
 *
 * <p>Records are buffered and written in one transaction per batch; only after the commit is the
 * broker told the new exported position. If the broker restarts before that, it exports the
 * records again from the last acknowledged position, and the position-aware upserts make that
 * harmless. While the database is unreachable the buffer stays at one batch: the flush in
 * {@link #export} throws and the broker retries that record with its own back-off, so nothing
 * is lost and nothing piles up.
 *
 * <p>The broker calls every method, including the scheduled flush, on the exporter's actor
 * thread: no locking is needed.
 */
public final class PostgresExporter implements Exporter {

  static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(10);
  private static final Set<ValueType> EXPORTED = EnumSet.of(ValueType.PROCESS_INSTANCE, ValueType.INCIDENT, ValueType.JOB);

  private final Function<ExporterConfig, BatchWriter> writerFactory;
  private final List<Change> pending = new ArrayList<>();
  private Logger log;
  private ExporterConfig config;
  private BatchWriter writer;
  private Controller controller;
  private ScheduledTask flushTask;
  /** Highest position handed to us, tracked changes or not; acknowledged with the next commit. */
  private long seenPosition = -1;
  private long acknowledgedPosition = -1;
  private Duration retryDelay;
  private int failedFlushes;

  /** Used by the broker, which instantiates exporters reflectively. */
  public PostgresExporter() {
    this(JdbcBatchWriter::new);
  }

  PostgresExporter(Function<ExporterConfig, BatchWriter> writerFactory) {
    this.writerFactory = writerFactory;
  }

  @Override
  public void configure(Context context) {
    log = context.getLogger();
    config = ExporterConfig.from(context.getConfiguration().getArguments());
    // Only events: commands and rejections change no state. The broker skips everything else
    // without deserialising it.
    context.setFilter(
        new Context.RecordFilter() {
          @Override
          public boolean acceptType(RecordType type) {
            return type == RecordType.EVENT;
          }

          @Override
          public boolean acceptValue(ValueType type) {
            return EXPORTED.contains(type);
          }
        });
    retryDelay = config.flushInterval();
    log.info("PostgreSQL exporter configured: {}", config);
  }

  @Override
  public void open(Controller controller) {
    this.controller = controller;
    // No connection yet: a database that is down (or not migrated yet) must not fail the broker's start.
    writer = writerFactory.apply(config);
    acknowledgedPosition = controller.getLastExportedRecordPosition();
    seenPosition = acknowledgedPosition;
    scheduleFlush(config.flushInterval());
  }

  @Override
  public void export(Record<?> record) {
    // A position we have seen is the broker retrying the record whose flush threw: it is buffered already.
    if (record.getPosition() > seenPosition) {
      Change.of(record).ifPresent(pending::add);
      seenPosition = record.getPosition();
    }
    if (pending.size() >= config.batchSize()) flush();
  }

  @Override
  public void close() {
    if (flushTask != null) flushTask.cancel();
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("PostgreSQL exporter closed with {} unwritten changes; the broker exports them again on its next start", pending.size(), e);
    }
    if (writer != null) writer.close();
  }

  private void scheduleFlush(Duration delay) {
    flushTask = controller.scheduleCancellableTask(delay, this::flushOnTimer);
  }

  private void flushOnTimer() {
    try {
      flush();
      retryDelay = config.flushInterval();
    } catch (RuntimeException e) {
      retryDelay = min(retryDelay.multipliedBy(2), MAX_RETRY_DELAY);
    }
    scheduleFlush(retryDelay);
  }

  /** Writes the buffer and acknowledges; throws (keeping the buffer) when the database fails. */
  private void flush() {
    if (seenPosition <= acknowledgedPosition) return;
    if (!pending.isEmpty()) {
      try {
        writer.write(pending);
      } catch (SQLException | RuntimeException e) {
        if (failedFlushes++ == 0) log.warn("PostgreSQL exporter cannot write {} changes; retrying until it can", pending.size(), e);
        throw new ExporterException("PostgreSQL exporter: write failed: " + e.getMessage(), e);
      }
      pending.clear();
    }
    if (failedFlushes > 0) {
      log.info("PostgreSQL exporter writes again after {} failed attempts", failedFlushes);
      failedFlushes = 0;
    }
    controller.updateLastExportedRecordPosition(seenPosition);
    acknowledgedPosition = seenPosition;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}

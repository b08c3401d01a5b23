package dispatch.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camunda.zeebe.exporter.api.ExporterException;
import io.camunda.zeebe.exporter.api.context.Configuration;
import io.camunda.zeebe.exporter.api.context.Context;
import io.camunda.zeebe.exporter.api.context.Controller;
import io.camunda.zeebe.exporter.api.context.ScheduledTask;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

class PostgresExporterTest {

  private final FakeWriter writer = new FakeWriter();
  private final FakeController controller = new FakeController();
  private final FakeContext context = new FakeContext();
  private final PostgresExporter exporter = new PostgresExporter(c -> writer);

  private void start(Map<String, Object> args) {
    context.args.put("url", "jdbc:postgresql://localhost/dispatch");
    context.args.putAll(args);
    exporter.configure(context);
    exporter.open(controller);
  }

  @Test
  void onlyEventsOfProcessInstancesIncidentsAndJobsReachTheExporter() {
    start(Map.of());
    assertTrue(context.filter.acceptType(RecordType.EVENT));
    assertFalse(context.filter.acceptType(RecordType.COMMAND));
    assertFalse(context.filter.acceptType(RecordType.COMMAND_REJECTION));
    for (ValueType t : ValueType.values()) {
      assertEquals(t == ValueType.PROCESS_INSTANCE || t == ValueType.INCIDENT || t == ValueType.JOB, context.filter.acceptValue(t), t.name());
    }
  }

  @Test
  void thePositionIsAcknowledgedOnlyOnceTheBatchIsCommitted() {
    start(Map.of());
    exporter.export(Records.element(1, Records.INSTANCE, BpmnElementType.PROCESS, "p", ProcessInstanceIntent.ELEMENT_ACTIVATING));
    exporter.export(Records.element(2, Records.INSTANCE, BpmnElementType.PROCESS, "p", ProcessInstanceIntent.ELEMENT_ACTIVATED));
    exporter.export(Records.job(3, 9, JobIntent.CREATED, 3));
    assertEquals(List.of(), writer.batches);
    assertEquals(-1, controller.position);

    controller.runScheduled();
    assertEquals(List.of(List.of(1L, 3L)), writer.batches, "one transaction; ACTIVATED changes no row");
    assertEquals(3, controller.position, "the untracked record's position is covered too");
  }

  @Test
  void aBatchOfUntrackedRecordsOnlyMovesThePosition() {
    start(Map.of());
    exporter.export(Records.element(5, 7, BpmnElementType.SERVICE_TASK, "t", ProcessInstanceIntent.ELEMENT_COMPLETING));
    controller.runScheduled();
    assertEquals(List.of(), writer.batches);
    assertEquals(5, controller.position);
  }

  @Test
  void aDatabaseOutageLosesNothingAndDuplicatesNothing() {
    start(Map.of("batchsize", "2", "flushintervalms", "100"));
    writer.failing = true;
    exporter.export(Records.job(1, 9, JobIntent.CREATED, 3));
    assertThrows(ExporterException.class, () -> exporter.export(Records.job(2, 9, JobIntent.FAILED, 0)), "a full batch must be written before more is taken");
    // The broker retries the same record with its own back-off; the timer keeps trying too.
    assertThrows(ExporterException.class, () -> exporter.export(Records.job(2, 9, JobIntent.FAILED, 0)));
    controller.runScheduled();
    assertEquals(Duration.ofMillis(200), controller.delay, "the timer backs off while the database is down");
    controller.runScheduled();
    assertEquals(Duration.ofMillis(400), controller.delay);
    assertEquals(-1, controller.position);

    writer.failing = false;
    exporter.export(Records.job(2, 9, JobIntent.FAILED, 0));
    assertEquals(List.of(List.of(1L, 2L)), writer.batches);
    assertEquals(2, controller.position);
    controller.runScheduled();
    assertEquals(Duration.ofMillis(100), controller.delay, "back to the normal interval");
  }

  @Test
  void theBackOffIsCapped() {
    start(Map.of("flushintervalms", "4000"));
    writer.failing = true;
    exporter.export(Records.job(1, 9, JobIntent.CREATED, 3));
    for (int i = 0; i < 5; i++) controller.runScheduled();
    assertEquals(PostgresExporter.MAX_RETRY_DELAY, controller.delay);
  }

  @Test
  void afterARestartRecordsUpToTheAcknowledgedPositionAreNotWrittenAgain() {
    controller.position = 10;
    start(Map.of());
    exporter.export(Records.job(11, 9, JobIntent.COMPLETED, 0));
    controller.runScheduled();
    assertEquals(List.of(List.of(11L)), writer.batches);
  }

  @Test
  void closingWritesWhatIsBufferedAndClosesTheConnection() {
    start(Map.of());
    exporter.export(Records.job(1, 9, JobIntent.CREATED, 3));
    exporter.close();
    assertEquals(List.of(List.of(1L)), writer.batches);
    assertEquals(1, controller.position);
    assertTrue(controller.cancelled);
    assertTrue(writer.closed);
  }

  private static final class FakeWriter implements BatchWriter {
    final List<List<Long>> batches = new ArrayList<>();
    boolean failing;
    boolean closed;

    @Override
    public void write(List<Change> changes) throws SQLException {
      if (failing) throw new SQLException("connection refused");
      batches.add(changes.stream().map(Change::position).toList());
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static final class FakeController implements Controller {
    long position = -1;
    Runnable scheduled;
    Duration delay;
    boolean cancelled;

    void runScheduled() {
      final Runnable r = scheduled;
      scheduled = null;
      r.run();
    }

    @Override
    public void updateLastExportedRecordPosition(long position) {
      this.position = position;
    }

    @Override
    public void updateLastExportedRecordPosition(long position, byte[] metadata) {
      this.position = position;
    }

    @Override
    public long getLastExportedRecordPosition() {
      return position;
    }

    @Override
    public ScheduledTask scheduleCancellableTask(Duration delay, Runnable task) {
      this.delay = delay;
      this.scheduled = task;
      return () -> cancelled = true;
    }

    @Override
    public Optional<byte[]> readMetadata() {
      return Optional.empty();
    }
  }

  private static final class FakeContext implements Context {
    final Map<String, Object> args = new HashMap<>();
    RecordFilter filter;

    @Override
    public MeterRegistry getMeterRegistry() {
      return null;
    }

    @Override
    public Logger getLogger() {
      return NOPLogger.NOP_LOGGER;
    }

    @Override
    public InstantSource clock() {
      return InstantSource.system();
    }

    @Override
    public Configuration getConfiguration() {
      return new Configuration() {
        @Override
        public String getId() {
          return "postgres";
        }

        @Override
        public Map<String, Object> getArguments() {
          return args;
        }

        @Override
        public <T> T instantiate(Class<T> type) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public int getPartitionId() {
      return 1;
    }

    @Override
    public void setFilter(RecordFilter filter) {
      this.filter = filter;
    }
  }
}

package dispatch.exporter;

import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One row-level change taken out of a record. The broker reuses the record object for the next
 * record, so everything the batch needs is copied out at once.
 */
sealed interface Change {

  /** Log position of the record: rows keep the newest one so a re-exported older record never wins. */
  long position();

  /** A process instance (element type PROCESS) or any element inside one. */
  record Element(
      long position,
      long key,
      long processInstanceKey,
      String bpmnProcessId,
      int version,
      long processDefinitionKey,
      Long parentProcessInstanceKey,
      Long parentElementInstanceKey,
      String elementId,
      String elementType,
      Long flowScopeKey,
      String state,
      Instant startTime,
      Instant endTime)
      implements Change {

    boolean isProcess() {
      return BpmnElementType.PROCESS.name().equals(elementType);
    }
  }

  record Incident(
      long position,
      long key,
      String bpmnProcessId,
      Long processInstanceKey,
      Long elementInstanceKey,
      String elementId,
      Long jobKey,
      String errorType,
      String errorMessage,
      String state,
      Instant createdTime,
      Instant resolvedTime)
      implements Change {}

  record Job(
      long position,
      long key,
      String type,
      Long processInstanceKey,
      Long elementInstanceKey,
      String elementId,
      int retries,
      String state,
      String errorMessage,
      Instant updatedTime)
      implements Change {}

  /** The change a record makes, or empty for the intents the tables do not track. */
  @SuppressWarnings("unchecked")
  static Optional<Change> of(Record<?> record) {
    return switch (record.getValueType()) {
      case PROCESS_INSTANCE -> element((Record<ProcessInstanceRecordValue>) record);
      case INCIDENT -> incident((Record<IncidentRecordValue>) record);
      case JOB -> job((Record<JobRecordValue>) record);
      default -> Optional.empty();
    };
  }

  private static Optional<Change> element(Record<ProcessInstanceRecordValue> r) {
    if (!(r.getIntent() instanceof ProcessInstanceIntent intent)) return Optional.empty();
    final Instant at = Instant.ofEpochMilli(r.getTimestamp());
    // ELEMENT_ACTIVATED is not tracked: ACTIVATING has already made the row active, and skipping
    // it saves a write per element.
    final String state;
    Instant start = null;
    Instant end = null;
    switch (intent) {
      case ELEMENT_ACTIVATING -> {
        state = "active";
        start = at;
      }
      case ELEMENT_COMPLETED -> {
        state = "completed";
        end = at;
      }
      case ELEMENT_TERMINATED -> {
        state = "terminated";
        end = at;
      }
      default -> {
        return Optional.empty();
      }
    }
    final ProcessInstanceRecordValue v = r.getValue();
    return Optional.of(
        new Element(
            r.getPosition(),
            r.getKey(),
            v.getProcessInstanceKey(),
            v.getBpmnProcessId(),
            v.getVersion(),
            v.getProcessDefinitionKey(),
            key(v.getParentProcessInstanceKey()),
            key(v.getParentElementInstanceKey()),
            v.getElementId(),
            v.getBpmnElementType().name(),
            key(v.getFlowScopeKey()),
            state,
            start,
            end));
  }

  private static Optional<Change> incident(Record<IncidentRecordValue> r) {
    final Instant at = Instant.ofEpochMilli(r.getTimestamp());
    final boolean created;
    if (r.getIntent() == IncidentIntent.CREATED) created = true;
    else if (r.getIntent() == IncidentIntent.RESOLVED) created = false;
    else return Optional.empty();
    final IncidentRecordValue v = r.getValue();
    return Optional.of(
        new Incident(
            r.getPosition(),
            r.getKey(),
            v.getBpmnProcessId(),
            key(v.getProcessInstanceKey()),
            key(v.getElementInstanceKey()),
            v.getElementId(),
            key(v.getJobKey()),
            v.getErrorType().name(),
            text(v.getErrorMessage()),
            created ? "created" : "resolved",
            created ? at : null,
            created ? null : at));
  }

  private static Optional<Change> job(Record<JobRecordValue> r) {
    if (!(r.getIntent() instanceof JobIntent intent)) return Optional.empty();
    switch (intent) {
      // CANCELED is tracked too: a job whose element was interrupted would otherwise look open forever.
      case CREATED, FAILED, TIMED_OUT, RETRIES_UPDATED, COMPLETED, ERROR_THROWN, CANCELED -> {}
      default -> {
        return Optional.empty();
      }
    }
    final JobRecordValue v = r.getValue();
    return Optional.of(
        new Job(
            r.getPosition(),
            r.getKey(),
            v.getType(),
            key(v.getProcessInstanceKey()),
            key(v.getElementInstanceKey()),
            text(v.getElementId()),
            v.getRetries(),
            intent.name().toLowerCase(Locale.ROOT),
            text(v.getErrorMessage()),
            Instant.ofEpochMilli(r.getTimestamp())));
  }

  /** Zeebe writes -1 (or 0) for "no such key"; the tables say NULL. */
  private static Long key(long key) {
    return key > 0 ? key : null;
  }

  private static String text(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}

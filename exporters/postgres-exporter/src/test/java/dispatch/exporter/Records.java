package dispatch.exporter;

import io.camunda.zeebe.protocol.record.ImmutableRecord;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RecordValue;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ErrorType;
import io.camunda.zeebe.protocol.record.value.ImmutableIncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.ImmutableJobRecordValue;
import io.camunda.zeebe.protocol.record.value.ImmutableProcessInstanceRecordValue;

/** Records as the broker hands them over, built with the protocol's own immutable types. */
final class Records {

  static final long INSTANCE = 2251799813685249L;
  static final long TIMESTAMP = 1_700_000_000_000L;

  private Records() {}

  static Record<?> element(long position, long key, BpmnElementType type, String elementId, ProcessInstanceIntent intent) {
    final var value =
        ImmutableProcessInstanceRecordValue.builder()
            .withBpmnProcessId("order-fulfillment")
            .withVersion(3)
            .withProcessDefinitionKey(2251799813685200L)
            .withProcessInstanceKey(INSTANCE)
            .withElementId(elementId)
            .withBpmnElementType(type)
            .withFlowScopeKey(type == BpmnElementType.PROCESS ? -1 : INSTANCE)
            .withParentProcessInstanceKey(-1)
            .withParentElementInstanceKey(-1)
            .build();
    return record(position, key, ValueType.PROCESS_INSTANCE, intent, value);
  }

  static Record<?> incident(long position, long key, IncidentIntent intent) {
    final var value =
        ImmutableIncidentRecordValue.builder()
            .withBpmnProcessId("order-fulfillment")
            .withProcessInstanceKey(INSTANCE)
            .withElementInstanceKey(INSTANCE + 5)
            .withElementId("review-order")
            .withJobKey(INSTANCE + 6)
            .withErrorType(ErrorType.JOB_NO_RETRIES)
            .withErrorMessage("credit service down")
            .build();
    return record(position, key, ValueType.INCIDENT, intent, value);
  }

  static Record<?> job(long position, long key, JobIntent intent, int retries) {
    final var value =
        ImmutableJobRecordValue.builder()
            .withType("order.review")
            .withProcessInstanceKey(INSTANCE)
            .withElementInstanceKey(INSTANCE + 5)
            .withElementId("review-order")
            .withRetries(retries)
            .withErrorMessage("")
            .build();
    return record(position, key, ValueType.JOB, intent, value);
  }

  private static <T extends RecordValue> Record<T> record(long position, long key, ValueType type, Intent intent, T value) {
    return ImmutableRecord.<T>builder()
        .withPosition(position)
        .withKey(key)
        .withTimestamp(TIMESTAMP + position)
        .withPartitionId(1)
        .withRecordType(RecordType.EVENT)
        .withValueType(type)
        .withIntent(intent)
        .withValue(value)
        .build();
  }
}

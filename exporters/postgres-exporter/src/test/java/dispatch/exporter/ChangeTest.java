package dispatch.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeTest {

  @Test
  void processActivationStartsAnActiveInstanceWithoutParents() {
    final var e = (Change.Element) Change.of(Records.element(10, Records.INSTANCE, BpmnElementType.PROCESS, "order-fulfillment", ProcessInstanceIntent.ELEMENT_ACTIVATING)).orElseThrow();
    assertTrue(e.isProcess());
    assertEquals("active", e.state());
    assertEquals(Instant.ofEpochMilli(Records.TIMESTAMP + 10), e.startTime());
    assertNull(e.endTime());
    assertNull(e.parentProcessInstanceKey(), "-1 means no parent");
    assertNull(e.flowScopeKey());
    assertEquals(3, e.version());
  }

  @Test
  void completionAndTerminationEndAnElement() {
    final var done = (Change.Element) Change.of(Records.element(11, 7, BpmnElementType.SERVICE_TASK, "accept-order", ProcessInstanceIntent.ELEMENT_COMPLETED)).orElseThrow();
    assertEquals("completed", done.state());
    assertEquals("SERVICE_TASK", done.elementType());
    assertNull(done.startTime());
    assertEquals(Instant.ofEpochMilli(Records.TIMESTAMP + 11), done.endTime());
    assertEquals(Records.INSTANCE, done.flowScopeKey());
    final var gone = (Change.Element) Change.of(Records.element(12, 8, BpmnElementType.INTERMEDIATE_CATCH_EVENT, "closed", ProcessInstanceIntent.ELEMENT_TERMINATED)).orElseThrow();
    assertEquals("terminated", gone.state());
  }

  @Test
  void intermediateLifecycleStepsChangeNoRow() {
    for (var intent : new ProcessInstanceIntent[] {ProcessInstanceIntent.ELEMENT_ACTIVATED, ProcessInstanceIntent.ELEMENT_COMPLETING, ProcessInstanceIntent.ELEMENT_TERMINATING, ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN}) {
      assertTrue(Change.of(Records.element(13, 9, BpmnElementType.SERVICE_TASK, "x", intent)).isEmpty(), intent.name());
    }
  }

  @Test
  void incidentsCarryTheirJobAndResolutionTime() {
    final var created = (Change.Incident) Change.of(Records.incident(20, 30, IncidentIntent.CREATED)).orElseThrow();
    assertEquals("created", created.state());
    assertEquals("JOB_NO_RETRIES", created.errorType());
    assertEquals(Records.INSTANCE + 6, created.jobKey());
    assertEquals("credit service down", created.errorMessage());
    assertNull(created.resolvedTime());
    final var resolved = (Change.Incident) Change.of(Records.incident(21, 30, IncidentIntent.RESOLVED)).orElseThrow();
    assertEquals("resolved", resolved.state());
    assertNull(resolved.createdTime());
    assertEquals(Instant.ofEpochMilli(Records.TIMESTAMP + 21), resolved.resolvedTime());
  }

  @Test
  void jobStateIsTheLastTrackedIntent() {
    final var failed = (Change.Job) Change.of(Records.job(30, 40, JobIntent.RETRIES_UPDATED, 3)).orElseThrow();
    assertEquals("retries_updated", failed.state());
    assertEquals(3, failed.retries());
    assertNull(failed.errorMessage(), "empty message stored as NULL");
    assertTrue(Change.of(Records.job(31, 40, JobIntent.RECURRED_AFTER_BACKOFF, 3)).isEmpty());
  }
}

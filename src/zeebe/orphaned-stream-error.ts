/**
 * @camunda8/sdk 8.6 releases a job-activation stream when its own client-side timeout (the long
 * poll + 1 s) fires first, removing the stream's listeners. When the gateway's answer comes later —
 * RESOURCE_EXHAUSTED under back-pressure, UNAVAILABLE while the broker restarts, both common right
 * after a pause of the broker — the stream emits an 'error' nobody listens to, and Node ends the
 * process (camunda/camunda-8-js-sdk#466). Seen here: a workers process died this way after the
 * broker was stopped and started again. The poll that stream served is over already, and the
 * worker has polled again, so nothing is lost by going on.
 */
const lateStatuses = new Set([
  1, // CANCELLED
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED
  14, // UNAVAILABLE
]);

export function isOrphanedActivationError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' && lateStatuses.has(code) && /activateJobs/.test(err.stack ?? '');
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isOrphanedActivationError } from '../../../src/zeebe/orphaned-stream-error.js';

/** A gRPC status error as grpc-js builds it, with the call site the SDK's poll leaves in its stack. */
function grpcError(code: number, stackFrom: string): Error {
  const err = Object.assign(new Error(`${code} status`), { code, details: 'x', metadata: {} });
  err.stack = `Error: ${code} status\n    at callErrorFromStatus\nfor call at\n    at ${stackFrom} (ZBWorkerBase.ts:631:13)`;
  return err;
}

test('a late RESOURCE_EXHAUSTED or UNAVAILABLE for a job poll is recognised; other errors are not', () => {
  assert.equal(isOrphanedActivationError(grpcError(8, 'ZBWorker.activateJobs')), true);
  assert.equal(isOrphanedActivationError(grpcError(14, 'ZBWorker.activateJobs')), true);
  // The same status from any other call is a real failure and still ends the process.
  assert.equal(isOrphanedActivationError(grpcError(8, 'ZBClient.publishMessage')), false);
  assert.equal(isOrphanedActivationError(grpcError(3, 'ZBWorker.activateJobs')), false, 'INVALID_ARGUMENT is our bug');
  assert.equal(isOrphanedActivationError(new TypeError('x is undefined')), false);
  assert.equal(isOrphanedActivationError('activateJobs'), false);
});

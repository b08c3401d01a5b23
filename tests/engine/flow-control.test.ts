import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { createZeebe } from '../../src/zeebe/client.js';

// The broker runs with a fixed ceiling on commands in flight (scripts/runtime/zeebe.ts). Under
// 8.6's default adaptive limit this burst is partly refused, and every refused publish would wait
// at least a second for the SDK's retry.
const zeebe = createZeebe(process.env.ZEEBE_GRPC_ADDRESS!, { retry: false });
after(() => zeebe.close());

test('a burst of 500 message publishes is accepted at once, none refused for back-pressure', async () => {
  const run = randomUUID();
  const results = await Promise.allSettled(
    Array.from({ length: 500 }, (_, i) =>
      zeebe.publishMessage({ name: 'flow-control-test', correlationKey: `${run}:${i}`, messageId: `${run}:${i}`, variables: {}, timeToLive: 0 }),
    ),
  );
  const refused = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
  assert.deepEqual(refused.slice(0, 3), [], `${refused.length} of 500 refused`);
});

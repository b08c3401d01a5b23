import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { NetworkElementError, type ElementCommand } from '../../../src/network/elements.js';
import { httpNetworkElements } from '../../../src/network/http-adapter.js';
import { startNetworkSimulator, type NetworkSimulator } from '../../../src/network/simulator.js';

let sim: NetworkSimulator;
before(async () => {
  sim = await startNetworkSimulator();
});
after(async () => sim?.close());

const cmd = (over: Partial<ElementCommand> = {}): ElementCommand => ({
  commandId: 'c1', element: 'hlr-hss', subscriberId: 's1', serviceId: 'svc1', action: 'suspend', sequence: 1, ...over,
});

test('an element applies a command once: the same command again is acknowledged as a repeat and changes nothing', async () => {
  const network = httpNetworkElements({ baseUrl: sim.url, timeoutMs: 1000 });
  assert.deepEqual(await network.apply(cmd()), { element: 'hlr-hss', serviceId: 'svc1', state: 'barred', repeated: false });
  assert.deepEqual(await network.apply(cmd()), { element: 'hlr-hss', serviceId: 'svc1', state: 'barred', repeated: true });
  assert.equal(sim.changes.filter((c) => c.subscriberId === 's1').length, 1);
  assert.equal(sim.stateOf('hlr-hss', 's1', 'svc1'), 'barred');
});

test('an element ignores a command older than the one it already applied (a request that wandered the network)', async () => {
  const network = httpNetworkElements({ baseUrl: sim.url, timeoutMs: 1000 });
  await network.apply(cmd({ commandId: 'r5', subscriberId: 's2', action: 'resume', sequence: 5 }));
  const late = await network.apply(cmd({ commandId: 's4', subscriberId: 's2', action: 'suspend', sequence: 4 }));
  assert.equal(late.state, 'active');
  assert.equal(sim.stateOf('hlr-hss', 's2', 'svc1'), 'active');
});

test('injected errors and timeouts reach the caller as NetworkElementError; a slow answer within the timeout is fine', async () => {
  const network = httpNetworkElements({ baseUrl: sim.url, timeoutMs: 300 });
  sim.inject({ element: 'bras', subscriberId: 's3', kind: 'error', times: 1 });
  sim.inject({ element: 'bras', subscriberId: 's3', kind: 'timeout', times: 1 });
  sim.inject({ element: 'bras', subscriberId: 's3', kind: 'slow', delayMs: 100, times: 1 });
  const c = cmd({ commandId: 'c3', element: 'bras', subscriberId: 's3' });
  await assert.rejects(network.apply(c), (e: unknown) => e instanceof NetworkElementError && /bras: answered 503/.test(e.message));
  await assert.rejects(network.apply(c), (e: unknown) => e instanceof NetworkElementError && /no answer within 300 ms/.test(e.message));
  assert.equal((await network.apply(c)).state, 'barred');
  assert.equal(sim.stateOf('bras', 's3', 'svc1'), 'barred');
  assert.equal(sim.requests.filter((r) => r.subscriberId === 's3').length, 3);
});

test('an element manager that cannot be reached is a NetworkElementError too', async () => {
  const network = httpNetworkElements({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 300 });
  await assert.rejects(network.apply(cmd()), (e: unknown) => e instanceof NetworkElementError && /unreachable/.test(e.message));
});

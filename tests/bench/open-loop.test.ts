import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { openLoop } from '../../bench/open-loop.js';

/** A real HTTP server that records when each request arrived and can hold its answers back. */
function recordingServer() {
  const arrivals: number[] = [];
  let holdUntil = 0;
  const server = http.createServer((req, res) => {
    arrivals.push(performance.now());
    req.resume();
    req.on('end', () => setTimeout(() => res.writeHead(201).end('{}'), Math.max(0, holdUntil - performance.now())));
  });
  return {
    arrivals,
    holdFor(ms: number) {
      holdUntil = performance.now() + ms;
    },
    async listen() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('open-loop load generator', () => {
  const server = recordingServer();
  let url = '';
  before(async () => {
    url = await server.listen();
  });
  after(() => server.close());
  const send = async (_i: number, signal: AbortSignal) => {
    const res = await fetch(url, { method: 'POST', body: '{}', signal });
    await res.arrayBuffer();
    return res.status;
  };

  it('spreads the requests evenly over each second instead of sending them in a burst', async () => {
    await send(0, AbortSignal.timeout(5_000)); // the connection's setup would delay only the first arrival
    server.arrivals.length = 0;
    const result = await openLoop({ rate: 50, seconds: 1, timeoutMs: 5_000, send });
    assert.equal(result.sent, 50);
    assert.equal(result.ok, 50);
    const arrivals = server.arrivals.slice().sort((a, b) => a - b);
    // Evenly spaced, any 100 ms hold about 5; a burst puts most of the 50 into a few milliseconds.
    // The margin is for a loaded machine, where a late timer lets a few go out together.
    const busiest100Ms = Math.max(...arrivals.map((t) => arrivals.filter((u) => u >= t && u - t < 100).length));
    assert.ok(busiest100Ms <= 15, `${busiest100Ms} of 50 arrived within 100 ms`);
    assert.ok(arrivals.at(-1)! - arrivals[0]! >= 900, 'the last request goes out about a second after the first');
  });

  it('times each request from when it was due, so a stalled service counts against every request it held up', async () => {
    server.holdFor(400);
    const result = await openLoop({ rate: 50, seconds: 0.5, timeoutMs: 5_000, send });
    assert.equal(result.sent, 25, 'requests keep going out while earlier ones wait');
    const sorted = result.latenciesMs.slice().sort((a, b) => a - b);
    // The first request waited the whole stall; later ones less, each from its own due time.
    assert.ok(sorted.at(-1)! >= 380, `longest ${sorted.at(-1)} ms`);
    assert.ok(sorted[0]! < 150, `shortest ${sorted[0]} ms`);
  });

  it('counts answers outside 2xx and requests that time out', async () => {
    server.holdFor(1_000);
    const result = await openLoop({ rate: 20, seconds: 0.2, timeoutMs: 200, send });
    assert.equal(result.sent, 4);
    assert.equal(result.timeouts, 4);
    const refused = await openLoop({ rate: 20, seconds: 0.2, timeoutMs: 5_000, send: async () => 503 });
    assert.equal(refused.non2xx, 4);
    assert.equal(refused.ok, 0);
  });
});

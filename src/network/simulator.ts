import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { elementKinds, type ElementCommand, type ElementKind, type ElementReceipt, type LineTest, type LineTestResult } from './elements.js';

/** A fault to inject: the next `times` matching requests fail (503), never get an answer, or answer late. */
export interface Fault {
  /** Which requests: element commands (default) or line tests. */
  operation?: 'command' | 'line-test';
  element?: ElementKind;
  subscriberId?: string;
  times: number;
  kind: 'error' | 'timeout' | 'slow';
  /** For `slow`: how late the answer comes (the command is applied). */
  delayMs?: number;
}

export interface AppliedChange extends ElementCommand {
  at: Date;
}

export interface NetworkSimulator {
  url: string;
  /** What each element holds for a subscriber's service now; undefined: never touched (active). */
  stateOf(element: ElementKind, subscriberId: string, serviceId: string): 'barred' | 'active' | undefined;
  /** Every change an element really made, in order; a repeated command does not appear twice. */
  changes: AppliedChange[];
  /** Every request the elements received, repeats and failed ones included. */
  requests: ElementCommand[];
  inject(fault: Fault): void;
  /** Breaks (or mends) a resource: a line test through it finds the fault there. */
  setFaulty(resourceId: string, faulty: boolean): void;
  lineTests: LineTest[];
  close(): Promise<void>;
}

interface Line {
  state: 'barred' | 'active';
  sequence: number;
}

/**
 * Switch, HLR/HSS and BRAS behind one HTTP endpoint, speaking the protocol of ./http-adapter.ts.
 * Like real elements they are idempotent per command id, ignore a command older than the one they
 * already applied, take time (`latencyMs`), and can be made to fail, hang or crawl on demand.
 */
export async function startNetworkSimulator(opts: { port?: number; latencyMs?: number } = {}): Promise<NetworkSimulator> {
  const latencyMs = opts.latencyMs ?? 0;
  const lines = new Map<string, Line>();
  const seen = new Map<string, ElementReceipt>();
  const changes: AppliedChange[] = [];
  const requests: ElementCommand[] = [];
  const faults: Fault[] = [];
  const lineKey = (element: string, subscriberId: string, serviceId: string) => `${element}|${subscriberId}|${serviceId}`;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const faulty = new Set<string>();
  const lineTests: LineTest[] = [];

  function takeFault(cmd: ElementCommand | null): Fault | undefined {
    const f = faults.find((x) => x.times > 0 && (cmd
      ? (x.operation ?? 'command') === 'command' && (!x.element || x.element === cmd.element) && (!x.subscriberId || x.subscriberId === cmd.subscriberId)
      : x.operation === 'line-test'));
    if (f) f.times--;
    return f;
  }

  function runLineTest(test: LineTest): LineTestResult {
    const at = test.path.find((id) => faulty.has(id)) ?? null;
    return at
      ? { verdict: 'fault', faultAt: at, detail: at === test.resourceId ? 'loss of light on the line' : 'no signal from the element upstream' }
      : { verdict: 'no-fault', faultAt: null, detail: 'line and elements test normal' };
  }

  async function answer(res: http.ServerResponse, fault: Fault | undefined, result: () => unknown, what: string) {
    await sleep(latencyMs + (fault?.kind === 'slow' ? fault.delayMs ?? 1000 : 0));
    if (fault?.kind === 'error') {
      res.writeHead(503, { 'content-type': 'text/plain' }).end(`${what} busy`);
      return;
    }
    if (fault?.kind === 'timeout') return; // never answers and never applies; the caller gives up
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result()));
  }

  function apply(cmd: ElementCommand): ElementReceipt {
    const key = lineKey(cmd.element, cmd.subscriberId, cmd.serviceId);
    const done = seen.get(`${cmd.commandId}|${key}`);
    if (done) return { ...done, repeated: true };
    const line = lines.get(key) ?? { state: 'active', sequence: -1 };
    if (cmd.sequence > line.sequence) {
      const state = cmd.action === 'suspend' ? 'barred' : 'active';
      lines.set(key, { state, sequence: cmd.sequence });
      if (state !== line.state) changes.push({ ...cmd, at: new Date() });
    }
    const receipt: ElementReceipt = { element: cmd.element, serviceId: cmd.serviceId, state: lines.get(key)!.state, repeated: false };
    seen.set(`${cmd.commandId}|${key}`, receipt);
    return receipt;
  }

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      if (req.method === 'POST' && req.url === '/line-tests') {
        const test = JSON.parse(body) as LineTest;
        lineTests.push(test);
        await answer(res, takeFault(null), () => runLineTest(test), 'line tester');
        return;
      }
      const m = /^\/elements\/([\w-]+)\/commands$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m || !elementKinds.includes(m[1] as ElementKind)) {
        res.writeHead(404).end();
        return;
      }
      const cmd = { ...(JSON.parse(body) as ElementCommand), element: m[1] as ElementKind };
      requests.push(cmd);
      await answer(res, takeFault(cmd), () => apply(cmd), cmd.element);
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stateOf: (element, subscriberId, serviceId) => lines.get(lineKey(element, subscriberId, serviceId))?.state,
    changes,
    requests,
    inject: (fault) => faults.push({ ...fault }),
    setFaulty: (resourceId, isFaulty) => (isFaulty ? faulty.add(resourceId) : faulty.delete(resourceId)),
    lineTests,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

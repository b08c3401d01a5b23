import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { processFiles } from '../scripts/deploy-processes.js';
import { createLogger } from '../src/log/index.js';
import { isAlreadyExists, withDeadline } from '../src/zeebe/calls.js';
import type { Zeebe } from '../src/zeebe/client.js';
import type { JobGateway } from '../src/zeebe/gateway.js';
import { pollJobs } from '../src/zeebe/job-poller.js';

/**
 * The engine's own cost, for comparison: the same three BPMN models deployed under other ids
 * (process ids, called process ids, job types and message names all prefixed, so none of it
 * reaches the service's workers or mixes with its messages), run by workers that complete every
 * job at once with just the variables the gateways, timers and multi-instances need.
 */
export const RAW = 'bench-raw';
export const rawProcessId = (id: string) => `${RAW}-${id}`;
const rawName = (name: string) => `${RAW}.${name}`;
const ourProcesses = ['order-fulfillment', 'work-order', 'sla-clock'];

export function rawXml(xml: string): string {
  return xml
    .replace(new RegExp(`="(${ourProcesses.join('|')})"`, 'g'), (_m, id: string) => `="${rawProcessId(id)}"`)
    .replace(/(<zeebe:taskDefinition type=")([^"]+)"/g, (_m, head: string, type: string) => `${head}${rawName(type)}"`)
    .replace(/(<bpmn:message id="[^"]+" name=")([^"]+)"/g, (_m, head: string, name: string) => `${head}${rawName(name)}"`);
}

function rawResources() {
  return processFiles()
    .filter((f) => ourProcesses.includes(path.basename(f, '.bpmn')))
    .map((f) => ({ name: `${RAW}-${path.basename(f)}`, xml: rawXml(fs.readFileSync(f, 'utf8')) }));
}

/** A deadline far enough away that no clock timer fires during a run, as with the service's real policies (hours). */
const farDeadline = () => ({ id: randomUUID(), nextAt: new Date(Date.now() + 24 * 3600_000).toISOString(), watch: true });

export async function deployRawFlow(zeebe: Zeebe): Promise<string[]> {
  const resources = rawResources();
  await zeebe.deployResources(resources.map((r) => ({ name: r.name, process: Buffer.from(r.xml) })));
  return [...new Set(resources.flatMap((r) => [...r.xml.matchAll(/<zeebe:taskDefinition type="([^"]+)"/g)].map((m) => m[1]!)))];
}

/** Starts an instance the way the service's outbox relay starts an order: the message start event, keyed by the order id. */
/**
 * Publishes as the outbox relay does: a call that has not answered in 10 s is made again, and the
 * broker's "already have this messageId" means the first one got through. Without this, one hung
 * call stalled a full run at its first raw round for the whole round timeout.
 */
async function publish(zeebe: Zeebe, name: string, id: string, variables: Record<string, unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withDeadline(zeebe.publishMessage({ name, correlationKey: id, messageId: id, variables: variables as never, timeToLive: 3600_000 }), 10_000);
      return;
    } catch (err) {
      if (isAlreadyExists(err)) return;
      if (attempt === 5) throw err;
    }
  }
}

export async function startRawOrder(zeebe: Zeebe, orderId: string): Promise<void> {
  await publish(zeebe, rawName('order-received'), orderId, { orderId });
}

export interface RawWorkerSettings {
  maxJobs: number;
  timeoutMs: number;
  longPollMs: number;
}

/**
 * No-op workers for every raw job type, with the service workers' activation settings and job
 * poller. The crews of the raw flow close each work order the moment it is dispatched (message
 * published at once).
 */
export function startRawWorkers(gateway: JobGateway, zeebe: Zeebe, jobTypes: string[], workOrderKinds: string[][], opts: RawWorkerSettings) {
  const outputs: Record<string, () => Record<string, unknown>> = {
    [rawName('order.accept')]: () => ({ orderDeadline: farDeadline() }),
    [rawName('order.decompose')]: () => ({ businessResources: workOrderKinds.map((kinds) => ({ id: randomUUID(), workOrderKinds: kinds })) }),
    [rawName('work-order.check-hold')]: () => ({ heldUntil: null }),
    [rawName('work-order.dispatch')]: () => ({ workOrderId: randomUUID(), deadline: farDeadline(), alreadyClosed: false }),
  };
  return jobTypes.map((type) =>
    pollJobs(gateway, {
      type,
      worker: 'bench-raw',
      maxJobs: opts.maxJobs,
      jobTimeoutMs: opts.timeoutMs,
      longPollMs: opts.longPollMs,
      handle: async (_job, act) => {
        const vars = outputs[type]?.() ?? {};
        await act.complete(vars);
        if (type === rawName('work-order.dispatch')) {
          await publish(zeebe, rawName('work-order-closed'), vars.workOrderId as string, {});
        }
      },
    }, createLogger('bench-raw-workers', 'warn')),
  );
}

import fs from 'node:fs';
import path from 'node:path';
import { postgresFor } from './proc-usage.js';

export interface Headline {
  engineRatio: number | null;
  intakeP99Ms: number | null;
  lostOrders: number | null;
  alarmLagP99Ms: number | null;
  boardP95Ms: number | null;
}

export const targets: { field: keyof Headline; label: string; met: (v: number) => boolean; text: string }[] = [
  { field: 'engineRatio', label: 'engine ratio (ours / raw)', met: (v) => v >= 0.7, text: '≥ 0.7' },
  { field: 'intakeP99Ms', label: 'intake p99 at 50/s (ms)', met: (v) => v < 50, text: '< 50' },
  { field: 'lostOrders', label: 'orders lost', met: (v) => v === 0, text: '= 0' },
  { field: 'alarmLagP99Ms', label: 'alarm lag p99 (ms)', met: (v) => v < 2000, text: '< 2000' },
  { field: 'boardP95Ms', label: 'board p95 (ms)', met: (v) => v < 100, text: '< 100' },
];

export function targetTable(h: Headline) {
  return targets.map((t) => {
    const v = h[t.field];
    return { metric: t.label, value: v, target: t.text, met: v === null ? null : t.met(v) };
  });
}

const cell = (v: unknown) => (v === null || v === undefined ? '–' : String(v));
const table = (head: string[], rows: unknown[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

export function usageTable(usage: Record<string, any> | undefined): string {
  if (!usage) return '';
  const isShare = (name: string) => name.startsWith(postgresFor(''));
  // PostgreSQL's idle background processes (checkpointer, walwriter …) would fill the table with zeros.
  const shown = Object.entries(usage).filter(([name, u]) => !isShare(name) || (u?.cpuPct ?? 0) > 0);
  return table(['process', 'CPU % of one core', 'RSS mean MB', 'RSS max MB'],
    shown.map(([name, u]) => (isShare(name)
      // A share of PostgreSQL's CPU: its memory is in PostgreSQL's row.
      ? [`&nbsp;&nbsp;${name}`, u?.cpuPct, '', '']
      : [name, u?.cpuPct, u?.rssMbMean, u?.rssMbMax])));
}

/** The Markdown summary: the headline against the targets, each scenario's figures, and the hand-written findings. */
export function markdown(result: any, findings: string | null): string {
  const s = result.scenarios;
  const parts: string[] = [
    `# Benchmark results (${result.mode} run)`,
    '',
    `Run ${result.startedAt}, ${result.durationSeconds} s, on ${result.machine.cpus} × ${result.machine.cpuModel}, ` +
      `${result.machine.memoryMb} MB; load average ${result.machine.loadAverageStart.join(' / ')} at the start, ` +
      `${result.machine.loadAverageEnd.join(' / ')} at the end. Command: \`${result.command}\`.`,
    '',
    table(['metric', 'value', 'target', 'met'], result.targets.map((t: any) => [t.metric, t.value, t.target, t.met === null ? '–' : t.met ? 'yes' : 'no'])),
  ];
  if (s.engine && !s.engine.error) {
    const e = s.engine;
    parts.push('', '## 1. Engine ratio', '',
      `Offering \`${e.offering}\` (${e.workOrdersPerOrder} work orders per order), ${e.ordersPerRound} orders per round, ${e.concurrency} placed at once; ` +
      `ours ${e.oursOrdersPerSecond}/s, raw ${e.rawOrdersPerSecond}/s (medians), ratio **${e.engineRatio}**. ` +
      `Order latency p50: ours ${e.where.orderLatencyP50Ms.ours} ms, raw ${e.where.orderLatencyP50Ms.raw} ms. ` +
      `Jobs that sat out the job timeout before being handled: ours ${e.where.jobsRedeliveredAfterTimeout.ours}, raw ${e.where.jobsRedeliveredAfterTimeout.raw}.`,
      '', table(['round', 'family', 'orders', 's', 'orders/s', 'PG commits/order'], e.rounds.map((r: any) => [r.round || 'warm-up', r.family, r.orders, r.seconds, r.perSecond, r.commitsPerOrder])),
      '', 'API latency seen by the CRM and the crews (ms):', '',
      table(['call', 'n', 'p50', 'p95', 'p99'], Object.entries(e.apiLatencyMs).map(([k, v]: [string, any]) => [k, v.n, v.p50, v.p95, v.p99])),
      '', 'Where an order\'s time goes, per BPMN element (activation to completion, from the exporter):', '',
      table(['element', 'type', 'n (ours)', 'ours mean ms', 'raw mean ms', 'ours p95 ms', 'raw p95 ms'],
        e.where.elements.map((x: any) => [x.element, x.type, x.n, x.oursMeanMs, x.rawMeanMs, x.oursP95Ms, x.rawP95Ms])),
      ...(e.where.outboxDelay ? ['', 'How long our outbox rows waited between the commit that wrote them and their delivery (ms):', '',
        table(['kind', 'destination', 'n', 'p50', 'p95'], e.where.outboxDelay.map((x: any) => [x.kind, x.destination, x.n, x.p50Ms, x.p95Ms]))] : []),
      '', 'CPU and memory during our rounds:', '', usageTable(e.usage.ours), '', 'during the raw rounds:', '', usageTable(e.usage.raw));
  }
  if (s.intake && !s.intake.error) {
    const i = s.intake;
    parts.push('', '## 2. Intake', '',
      `POST productOrder at fixed rates, evenly spaced in an open model, each request timed from when it was due (coordinated omission corrected). ${i.accepted} accepted; ` +
      `${i.lostOrders} not in a final state ${i.drainSeconds} s after the last request (${i.missing} missing); final states ${JSON.stringify(i.finalStates)}.`,
      `With the broker and the workers stopped (SIGSTOP) for one more run at 50/s, the API and PostgreSQL alone answer with p99 ${i.intakeP99MsEngineFrozen} ms.`,
      '', table(['rate/s', 'engine', 's', 'sent', 'accepted', 'non-2xx', 'errors', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'bench send lag p99 ms', 'API CPU %', 'workers CPU %', 'PG CPU %', 'broker CPU %'],
        i.perRate.map((r: any) => [r.rate, r.engine, r.seconds, r.sent, r.accepted, r.non2xx, r.errors, r.p50Ms, r.p90Ms, r.p99Ms, r.maxMs, r.sendLagP99Ms,
          r.usage.api?.cpuPct, r.usage.workers?.cpuPct, r.usage.postgres?.cpuPct, r.usage.broker?.cpuPct])));
  }
  if (s.timers && !s.timers.error) {
    const t = s.timers;
    parts.push('', '## 3. Timers', '',
      `${t.timers} running steps, pre-alarms due over ${t.spreadSeconds} s; clocks started in ${t.clocksStartedInSeconds} s ` +
      `(${t.clocksStartedAfterDue} after their due time). ${t.alarmsRecorded} alarms recorded, ${t.alarmsMissing} missing.`,
      '', table(['', 'n', 'p50', 'p95', 'p99', 'max'], [
        ['lag due → alarm record (ms)', t.alarmLagMs.n, t.alarmLagMs.p50, t.alarmLagMs.p95, t.alarmLagMs.p99, t.alarmLagMs.max],
        ...Object.entries(t.alarmLagPartsMs).map(([k, v]: [string, any]) => [`  part: ${k} (ms)`, v.n, v.p50, v.p95, v.p99, v.max]),
        [`running-deadlines query, ${t.runningDeadlinesQuery.openDeadlines} open (ms)`, t.runningDeadlinesQuery.ms.n, t.runningDeadlinesQuery.ms.p50,
          t.runningDeadlinesQuery.ms.p95, t.runningDeadlinesQuery.ms.p99, t.runningDeadlinesQuery.ms.max],
      ]), '', usageTable(t.usage));
  }
  if (s.queries && !s.queries.error) {
    const q = s.queries;
    parts.push('', '## 4. Dispatcher queries', '',
      `Rows: ${Object.entries(q.rows).map(([k, v]) => `${k} ${v}`).join(', ')} (bulk load ${q.bulkLoadSeconds} s). Sequential calls through the API (ms):`,
      '', table(['query', 'n', 'p50', 'p95', 'p99', 'max'], [
        ...Object.entries(q.boardByView).map(([k, v]: [string, any]) => [`board ${k}`, v.n, v.p50, v.p95, v.p99, v.max]),
        ['board, all views', q.board.n, q.board.p50, q.board.p95, q.board.p99, q.board.max],
        ['order trace', q.orderTrace.n, q.orderTrace.p50, q.orderTrace.p95, q.orderTrace.p99, q.orderTrace.max],
        ['board summary', q.boardSummary.n, q.boardSummary.p50, q.boardSummary.p95, q.boardSummary.p99, q.boardSummary.max],
        ['running deadlines', q.runningDeadlines.n, q.runningDeadlines.p50, q.runningDeadlines.p95, q.runningDeadlines.p99, q.runningDeadlines.max],
        ['raised alarms', q.raisedAlarms.n, q.raisedAlarms.p50, q.raisedAlarms.p95, q.raisedAlarms.p99, q.raisedAlarms.max],
        ...Object.entries(q.statistics).map(([k, v]: [string, any]) => [`statistics ${k}`, v.n, v.p50, v.p95, v.p99, v.max]),
      ]), '', `Statistics: GET /api/v1/statistics as the statistics page calls it; p95 over all ranges ${q.statisticsP95Ms} ms.`);
  }
  for (const [name, sc] of Object.entries(s) as [string, any][]) {
    if (sc?.error) parts.push('', `## ${name}: failed`, '', '```', sc.error, '```');
  }
  if (findings) parts.push('', findings.trim());
  return `${parts.join('\n')}\n`;
}

export function writeResults(outDir: string, result: any, md: string): { json: string; latest: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  const json = path.join(outDir, `${stamp}.json`);
  const text = `${JSON.stringify(result, null, 2)}\n`;
  fs.writeFileSync(json, text);
  fs.writeFileSync(path.join(outDir, `${stamp}.md`), md);
  const latest = path.join(outDir, 'latest.json');
  fs.writeFileSync(latest, text);
  fs.writeFileSync(path.join(outDir, 'latest.md'), md);
  return { json, latest };
}

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createTestArea, ORDER_PATH, orderBody, runCrewsUntilDone } from '../../support/fixtures.js';
import { ftthInventory, silverCustomer, withPolicy } from '../../support/console.js';
import { waitFor } from '../../support/http.js';
import { serviceForThisFile } from '../../support/service.js';

// Registered before the service's own after(), which stops it: the policies go while the API still runs.
const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  for (const f of cleanup) await f();
});
const { svc, call } = serviceForThisFile();

const dayIn = (tz: string, at = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(at);
const stats = (query: string, key = svc.keys.dispatcher) => call('GET', `/api/v1/statistics?${query}`, { key });

test('statistics count the area\'s orders per local day, time its steps and rate each step, region and crew on time', async () => {
  const { area, address } = await createTestArea(svc.db, ftthInventory(2));
  const customer = await silverCustomer(svc.db);
  // Installation has 3 s for this customer's urgent orders: the first order's crew will be late.
  cleanup.push(await withPolicy(svc, call, { step: 'work-order:installation', customerTier: 'silver', priority: 2, limitSeconds: 3, preAlarmSeconds: 1, post: 'installation-crew-lead' }));

  const late = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ customer, address, offerings: ['ftth-300m'], priority: '2' }) });
  await waitFor('the installation limit to pass', async () => {
    const d = await call('GET', `/api/v1/deadlines?subjectId=${late.body.id}&step=work-order:installation`, { key: svc.keys.dispatcher });
    return d.body[0]?.remainingSeconds < 0;
  }, 60_000, 250);
  assert.equal(await runCrewsUntilDone(svc, late.body.id), 'completed');
  const onTime = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ customer, address, offerings: ['ftth-300m'], priority: '4' }) });
  assert.equal(await runCrewsUntilDone(svc, onTime.body.id), 'completed');

  const tz = 'Asia/Shanghai';
  const r = await stats(`area=${area}&tz=${tz}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.area, area);
  assert.equal(r.body.timeZone, tz);
  assert.equal(r.body.volumes.length, 14, 'the last 14 days by default');
  assert.equal(r.body.to, dayIn(tz));
  assert.deepEqual(r.body.volumes.at(-1), { day: dayIn(tz), received: 2, completed: 2, endedOtherwise: 0 });
  assert.ok(r.body.volumes.slice(0, -1).every((d: any) => d.received === 0 && d.completed === 0), 'a fresh area had no orders before today');
  assert.ok(r.body.leadTime.p50Ms > 0 && r.body.leadTime.p90Ms >= r.body.leadTime.p50Ms);

  const install = r.body.onTimeByStep.find((s: any) => s.step === 'work-order:installation');
  assert.deepEqual(install, { step: 'work-order:installation', name: 'Installation at the customer premises', total: 2, onTime: 1, late: 1, onTimeRate: 0.5 });
  const whole = r.body.onTimeByStep.find((s: any) => s.step === 'order');
  assert.deepEqual({ ...whole, name: undefined }, { step: 'order', name: undefined, total: 2, onTime: 2, late: 0, onTimeRate: 1 });
  const line = r.body.onTimeByStep.find((s: any) => s.step === 'work-order:line');
  assert.equal(line.onTimeRate, 1);

  const installTook = r.body.stepDurations.find((s: any) => s.step === 'work-order:installation');
  assert.equal(installTook.count, 2);
  assert.ok(installTook.p90Ms > 2000, `the late installation took over 3 s: p90 ${installTook.p90Ms}`);
  assert.ok(installTook.p50Ms <= installTook.p90Ms);
  const review = r.body.stepDurations.find((s: any) => s.step === 'order.review');
  assert.equal(review.count, 2);
  assert.equal(review.name, 'Review order');

  assert.deepEqual(r.body.regions.map((x: any) => ({ ...x, leadP50Ms: undefined, leadP90Ms: undefined })), [
    { area, received: 2, completed: 2, leadP50Ms: undefined, leadP90Ms: undefined, onTime: 2, late: 0, onTimeRate: 1 },
  ]);
  const installer = r.body.crews.find((c: any) => c.crewId === `crew-${area}-installation`);
  assert.equal(installer.closed, 2);
  assert.equal(installer.onTime, 1);
  assert.equal(installer.late, 1);
  assert.equal(installer.onTimeRate, 0.5);
  assert.ok(r.body.crews.every((c: any) => c.area === area), 'only the area\'s crews');

  // Days are local days: wherever on Earth the dispatcher is, today's orders fall on their today.
  for (const zone of ['Etc/GMT+12', 'Etc/GMT-14']) {
    const today = dayIn(zone);
    const one = await stats(`area=${area}&tz=${encodeURIComponent(zone)}&from=${today}&to=${today}`);
    assert.deepEqual(one.body.volumes, [{ day: today, received: 2, completed: 2, endedOtherwise: 0 }], zone);
    const yesterday = dayIn(zone, new Date(Date.now() - 86_400_000));
    assert.equal((await stats(`area=${area}&tz=${encodeURIComponent(zone)}&from=${yesterday}&to=${yesterday}`)).body.volumes[0].received, 0, zone);
  }
});

test('statistics of a quiet past week are zeros; bad windows are a 400; only dispatchers may read them', async () => {
  const quiet = await stats('from=2020-03-01&to=2020-03-07');
  assert.equal(quiet.status, 200);
  assert.deepEqual(quiet.body.volumes.map((d: any) => d.day), ['2020-03-01', '2020-03-02', '2020-03-03', '2020-03-04', '2020-03-05', '2020-03-06', '2020-03-07']);
  assert.ok(quiet.body.volumes.every((d: any) => d.received === 0 && d.completed === 0 && d.endedOtherwise === 0));
  assert.deepEqual([quiet.body.stepDurations, quiet.body.onTimeByStep, quiet.body.regions, quiet.body.crews], [[], [], [], []]);
  assert.deepEqual(quiet.body.leadTime, { p50Ms: null, p90Ms: null });
  assert.equal((await stats('from=2020-03-01')).body.to, '2020-03-14', 'from alone: 14 days from it');

  for (const bad of ['from=2020-03-07&to=2020-03-01', 'from=2020-02-30', 'to=yesterday', 'from=2020-01-01&to=2021-06-01', 'tz=Mars/Olympus', 'colour=red']) {
    const r = await stats(bad);
    assert.equal(r.status, 400, bad);
    assert.equal(r.body.code, '400');
  }
  assert.equal((await stats('', svc.keys.crm)).status, 403);
});

import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/index.js';
import type { ApiCall, TestService } from './service.js';

/**
 * A customer of the test's own, of a tier no seeded customer with work orders has, so a time-limit
 * policy for its tier and priority applies to this test's orders and nobody else's.
 */
export async function silverCustomer(db: Db): Promise<string> {
  const id = `cust-t-${randomUUID().slice(0, 8)}`;
  await db('customers').insert({ id, name: `Test customer ${id.slice(-8)}`, tier: 'silver', vip: false, arrears_cents: 0, credit_limit_cents: 100_000 });
  return id;
}

/** Adds a time-limit policy through the admin API; the returned function removes it again. */
export async function withPolicy(svc: TestService, call: ApiCall, body: Record<string, unknown>): Promise<() => Promise<void>> {
  const r = await call('POST', '/api/v1/sla-policies', { key: svc.keys.admin, body: { flow: 'order-fulfillment', ...body } });
  if (r.status !== 201) throw new Error(`policy refused: ${r.status} ${JSON.stringify(r.body)}`);
  return async () => {
    await call('DELETE', `/api/v1/sla-policies/${r.body.id}`, { key: svc.keys.admin });
  };
}

/** What one FTTH 300M order takes from the inventory. */
export const ftthInventory = (orders: number) => ({ pon_port: orders, splitter_port: orders, line_segment: orders, ip_address: orders, vlan: orders });

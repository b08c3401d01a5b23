import type { Db } from '../src/db/index.js';

/**
 * Synthetic history for the dispatcher queries: `orders` product orders spread over 90 days, with
 * their items, services, business resources, work orders, trace steps, deadlines and alarms,
 * written set-wise with generate_series. The read-model triggers are off during the load and the
 * board rows are filled in one statement afterwards (as the board's migration backfills them):
 * row-by-row triggers would only slow the load down.
 */
export async function bulkLoadOrders(db: Db, orders: number): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.raw('ALTER TABLE trace_events DISABLE TRIGGER trace_event_inserted');
    await trx.raw('ALTER TABLE work_orders DISABLE TRIGGER work_order_changed');
    // 7 in 12 completed, 2 in progress, 1 pending, 1 rejected, 1 cancelled.
    await trx.raw(
      `CREATE TEMP TABLE bulk ON COMMIT DROP AS
       SELECT n, gen_random_uuid() AS id, gen_random_uuid() AS service_id, gen_random_uuid() AS resource_id,
              (ARRAY['completed','completed','completed','completed','completed','completed','completed',
                     'inProgress','inProgress','pending','rejected','cancelled'])[1 + n % 12] AS state,
              (ARRAY['HZ-XH','HZ-BJ','HZ-GS'])[1 + n % 3] AS area,
              (ARRAY['addr-xh-0001','addr-bj-0001','addr-gs-0001'])[1 + n % 3] AS address,
              (ARRAY['cust-1001','cust-1002','cust-1003','cust-2001'])[1 + n % 4] AS customer,
              now() - (n * interval '90 days' / ?) AS created_at
         FROM generate_series(1, ?) n`,
      [orders, orders],
    );
    await trx.raw(
      `INSERT INTO product_orders (id, state, customer_id, address_id, area, priority, category, description, external_id,
                                   order_date, completion_date, body, created_at, updated_at)
       SELECT id, state, customer, address, area, n % 5, 'residential', 'bulk-loaded order', 'bulk-' || lpad(n::text, 7, '0'),
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
              CASE WHEN state = 'completed' THEN to_char((created_at + interval '30 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END,
              '{}'::jsonb, created_at, created_at + interval '30 hours'
         FROM bulk`,
    );
    await trx.raw(`INSERT INTO product_order_items (order_id, item_id, offering_id, action, quantity, state)
                   SELECT id, '1', 'ftth-300m', 'add', 1, state FROM bulk`);
    await trx.raw(`INSERT INTO order_services (id, order_id, item_id, service_spec_id, role, state)
                   SELECT service_id, id, '1', 'ftth-access', 'main', CASE WHEN state = 'completed' THEN 'completed' ELSE 'designed' END
                     FROM bulk WHERE state <> 'rejected'`);
    await trx.raw(`INSERT INTO business_resources (id, order_id, service_id, resource_spec_id, state)
                   SELECT resource_id, id, service_id, 'access-line', CASE WHEN state = 'completed' THEN 'completed' ELSE 'designed' END
                     FROM bulk WHERE state <> 'rejected'`);
    // Three work orders per order; an order in progress still waits for its last one.
    await trx.raw(
      `INSERT INTO work_orders (subject_type, subject_id, scope_key, order_id, business_resource_id, kind, state, crew_id, area, skill, result, created_at, accepted_at, closed_at)
       SELECT 'productOrder', b.id, b.resource_id::text, b.id, b.resource_id, k.kind,
              CASE WHEN b.state = 'completed' OR (b.state = 'inProgress' AND k.i < 3) THEN 'completed'
                   WHEN b.state = 'inProgress' THEN 'acknowledged'
                   WHEN b.state = 'cancelled' THEN 'cancelled' ELSE 'acknowledged' END,
              'crew-' || lower(b.area) || '-' || k.kind, b.area, k.kind,
              CASE WHEN b.state = 'completed' OR (b.state = 'inProgress' AND k.i < 3) THEN 'done' END,
              b.created_at + k.i * interval '2 hours', b.created_at + k.i * interval '3 hours',
              CASE WHEN b.state = 'completed' OR (b.state = 'inProgress' AND k.i < 3) THEN b.created_at + k.i * interval '8 hours' END
         FROM bulk b, (VALUES (1, 'line'), (2, 'installation'), (3, 'measurement')) k(i, kind)
        WHERE b.state IN ('completed', 'inProgress', 'cancelled')`,
    );
    // The steps each order went through, in order, an hour or so apart.
    await trx.raw(
      `INSERT INTO trace_events (order_id, kind, step, scope_key, actor, outcome, entered_at, at)
       SELECT b.id, 'step', s.step, NULL, 'workers', CASE WHEN s.step = 'order.review' AND b.state = 'rejected' THEN 'rejected' ELSE 'done' END,
              b.created_at + (s.i - 1) * interval '150 minutes', b.created_at + (s.i - 1) * interval '150 minutes' + interval '2 seconds'
         FROM bulk b
         CROSS JOIN LATERAL unnest(CASE b.state
             WHEN 'completed' THEN ARRAY['order.accept','order.review','order.decompose','order.design','work-order.dispatch','work-order.dispatch',
                                         'work-order.dispatch','resource.complete','order.complete','order.archive','order.notify-completion']
             WHEN 'inProgress' THEN ARRAY['order.accept','order.review','order.decompose','order.design','work-order.dispatch','work-order.dispatch','work-order.dispatch']
             WHEN 'pending' THEN ARRAY['order.accept','order.review','order.decompose','order.pend']
             WHEN 'rejected' THEN ARRAY['order.accept','order.review','order.reject']
             ELSE ARRAY['order.accept','order.review','order.decompose','order.design','work-order.dispatch','order.cancel'] END)
           WITH ORDINALITY s(step, i)`,
    );
    // The order's own clock and one per work order; done once the order or the work order ended.
    await trx.raw(
      `INSERT INTO deadlines (flow, subject_id, step, scope_key, post_id, started_at, warn_at, due_at, escalate_after_seconds, state, ended_at, level)
       SELECT 'order-fulfillment', b.id, 'order', '', 'dispatch-desk', b.created_at, b.created_at + interval '60 hours',
              b.created_at + interval '72 hours', 7200,
              CASE WHEN b.state IN ('inProgress', 'pending') THEN 'running' ELSE 'done' END,
              CASE WHEN b.state IN ('inProgress', 'pending') THEN NULL ELSE b.created_at + interval '30 hours' END,
              CASE WHEN b.n % 10 = 0 THEN 'alarm' ELSE 'none' END
         FROM bulk b
       UNION ALL
       SELECT 'order-fulfillment', w.order_id, 'work-order:' || w.kind, w.id::text,
              (CASE w.kind WHEN 'line' THEN 'line-crew-lead' WHEN 'installation' THEN 'installation-crew-lead' ELSE 'measurement-crew-lead' END),
              w.created_at, w.created_at + interval '20 hours', w.created_at + interval '24 hours', 7200,
              CASE WHEN w.state IN ('acknowledged', 'inProgress') THEN 'running' ELSE 'done' END,
              coalesce(w.closed_at, CASE WHEN w.state = 'cancelled' THEN w.created_at + interval '1 hour' END), 'none'
         FROM work_orders w JOIN bulk b ON b.id = w.order_id`,
    );
    await trx.raw(
      `INSERT INTO alarms (deadline_id, flow, subject_id, step, scope_key, post_id, level, state, raised_at, cleared_at)
       SELECT d.id, d.flow, d.subject_id, d.step, d.scope_key, d.post_id, 'alarm',
              CASE WHEN d.state = 'done' THEN 'cleared' ELSE 'raised' END, d.due_at, d.ended_at
         FROM deadlines d JOIN bulk b ON b.id = d.subject_id
        WHERE d.level = 'alarm'`,
    );
    // Freshly filled tables have no statistics yet (autovacuum cannot see this transaction's rows);
    // without them the lateral lookups below were planned for a handful of rows and ran for minutes.
    await trx.raw('ANALYZE bulk, work_orders, trace_events');
    await trx.raw(
      `INSERT INTO order_board (order_id, kind, subject_created_at, last_step, last_step_at, open_work_orders)
       SELECT b.id, 'productOrder', b.created_at, t.step, t.at,
              (SELECT count(*) FROM work_orders w WHERE w.order_id = b.id AND w.state IN ('acknowledged', 'inProgress'))
         FROM bulk b
         LEFT JOIN LATERAL (SELECT step, at FROM trace_events e WHERE e.order_id = b.id AND e.kind = 'step' ORDER BY e.id DESC LIMIT 1) t ON true`,
    );
    await trx.raw('ALTER TABLE trace_events ENABLE TRIGGER trace_event_inserted');
    await trx.raw('ALTER TABLE work_orders ENABLE TRIGGER work_order_changed');
  });
  // A live database has had autovacuum vacuum and analyse its tables many times by the time it
  // holds this much; measuring right after a bulk load instead measured autovacuum catching up
  // (PostgreSQL at 1.6 cores while one client read) and counts that could not use index-only
  // scans (the visibility map was empty). Every table: the other scenarios' rows count too.
  await db.raw('VACUUM (ANALYZE)');
}

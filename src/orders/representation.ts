import type { Db, Tx } from '../db/index.js';
import type { ItemRow, OrderRow } from './repository.js';

export const productOrderPath = '/tmf-api/productOrderingManagement/v4/productOrder';

type Conn = Db | Tx;

/** The TMF622 ProductOrder as clients see it: their own fields echoed unchanged, ours filled in. */
export function toProductOrder(order: OrderRow, items: ItemRow[], offeringNames: Map<string, string>): Record<string, unknown> {
  const body = order.body as unknown as Record<string, unknown> & { productOrderItem: Record<string, unknown>[] };
  const itemState = new Map(items.map((i) => [i.item_id, i.state]));
  return {
    ...body,
    id: order.id,
    href: `${productOrderPath}/${order.id}`,
    state: order.state,
    ...(order.state_reason ? { stateReason: order.state_reason } : {}),
    orderDate: order.order_date,
    ...(order.completion_date ? { completionDate: order.completion_date } : {}),
    ...(order.merged_into ? { mergedInto: { id: order.merged_into, href: `${productOrderPath}/${order.merged_into}` } } : {}),
    priority: String(order.priority),
    productOrderItem: body.productOrderItem.map((item) => {
      const offering = item.productOffering as Record<string, unknown>;
      return {
        ...item,
        quantity: item.quantity ?? 1,
        productOffering: { name: offeringNames.get(String(offering.id)), ...offering },
        state: itemState.get(String(item.id)) ?? 'acknowledged',
      };
    }),
    '@type': 'ProductOrder',
  };
}

export async function loadProductOrders(conn: Conn, orders: OrderRow[]): Promise<Record<string, unknown>[]> {
  if (orders.length === 0) return [];
  const items: ItemRow[] = await conn('product_order_items').whereIn('order_id', orders.map((o) => o.id));
  const offerings = await conn('product_offerings').whereIn('id', [...new Set(items.map((i) => i.offering_id))]).select('id', 'name');
  const names = new Map<string, string>(offerings.map((o: { id: string; name: string }) => [o.id, o.name]));
  const byOrder = new Map<string, ItemRow[]>();
  for (const i of items) byOrder.set(i.order_id, [...(byOrder.get(i.order_id) ?? []), i]);
  return orders.map((o) => toProductOrder(o, byOrder.get(o.id) ?? [], names));
}

export async function loadProductOrder(conn: Conn, id: string): Promise<Record<string, unknown> | undefined> {
  const order = await conn('product_orders').where({ id }).first();
  if (!order) return undefined;
  const [po] = await loadProductOrders(conn, [order]);
  return po;
}

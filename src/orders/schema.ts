import { z } from 'zod';

/** TMF622 v4 ProductOrder_Create, with what this service needs to fulfil an order made required. */
const Ref = z.object({ id: z.string().min(1).max(200) }).passthrough();

export const PlaceRef = z
  .object({ id: z.string().min(1).max(200).optional(), role: z.string().min(1).max(100) })
  .passthrough();

export const ProductOrderItemCreate = z
  .object({
    id: z.string().min(1).max(100),
    action: z.enum(['add', 'modify', 'delete', 'noChange']),
    quantity: z.number().int().min(1).max(100).optional(),
    productOffering: Ref,
    product: z.object({ place: z.array(PlaceRef).max(10).optional() }).passthrough().optional(),
  })
  .passthrough();

export const RelatedParty = z
  .object({ id: z.string().min(1).max(200), role: z.string().max(100).optional(), name: z.string().max(500).optional() })
  .passthrough();

export const ProductOrderCreate = z
  .object({
    externalId: z.string().max(200).optional(),
    priority: z.string().regex(/^[0-4]$/, 'priority is "0" (highest) to "4" (lowest)').optional(),
    description: z.string().max(4000).optional(),
    category: z.string().max(200).optional(),
    requestedStartDate: z.string().datetime({ offset: true }).optional(),
    requestedCompletionDate: z.string().datetime({ offset: true }).optional(),
    relatedParty: z.array(RelatedParty).min(1).max(20),
    productOrderItem: z.array(ProductOrderItemCreate).min(1).max(50),
    note: z.array(z.object({ text: z.string().max(4000) }).passthrough()).max(50).optional(),
    channel: z.array(z.object({}).passthrough()).max(10).optional(),
  })
  .passthrough()
  .superRefine((o, ctx) => {
    if (!o.relatedParty.some((p) => (p.role ?? '').toLowerCase() === 'customer')) {
      ctx.addIssue({ code: 'custom', path: ['relatedParty'], message: 'a relatedParty with role "Customer" is required' });
    }
    const ids = new Set<string>();
    o.productOrderItem.forEach((item, i) => {
      if (ids.has(item.id)) ctx.addIssue({ code: 'custom', path: ['productOrderItem', i, 'id'], message: 'duplicate item id' });
      ids.add(item.id);
    });
    if (!installationAddressOf(o)) {
      ctx.addIssue({
        code: 'custom',
        path: ['productOrderItem'],
        message: 'an item needs product.place with role "installationAddress" and the address id',
      });
    }
  });

export type ProductOrderCreate = z.infer<typeof ProductOrderCreate>;

export function customerOf(o: ProductOrderCreate): string {
  return o.relatedParty.find((p) => (p.role ?? '').toLowerCase() === 'customer')!.id;
}

export function installationAddressOf(o: { productOrderItem: { product?: { place?: { id?: string; role: string }[] } }[] }): string | undefined {
  for (const item of o.productOrderItem) {
    const place = item.product?.place?.find((p) => p.role.toLowerCase() === 'installationaddress' && p.id);
    if (place) return place.id;
  }
  return undefined;
}

export const orderStates = [
  'acknowledged', 'rejected', 'pending', 'held', 'inProgress', 'cancelled', 'completed', 'failed', 'partial',
  'assessingCancellation', 'pendingCancellation',
] as const;
export type OrderState = (typeof orderStates)[number];
export const finalOrderStates: readonly OrderState[] = ['rejected', 'cancelled', 'completed', 'failed', 'partial'];

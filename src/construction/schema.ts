import { z } from 'zod';
import { networkResourceTypes } from '../inventory/reservations.js';

/** Who asks for construction (R1.4): network build-out, maintenance, optimization, the upper-level dispatch (R3.8). */
export const constructionSources = ['network-planning', 'maintenance', 'optimization', 'upper-dispatch'] as const;

export const constructionStates = ['acknowledged', 'inProgress', 'completed', 'rejected', 'cancelled', 'failed'] as const;
export type ConstructionState = (typeof constructionStates)[number];

/** Outcomes: a construction order in one of these never changes again, and its requester has been told. */
export const finalConstructionStates: readonly ConstructionState[] = ['completed', 'rejected', 'cancelled', 'failed'];

/** The requester withdraws a construction request (R1.4); whatever was already built stays. */
export const ConstructionCancel = z.object({
  reason: z.string().trim().min(3, 'say why, in a few words').max(2000),
}).strict();

/** A requester's construction request. */
export const ConstructionOrderCreate = z.object({
  externalId: z.string().min(1).max(100).optional(),
  source: z.enum(constructionSources),
  title: z.string().min(1).max(200),
  description: z.string().max(4000).optional(),
  area: z.string().min(1).max(50),
  priority: z.number().int().min(0).max(4).default(4),
  requestedCapacity: z.array(z.object({
    type: z.enum(networkResourceTypes),
    quantity: z.number().int().min(1).max(10_000),
  }).strict()).max(20).default([]),
  callbackUrl: z.string().url().max(2000).refine((u) => /^https?:\/\//.test(u), 'callbackUrl must be http(s)').optional(),
}).strict();
export type ConstructionOrderCreate = z.infer<typeof ConstructionOrderCreate>;

/** How the design form names each kind of resource. */
export const resourceTypeLabels = {
  pon_port: 'PON port', splitter_port: 'Splitter port', line_segment: 'Line segment', ip_address: 'IP address', vlan: 'VLAN', phone_number: 'Phone number',
} satisfies Record<(typeof networkResourceTypes)[number], string>;

const NewResource = z.object({
  type: z.enum(networkResourceTypes).meta({ title: 'Type', options: resourceTypeLabels }),
  name: z.string().min(1).max(200).meta({ title: 'Name', description: 'As it will be known in the inventory, e.g. OLT-HZ-02/1/1/1' }),
}).strict();

/**
 * The design post's answer (form `construction-design`): the sites to build, what each adds to the
 * inventory, and the materials to take from the store. Whether the store holds them and each name
 * is free (once in the design, not yet in the inventory) is checked when they are reserved.
 */
export const ConstructionDesign = z.object({
  sites: z.array(z.object({
    code: z.string().min(1).max(50).meta({ title: 'Site code' }),
    /** The site's service area; the construction order's area when absent. */
    area: z.string().min(1).max(50).optional().meta({ title: 'Area', description: 'The construction order\'s area when left empty' }),
    resources: z.array(NewResource).min(1).max(200).meta({ title: 'New resources', itemLabel: 'resource' }),
  }).strict()).min(1).max(20).meta({ title: 'Sites', itemLabel: 'site' }),
  materials: z.array(z.object({
    materialId: z.string().min(1).max(100).meta({ title: 'Material', description: 'The store\'s material id, e.g. fibre-cable-24c' }),
    quantity: z.number().int().min(1).max(10_000_000).meta({ title: 'Quantity' }),
  }).strict()).max(50).default([]).meta({ title: 'Materials from the store', itemLabel: 'material' }),
  note: z.string().max(4000).optional().meta({ title: 'Note' }),
}).strict().superRefine((d, ctx) => {
  const codes = new Set<string>();
  d.sites.forEach((s, i) => {
    if (codes.has(s.code)) ctx.addIssue({ code: 'custom', path: ['sites', i, 'code'], message: `site ${s.code} appears twice` });
    codes.add(s.code);
  });
  const materials = new Set<string>();
  d.materials.forEach((m, i) => {
    if (materials.has(m.materialId)) ctx.addIssue({ code: 'custom', path: ['materials', i, 'materialId'], message: `material ${m.materialId} appears twice` });
    materials.add(m.materialId);
  });
});
export type ConstructionDesign = z.infer<typeof ConstructionDesign>;

/** The approving post's answer (form `construction-approval`); a rejection must say why. */
export const ConstructionApproval = z.object({
  approved: z.boolean().meta({ title: 'Decision', options: { true: 'Approve', false: 'Reject' } }),
  note: z.string().max(2000).optional().meta({ title: 'Note', description: 'Required when you reject: the requester is told the reason' }),
}).strict().refine((d) => d.approved || (d.note ?? '').trim().length > 0, {
  message: 'note (the reason) is required when the request is rejected',
  path: ['note'],
});

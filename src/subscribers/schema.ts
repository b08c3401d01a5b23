import { z } from 'zod';
import { serviceTypes } from '../network/elements.js';

export const commandKinds = ['suspend', 'resume'] as const;
export type CommandKind = (typeof commandKinds)[number];
export const commandStates = ['received', 'inProgress', 'completed', 'skipped'] as const;
export type CommandState = (typeof commandStates)[number];

/** One billing command: arrears suspension (欠费停机) or payment resumption (缴费复机) of a subscriber's services. */
export const SubscriberCommandInput = z.object({
  eventId: z.string().min(1).max(200),
  subscriberId: z.string().min(1).max(100),
  command: z.enum(commandKinds),
  reason: z.string().min(1).max(500),
  issuedAt: z.string().datetime({ offset: true }),
  sequence: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  services: z.array(z.object({ id: z.string().min(1).max(100), type: z.enum(serviceTypes) }).strict())
    .min(1).max(20)
    .refine((s) => new Set(s.map((x) => x.id)).size === s.length, { message: 'service ids must be unique' }),
  callbackUrl: z.string().url().max(2000).refine((u) => /^https?:\/\//.test(u), { message: 'callbackUrl must be http(s)' }),
}).strict();
export type SubscriberCommandInput = z.infer<typeof SubscriberCommandInput>;

// 500 commands stay well inside the API's 256 kB body limit.
export const MAX_BATCH = 500;
export const SubscriberCommandBatch = z.object({
  commands: z.array(SubscriberCommandInput).min(1).max(MAX_BATCH),
}).strict();

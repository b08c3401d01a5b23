import { z } from 'zod';
import { ConstructionApproval, ConstructionDesign } from '../construction/schema.js';
import type { PostTaskField } from './field.js';
import { fieldsOf } from './fields.js';

/**
 * What each kind of post task asks for, keyed by the user task's form key in the BPMN. The
 * completion's data is checked here before the flow sees it: the gateways after a user task
 * read these variables and must not meet a shape nobody foresaw.
 */
export const postTaskForms = {
  'callback-survey': {
    title: 'Call the customer back (回访)',
    data: z.object({
      reached: z.boolean().meta({ title: 'Did you reach the customer?', options: { true: 'Reached', false: 'Not reached' } }),
      satisfaction: z.number().int().min(1).max(5).optional().meta({ title: 'Satisfaction (1–5)', description: 'Required when the customer was reached' }),
      comment: z.string().max(2000).optional().meta({ title: 'Comment' }),
    }).strict().refine((d) => !d.reached || d.satisfaction !== undefined, { message: 'satisfaction (1–5) is required when the customer was reached', path: ['satisfaction'] }),
  },
  'complaint-handling': {
    title: 'Handle the complaint (投诉处理)',
    data: z.object({
      outcome: z.enum(['resolved', 'followUp', 'rejected']).meta({
        title: 'Outcome', options: { resolved: 'Resolved', followUp: 'Needs follow-up', rejected: 'Unfounded: reject it' },
      }),
      note: z.string().min(1).max(4000).meta({ title: 'What was done' }),
    }).strict(),
  },
  'construction-approval': {
    title: 'Approve the construction request (审批)',
    data: ConstructionApproval,
  },
  'construction-design': {
    title: 'Design the construction: sites, new resources, materials (设计)',
    data: ConstructionDesign,
  },
} as const;

export type PostTaskForm = keyof typeof postTaskForms;

export const isPostTaskForm = (key: string): key is PostTaskForm => Object.hasOwn(postTaskForms, key);

/** Each form's inputs for the browser, read once at start-up (a form that cannot be shown stops it). */
export const postTaskFields = Object.fromEntries(
  Object.entries(postTaskForms).map(([key, form]) => [key, fieldsOf(form.data)]),
) as Record<PostTaskForm, PostTaskField[]>;

import { wordsOf, type PostTaskField } from '../../../src/post-tasks/field';
import type { Me } from '../api';

/** An open task of a post, as `GET /api/v1/tasks` lists it (api/openapi.ts: PostTask). */
export interface PostTask {
  id: string;
  name: string;
  post: string;
  formKey: string;
  fields: PostTaskField[];
  processId: string;
  subjectId: string | null;
  /** The request or ticket as it stands now (src/post-tasks/subjects.ts). */
  subject: { type: string; title: string; facts: { label: string; value: string }[] } | null;
  context: Record<string, unknown>;
  createdAt: string;
}

/** What kind of thing the task is about, named after its type or the flow variable holding its id ("constructionOrderId" → "Construction order"). */
export function subjectKind(task: PostTask): string {
  const key = task.subject?.type ?? Object.keys(task.context).find((k) => task.context[k] === task.subjectId)?.replace(/Id$/, '');
  return wordsOf(key ?? 'subject');
}

/** What to read before answering: the subject's facts, then the flow's plain values (a design's earlier problem). */
export const factsOf = (task: PostTask): { label: string; value: string }[] => [
  ...(task.subject?.facts ?? []),
  ...Object.entries(task.context)
    .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v) && v !== task.subjectId)
    .map(([k, v]) => ({ label: wordsOf(k), value: String(v) })),
];

/** As the server's rule (mayActOn): a holder of the post, or an administrator; a dispatcher only watches. */
export const mayAnswer = (me: Me | null, task: PostTask) => !!me && (me.roles.includes('admin') || me.posts.includes(task.post));

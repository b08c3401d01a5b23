import type { Principal } from '../auth/keys.js';
import type { Db, Tx } from '../db/index.js';
import { enqueue } from '../outbox/index.js';
import { recordStep } from '../trace/index.js';
import { isPostTaskForm, postTaskForms } from './forms.js';

type Conn = Db | Tx;

export interface PostTaskRow {
  id: string;
  element_instance_key: string;
  job_key: string;
  process_instance_key: string;
  bpmn_process_id: string;
  element_id: string;
  name: string;
  post: string;
  form_key: string;
  subject_id: string | null;
  context: Record<string, unknown>;
  state: 'open' | 'completed' | 'cancelled';
  result: Record<string, unknown> | null;
  completed_by: string | null;
  created_at: Date;
  completed_at: Date | null;
}

export class PostTaskConflict extends Error {}
export class PostTaskForbidden extends Error {}
export class PostTaskInvalid extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

export interface UserTaskJob {
  key: string;
  elementInstanceKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  post: string;
  formKey: string;
  subjectId: string | null;
  variables: Record<string, unknown>;
}

/** Files a user task for its post (once per activation of the task; a redelivered job changes nothing). */
export async function filePostTask(db: Db, job: UserTaskJob): Promise<void> {
  if (!isPostTaskForm(job.formKey)) throw new Error(`user task ${job.elementId} has unknown form key ${job.formKey}`);
  await db('post_tasks')
    .insert({
      element_instance_key: job.elementInstanceKey,
      job_key: job.key,
      process_instance_key: job.processInstanceKey,
      bpmn_process_id: job.bpmnProcessId,
      element_id: job.elementId,
      name: postTaskForms[job.formKey].title,
      post: job.post,
      form_key: job.formKey,
      subject_id: job.subjectId,
      context: JSON.stringify(job.variables),
    })
    .onConflict('element_instance_key')
    .ignore();
}

/** Open tasks, oldest first; a task whose flow was cancelled under it is not shown as open. */
export function openPostTasks(conn: Conn, filter: { posts?: string[]; subjectId?: string }) {
  const q = conn('post_tasks as t')
    .where('t.state', 'open')
    .whereNotExists((sub) => sub.select(1).from('zeebe_jobs as j').whereRaw('j.key = t.job_key').where('j.state', 'canceled'))
    .orderBy('t.created_at')
    .orderBy('t.id')
    .select('t.*');
  if (filter.posts) q.whereIn('t.post', filter.posts);
  if (filter.subjectId) q.where('t.subject_id', filter.subjectId);
  return q;
}

export const mayActOn = (p: Principal, task: Pick<PostTaskRow, 'post'>) => p.roles.includes('admin') || p.posts.includes(task.post);

/**
 * The post's answer: checked against the task's form, recorded with who gave it, and handed to
 * the broker through the outbox, so a broker outage only delays the flow.
 */
export async function completePostTask(trx: Tx, id: string, data: unknown, actor: Principal): Promise<PostTaskRow> {
  const task: PostTaskRow | undefined = await trx('post_tasks').where({ id }).forUpdate().first();
  if (!task) throw new Error(`post task ${id} does not exist`);
  if (!mayActOn(actor, task)) throw new PostTaskForbidden(`only the post ${task.post} may act on this task`);
  if (task.state !== 'open') throw new PostTaskConflict(`task is ${task.state}`);
  const cancelled = await trx('zeebe_jobs').where({ key: task.job_key, state: 'canceled' }).first();
  if (cancelled) throw new PostTaskConflict('the flow no longer waits for this task');
  if (!isPostTaskForm(task.form_key)) throw new Error(`task ${id} has unknown form key ${task.form_key}`);
  const parsed = postTaskForms[task.form_key].data.safeParse(data, { error: missingIsRequired });
  if (!parsed.success) throw new PostTaskInvalid(parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`));
  const [row] = await trx('post_tasks')
    .where({ id })
    .update({ state: 'completed', result: JSON.stringify(parsed.data), completed_by: actor.id, completed_at: trx.fn.now() })
    .returning('*');
  if (task.subject_id) {
    await recordStep(trx, {
      orderId: task.subject_id,
      step: `post-task:${task.form_key}`,
      scopeKey: task.id,
      actor: actor.name,
      outcome: 'completed',
      enteredAt: task.created_at,
      details: { post: task.post, ...parsed.data },
    });
  }
  await enqueue(trx, {
    kind: 'zeebe-complete-job',
    jobKey: task.job_key,
    variables: { [camel(task.form_key)]: parsed.data },
    orderId: task.subject_id,
  });
  return row;
}

/** "approved: is required" reads better to the person at the form than zod's "expected boolean, received undefined". */
const missingIsRequired = (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : undefined);

/** `callback-survey` → `callbackSurvey`: the variable the flow reads the answer from. */
const camel = (key: string) => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

import { Router } from 'express';
import { z } from 'zod';
import type { Principal } from '../../src/auth/keys.js';
import type { Db } from '../../src/db/index.js';
import { isPostTaskForm, postTaskFields } from '../../src/post-tasks/forms.js';
import {
  completePostTask, openPostTasks, PostTaskConflict, PostTaskForbidden, PostTaskInvalid, type PostTaskRow,
} from '../../src/post-tasks/repository.js';
import { subjectsOf, type TaskSubject } from '../../src/post-tasks/subjects.js';
import { badRequest, conflict, forbidden, fromZod, notFound } from '../errors.js';

export function toPostTask(t: PostTaskRow, subject: TaskSubject | null) {
  return {
    id: t.id,
    name: t.name,
    post: t.post,
    formKey: t.form_key,
    fields: isPostTaskForm(t.form_key) ? postTaskFields[t.form_key] : [],
    processId: t.bpmn_process_id,
    elementId: t.element_id,
    subjectId: t.subject_id,
    subject,
    context: t.context,
    state: t.state,
    result: t.result,
    createdAt: new Date(t.created_at).toISOString(),
    completedAt: t.completed_at ? new Date(t.completed_at).toISOString() : null,
  };
}

const Complete = z.object({ data: z.record(z.string(), z.unknown()) }).strict();
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function represent(db: Db, tasks: PostTaskRow[]) {
  const subjects = await subjectsOf(db, tasks.map((t) => t.subject_id));
  return tasks.map((t) => toPostTask(t, (t.subject_id && subjects.get(t.subject_id)) || null));
}

/** Everyone sees the tasks of their own posts; dispatchers and administrators see every post's. */
const seesAll = (p: Principal) => p.roles.includes('admin') || p.roles.includes('dispatcher');

/** Tasks for posts (岗位): approvals, complaint handling, callback surveys (R4.3, R5.1, R5.2). */
export function postTaskRoutes(deps: { db: Db; onOutboxWrite: () => void }): Router {
  const { db } = deps;
  const r = Router();

  r.get('/tasks', async (req, res) => {
    const p = req.principal!;
    const post = typeof req.query.post === 'string' ? req.query.post : undefined;
    const subjectId = typeof req.query.subjectId === 'string' ? req.query.subjectId : undefined;
    if (subjectId && !uuid.test(subjectId)) throw badRequest('subjectId must be a uuid');
    const posts = seesAll(p) ? (post ? [post] : undefined) : post ? p.posts.filter((x) => x === post) : p.posts;
    res.json(await represent(db, await openPostTasks(db, { posts, subjectId })));
  });

  r.post('/tasks/:id/complete', async (req, res) => {
    const id = String(req.params.id);
    const parsed = Complete.safeParse(req.body ?? {});
    if (!parsed.success) throw fromZod(parsed.error);
    if (!uuid.test(id) || !(await db('post_tasks').where({ id }).first('id'))) throw notFound(`task ${id}`);
    try {
      const task = await db.transaction((trx) => completePostTask(trx, id, parsed.data.data, req.principal!));
      deps.onOutboxWrite();
      res.json((await represent(db, [task]))[0]);
    } catch (err) {
      if (err instanceof PostTaskForbidden) throw forbidden(err.message);
      if (err instanceof PostTaskConflict) throw conflict(err.message);
      if (err instanceof PostTaskInvalid) throw badRequest(err.message, err.problems);
      throw err;
    }
  });
  return r;
}

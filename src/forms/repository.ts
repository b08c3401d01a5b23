import type { Db, Tx } from '../db/index.js';
import type { FormSchema } from './schema.js';

type Conn = Db | Tx;

export interface FormRef {
  id: string;
  version: number;
}

export interface FormVersion extends FormRef {
  schema: FormSchema;
  createdAt: Date;
  createdBy: string;
}

export interface FormSummary {
  id: string;
  name: string;
  createdAt: Date;
  createdBy: string;
  versions: { version: number; createdAt: Date; createdBy: string }[];
  steps: { step: string; version: number }[];
}

export class FormConflict extends Error {}

/** The step name of a work-order kind (src/work-orders/repository.ts uses the same for the trace and time limits). */
const workOrderStepPrefix = 'work-order:';

const toVersion = (r: { form_id: string; version: number; schema: FormSchema; created_at: Date; created_by: string }): FormVersion => ({
  id: r.form_id, version: r.version, schema: r.schema, createdAt: r.created_at, createdBy: r.created_by,
});

export async function listForms(conn: Conn, only?: string): Promise<FormSummary[]> {
  const forms: { id: string; name: string; created_at: Date; created_by: string }[] = await conn('forms').where(only ? { id: only } : {}).orderBy('id');
  const versions: { form_id: string; version: number; created_at: Date; created_by: string }[] = await conn('form_versions')
    .where(only ? { form_id: only } : {}).select('form_id', 'version', 'created_at', 'created_by').orderBy('version', 'desc');
  const links: { step: string; form_id: string; version: number }[] = await conn('step_forms').where(only ? { form_id: only } : {}).orderBy('step');
  return forms.map((f) => ({
    id: f.id,
    name: f.name,
    createdAt: f.created_at,
    createdBy: f.created_by,
    versions: versions.filter((v) => v.form_id === f.id).map((v) => ({ version: v.version, createdAt: v.created_at, createdBy: v.created_by })),
    steps: links.filter((l) => l.form_id === f.id).map((l) => ({ step: l.step, version: l.version })),
  }));
}

export async function getFormVersion(conn: Conn, ref: FormRef): Promise<FormVersion | undefined> {
  const row = await conn('form_versions').where({ form_id: ref.id, version: ref.version }).first();
  return row ? toVersion(row) : undefined;
}

/** A new form with its first version. */
export async function createForm(trx: Tx, input: { id: string; name: string; schema: FormSchema }, actor: string): Promise<FormVersion> {
  const [created] = await trx('forms').insert({ id: input.id, name: input.name, created_by: actor }).onConflict('id').ignore().returning('id');
  if (!created) throw new FormConflict(`form ${input.id} exists; publish a new version of it instead`);
  const [row] = await trx('form_versions').insert({ form_id: input.id, version: 1, schema: JSON.stringify(input.schema), created_by: actor }).returning('*');
  return toVersion(row);
}

/** Publishes the next version; earlier versions stay as they were. Undefined when the form does not exist. */
export async function publishVersion(trx: Tx, formId: string, schema: FormSchema, actor: string): Promise<FormVersion | undefined> {
  // The form's row lock makes concurrent publishes number their versions one after the other.
  const form = await trx('forms').where({ id: formId }).forUpdate().first();
  if (!form) return undefined;
  const last = await trx('form_versions').where({ form_id: formId }).max({ version: 'version' }).first();
  const [row] = await trx('form_versions')
    .insert({ form_id: formId, version: Number(last?.version ?? 0) + 1, schema: JSON.stringify(schema), created_by: actor })
    .returning('*');
  return toVersion(row);
}

export interface KindStep {
  kind: string;
  name: string;
  skill: string;
  step: string;
  form: FormRef | null;
}

/**
 * Every work-order kind with its step and the form that step shows now (null: none), in one
 * statement: the crews' lists and every close show these, so they cost one round trip, not two.
 */
export async function workOrderKindSteps(conn: Conn): Promise<KindStep[]> {
  const [lookup] = await conn.select({
    kinds: conn('work_order_kinds').select(conn.raw("coalesce(json_agg(json_build_object('kind', kind, 'name', name, 'skill', skill) ORDER BY kind), '[]')")),
    links: conn('step_forms').select(conn.raw("coalesce(json_agg(json_build_object('step', step, 'form_id', form_id, 'version', version)), '[]')")),
  });
  const links = new Map((lookup.links as { step: string; form_id: string; version: number }[]).map((l) => [l.step, { id: l.form_id, version: l.version }]));
  return (lookup.kinds as { kind: string; name: string; skill: string }[]).map((k) => {
    const step = `${workOrderStepPrefix}${k.kind}`;
    return { kind: k.kind, name: k.name, skill: k.skill, step, form: links.get(step) ?? null };
  });
}

/** The steps a form can be linked to, with the form each one uses now (null: the step has no form). */
export async function stepForms(conn: Conn): Promise<{ step: string; name: string; form: FormRef | null }[]> {
  return (await workOrderKindSteps(conn)).map(({ step, name, form }) => ({ step, name, form }));
}

export async function isKnownStep(conn: Conn, step: string): Promise<boolean> {
  if (!step.startsWith(workOrderStepPrefix)) return false;
  return !!(await conn('work_order_kinds').where({ kind: step.slice(workOrderStepPrefix.length) }).first());
}

/** From now on the step shows this version; work already closed keeps the version it was closed with. */
export async function linkStep(conn: Conn, step: string, ref: FormRef, actor: string): Promise<void> {
  await conn('step_forms')
    .insert({ step, form_id: ref.id, version: ref.version, linked_by: actor, linked_at: conn.fn.now() })
    .onConflict('step')
    .merge();
}

export async function linkedForm(conn: Conn, step: string): Promise<FormVersion | undefined> {
  const link = await conn('step_forms').where({ step }).first();
  return link ? getFormVersion(conn, { id: link.form_id, version: link.version }) : undefined;
}

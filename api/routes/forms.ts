import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../src/db/index.js';
import {
  createForm, FormConflict, getFormVersion, isKnownStep, linkStep, listForms, publishVersion, stepForms,
} from '../../src/forms/repository.js';
import { FormSchemaInput, schemaProblems, type FormSchema } from '../../src/forms/schema.js';
import { allow } from '../auth.js';
import { badRequest, conflict, fromZod, notFound } from '../errors.js';

const FormCreate = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes; 2 to 63'),
  name: z.string().min(1).max(200),
  schema: FormSchemaInput,
}).strict();
const VersionCreate = z.object({ schema: FormSchemaInput }).strict();
const Link = z.object({ formId: z.string().min(1).max(63), version: z.number().int().min(1) }).strict();

/** A form the server could not check submissions against is refused before it is published. */
function checkedSchema(schema: z.infer<typeof FormSchemaInput>): FormSchema {
  const problems = schemaProblems(schema as FormSchema);
  if (problems.length) throw badRequest(`the form cannot be published: ${problems.join('; ')}`, problems);
  return schema as FormSchema;
}

const positiveInt = (s: string) => (/^[1-9]\d{0,8}$/.test(s) ? Number(s) : null);

/**
 * Step forms (R4.4): designers edit form-js forms, publish immutable versions and link a version
 * to a step; crews read the version their work order's step shows.
 */
export function formRoutes(deps: { db: Db }): Router {
  const { db } = deps;
  const r = Router();

  r.get('/forms', allow('designer'), async (_req, res) => {
    res.json(await listForms(db));
  });

  r.post('/forms', allow('designer'), async (req, res) => {
    const parsed = FormCreate.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const schema = checkedSchema(parsed.data.schema);
    try {
      const version = await db.transaction((trx) => createForm(trx, { ...parsed.data, schema }, req.principal!.name));
      res.status(201).json(version);
    } catch (err) {
      if (err instanceof FormConflict) throw conflict(err.message);
      throw err;
    }
  });

  r.get('/forms/:id', allow('designer'), async (req, res) => {
    const [form] = await listForms(db, String(req.params.id));
    if (!form) throw notFound(`form ${req.params.id}`);
    res.json(form);
  });

  r.post('/forms/:id/versions', allow('designer'), async (req, res) => {
    const parsed = VersionCreate.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const schema = checkedSchema(parsed.data.schema);
    const version = await db.transaction((trx) => publishVersion(trx, String(req.params.id), schema, req.principal!.name));
    if (!version) throw notFound(`form ${req.params.id}`);
    res.status(201).json(version);
  });

  // Crews read the form their work order names; a published version never changes, so it may be cached.
  r.get('/forms/:id/versions/:version', allow('designer', 'crew', 'dispatcher'), async (req, res) => {
    const version = positiveInt(String(req.params.version));
    const found = version ? await getFormVersion(db, { id: String(req.params.id), version }) : undefined;
    if (!found) throw notFound(`version ${req.params.version} of form ${req.params.id}`);
    res.set('cache-control', 'private, max-age=86400, immutable').json(found);
  });

  r.get('/step-forms', allow('designer', 'dispatcher'), async (_req, res) => {
    res.json(await stepForms(db));
  });

  r.put('/step-forms/:step', allow('designer'), async (req, res) => {
    const parsed = Link.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const step = String(req.params.step);
    if (!(await isKnownStep(db, step))) throw notFound(`step ${step}`);
    const ref = { id: parsed.data.formId, version: parsed.data.version };
    if (!(await getFormVersion(db, ref))) throw badRequest(`form ${ref.id} has no version ${ref.version}`);
    await linkStep(db, step, ref, req.principal!.name);
    res.json((await stepForms(db)).find((s) => s.step === step));
  });

  return r;
}

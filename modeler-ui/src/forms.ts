/** Step forms as the API serves them (api/openapi.ts: FormVersion, Form, StepForm). */
export interface FormRef {
  id: string;
  version: number;
}

export interface FormSchema {
  type: 'default';
  components: unknown[];
  [k: string]: unknown;
}

export interface FormVersion extends FormRef {
  schema: FormSchema;
  createdAt: string;
  createdBy: string;
}

export interface FormSummary {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
  versions: { version: number; createdAt: string; createdBy: string }[];
  steps: { step: string; version: number }[];
}

export interface StepForm {
  step: string;
  name: string;
  form: FormRef | null;
}

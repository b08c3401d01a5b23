import type { Db, Tx } from '../db/index.js';
import type { Zeebe } from '../zeebe/client.js';

type Conn = Db | Tx;

/**
 * Incidents as the PostgreSQL exporter (exporters/postgres-exporter) records them: Zeebe 8.6
 * without Operate has no API that lists them. Keys are strings, as the Zeebe client takes them.
 */
export interface OpenIncident {
  key: string;
  bpmnProcessId: string | null;
  processInstanceKey: string | null;
  elementInstanceKey: string | null;
  elementId: string | null;
  /** Set when a job ran out of retries. */
  jobKey: string | null;
  /** Zeebe's ErrorType, e.g. JOB_NO_RETRIES, IO_MAPPING_ERROR. */
  errorType: string;
  errorMessage: string | null;
  createdAt: Date | null;
}

interface IncidentRow {
  key: string;
  bpmn_process_id: string | null;
  process_instance_key: string | null;
  element_instance_key: string | null;
  element_id: string | null;
  job_key: string | null;
  error_type: string;
  error_message: string | null;
  state: 'created' | 'resolved';
  created_time: Date | null;
}

/** Unresolved incidents, oldest first; those of one process instance when its key is given. */
export async function openIncidents(conn: Conn, filter: { processInstanceKey?: string } = {}): Promise<OpenIncident[]> {
  const q = conn<IncidentRow>('zeebe_incidents').where({ state: 'created' });
  if (filter.processInstanceKey) q.andWhere({ process_instance_key: filter.processInstanceKey });
  const rows = await q.orderBy([{ column: 'created_time' }, { column: 'key' }]);
  return rows.map((r) => ({
    key: r.key,
    bpmnProcessId: r.bpmn_process_id,
    processInstanceKey: r.process_instance_key,
    elementInstanceKey: r.element_instance_key,
    elementId: r.element_id,
    jobKey: r.job_key,
    errorType: r.error_type,
    errorMessage: r.error_message,
    createdAt: r.created_time,
  }));
}

/**
 * Retries the step behind an incident once its cause has been fixed. A job incident needs its
 * job's retries raised first: resolving alone would leave the job at 0 retries and Zeebe would
 * raise the incident again at once.
 */
export async function retryIncident(zeebe: Zeebe, incident: Pick<OpenIncident, 'key' | 'jobKey'>, retries = 1): Promise<void> {
  if (incident.jobKey) await zeebe.updateJobRetries({ jobKey: incident.jobKey, retries });
  await zeebe.resolveIncident({ incidentKey: incident.key });
}

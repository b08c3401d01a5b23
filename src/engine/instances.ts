import type { Db, Tx } from '../db/index.js';

type Conn = Db | Tx;

/** Process and element instances as the PostgreSQL exporter records them; keys are strings. */
export type InstanceState = 'active' | 'completed' | 'terminated';

export interface ProcessInstance {
  key: string;
  bpmnProcessId: string;
  version: number;
  state: InstanceState;
  /** Set when a call activity started this instance. */
  parentProcessInstanceKey: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

export interface ActiveElement {
  key: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  /** Zeebe's BpmnElementType: SERVICE_TASK, INTERMEDIATE_CATCH_EVENT, CALL_ACTIVITY, SUB_PROCESS, MULTI_INSTANCE_BODY, … */
  elementType: string;
  startedAt: Date | null;
}

/** Undefined until the exporter has written the instance (it lags the broker by a fraction of a second). */
export async function getProcessInstance(conn: Conn, key: string): Promise<ProcessInstance | undefined> {
  const r = await conn('zeebe_process_instances').where({ key }).first();
  if (!r) return undefined;
  return {
    key: r.key,
    bpmnProcessId: r.bpmn_process_id,
    version: r.version,
    state: r.state,
    parentProcessInstanceKey: r.parent_process_instance_key,
    startedAt: r.start_time,
    endedAt: r.end_time,
  };
}

export async function isProcessInstanceActive(conn: Conn, key: string): Promise<boolean> {
  return (await getProcessInstance(conn, key))?.state === 'active';
}

/**
 * The elements an instance is at now — its own and those of the instances its call activities
 * started, down the whole tree — oldest first. Containers (sub-processes, multi-instance bodies,
 * call activities) are included; the elements with no active element inside are the current steps.
 */
export async function activeElements(conn: Conn, processInstanceKey: string): Promise<ActiveElement[]> {
  const { rows } = await conn.raw<{ rows: Record<string, unknown>[] }>(
    `WITH RECURSIVE tree AS (
       SELECT key, bpmn_process_id FROM zeebe_process_instances WHERE key = ?
       UNION ALL
       SELECT c.key, c.bpmn_process_id FROM zeebe_process_instances c
         JOIN tree ON c.parent_process_instance_key = tree.key AND c.state = 'active'
     )
     SELECT e.key, e.process_instance_key, tree.bpmn_process_id, e.element_id, e.element_type, e.start_time
       FROM tree JOIN zeebe_element_instances e ON e.process_instance_key = tree.key AND e.state = 'active'
      ORDER BY e.start_time, e.key`,
    [processInstanceKey],
  );
  return rows.map((r) => ({
    key: r.key as string,
    processInstanceKey: r.process_instance_key as string,
    bpmnProcessId: r.bpmn_process_id as string,
    elementId: r.element_id as string,
    elementType: r.element_type as string,
    startedAt: r.start_time as Date | null,
  }));
}

import { publishJeopardyEvent } from '../orders/events.js';
import type { JeopardyNotifier } from './check.js';

/** Each flow's way of telling its requester about jeopardy; a flow without one only records the alarm. */
const notifiers: Record<string, JeopardyNotifier> = {
  'order-fulfillment': (trx, alarm) => publishJeopardyEvent(trx, alarm.subject_id, alarm),
};

export const notifyJeopardy: JeopardyNotifier = async (trx, alarm, deadline) => {
  await notifiers[alarm.flow]?.(trx, alarm, deadline);
};

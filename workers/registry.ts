import type { WorkerDefinition } from './define.js';
import type { WorkerDeps } from './deps.js';
import { constructionAccept } from './handlers/construction-accept.js';
import { constructionArchive } from './handlers/construction-archive.js';
import { constructionCancel } from './handlers/construction-cancel.js';
import { constructionCheckAcceptance } from './handlers/construction-check-acceptance.js';
import { constructionReject } from './handlers/construction-reject.js';
import { constructionReserve } from './handlers/construction-reserve.js';
import { orderAccept } from './handlers/order-accept.js';
import { orderAmend } from './handlers/order-amend.js';
import { orderArchive } from './handlers/order-archive.js';
import { orderCancel } from './handlers/order-cancel.js';
import { orderComplete } from './handlers/order-complete.js';
import { orderDecompose } from './handlers/order-decompose.js';
import { orderDesign } from './handlers/order-design.js';
import { orderFail } from './handlers/order-fail.js';
import { orderNotifyCompletion } from './handlers/order-notify-completion.js';
import { orderMerge } from './handlers/order-merge.js';
import { orderPend } from './handlers/order-pend.js';
import { orderReject } from './handlers/order-reject.js';
import { orderResume } from './handlers/order-resume.js';
import { orderReview } from './handlers/order-review.js';
import { resourceComplete } from './handlers/resource-complete.js';
import { slaCheck } from './handlers/sla-check.js';
import { workOrderCheckHold } from './handlers/work-order-check-hold.js';
import { subscriberCheckSequence } from './handlers/subscriber-check-sequence.js';
import { subscriberConfirmBilling } from './handlers/subscriber-confirm-billing.js';
import { subscriberResumeNetwork } from './handlers/subscriber-resume-network.js';
import { subscriberSuspendNetwork } from './handlers/subscriber-suspend-network.js';
import { workOrderDispatch } from './handlers/work-order-dispatch.js';
import { ticketAccept } from './handlers/ticket-accept.js';
import { ticketDiagnose } from './handlers/ticket-diagnose.js';
import { ticketCorrelate } from './handlers/ticket-correlate.js';
import { ticketPlanRepair } from './handlers/ticket-plan-repair.js';
import { ticketResolve } from './handlers/ticket-resolve.js';
import { ticketReject } from './handlers/ticket-reject.js';
import { ticketWithdraw } from './handlers/ticket-withdraw.js';
import { ticketClose } from './handlers/ticket-close.js';
import { ticketReopen } from './handlers/ticket-reopen.js';
import { ticketCancel } from './handlers/ticket-cancel.js';
import { ticketRecordSurvey } from './handlers/ticket-record-survey.js';

/** Every job type the BPMN in processes/ uses, each with its worker factory. */
export const workerFactories: ((deps: WorkerDeps) => WorkerDefinition)[] = [
  orderAccept,
  orderReview,
  orderReject,
  orderMerge,
  orderDecompose,
  orderDesign,
  orderPend,
  orderAmend,
  workOrderCheckHold,
  workOrderDispatch,
  resourceComplete,
  orderFail,
  orderComplete,
  orderArchive,
  orderNotifyCompletion,
  orderCancel,
  orderResume,
  slaCheck,
  subscriberCheckSequence,
  subscriberSuspendNetwork,
  subscriberResumeNetwork,
  subscriberConfirmBilling,
  ticketAccept,
  ticketDiagnose,
  ticketCorrelate,
  ticketPlanRepair,
  ticketResolve,
  ticketReject,
  ticketWithdraw,
  ticketClose,
  ticketReopen,
  ticketCancel,
  ticketRecordSurvey,
  constructionAccept,
  constructionReserve,
  constructionCheckAcceptance,
  constructionArchive,
  constructionReject,
  constructionCancel,
];

export function buildWorkers(deps: WorkerDeps): WorkerDefinition[] {
  return workerFactories.map((f) => f(deps));
}

/** One order on the dispatcher board; shared with the browser app (modeler-ui). */
export interface BoardRow {
  id: string;
  externalId: string | null;
  customerId: string;
  state: string;
  area: string | null;
  priority: number;
  currentStep: string | null;
  stepSince: string | null;
  openWorkOrders: number;
  createdAt: string;
  ageSeconds: number;
}

/**
 * The network elements a subscriber's services live on, and the one operation suspend/resume
 * needs from them. A real element manager (or one adapter per vendor EMS) implements
 * `NetworkElements`; so does the simulator in ./simulator.ts, reached through ./http-adapter.ts.
 */
export const elementKinds = ['switch', 'hlr-hss', 'bras'] as const;
export type ElementKind = (typeof elementKinds)[number];

export const serviceTypes = ['fixed-voice', 'mobile-voice', 'mobile-data', 'broadband'] as const;
export type ServiceType = (typeof serviceTypes)[number];

/** Where each kind of service is barred: the local switch for fixed lines, the HLR/HSS for mobile, the BRAS for broadband. */
export const elementOf: Record<ServiceType, ElementKind> = {
  'fixed-voice': 'switch',
  'mobile-voice': 'hlr-hss',
  'mobile-data': 'hlr-hss',
  broadband: 'bras',
};

export type BarringAction = 'suspend' | 'resume';

export interface ElementCommand {
  /** Ours, per billing command: an element manager that sees it twice applies it once. */
  commandId: string;
  element: ElementKind;
  subscriberId: string;
  serviceId: string;
  action: BarringAction;
  /** Billing's sequence: an element that already applied a newer command ignores an older one arriving late. */
  sequence: number;
}

export interface ElementReceipt {
  element: ElementKind;
  serviceId: string;
  state: 'barred' | 'active';
  /** True when the element had already applied this command (a retry after a lost answer). */
  repeated: boolean;
}

/** The element refused, failed or did not answer in time; worth trying again later. */
export class NetworkElementError extends Error {
  constructor(readonly element: ElementKind | 'line-test', message: string) {
    super(`${element}: ${message}`);
  }
}

/** A line test (线路测试) on a resource, for fault diagnosis; `path` is the resource and the elements above it. */
export interface LineTest {
  testId: string;
  resourceId: string;
  path: string[];
}

export interface LineTestResult {
  verdict: 'fault' | 'no-fault';
  /** Where the test located the fault: one of the path's ids. */
  faultAt: string | null;
  detail: string;
}

export interface NetworkElements {
  apply(command: ElementCommand): Promise<ElementReceipt>;
  lineTest(test: LineTest): Promise<LineTestResult>;
}

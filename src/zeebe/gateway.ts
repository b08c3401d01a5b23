import { createRequire } from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** A job as the gateway hands it out, its JSON fields parsed; keys are strings (int64). */
export interface ActivatedJob {
  key: string;
  type: string;
  bpmnProcessId: string;
  elementId: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  retries: number;
  /** Epoch ms when the activation runs out and the broker hands the job out again. */
  deadline: number;
  variables: Record<string, unknown>;
  customHeaders: Record<string, string>;
}

export interface ActivateRequest {
  type: string;
  worker: string;
  timeoutMs: number;
  maxJobsToActivate: number;
  requestTimeoutMs: number;
}

/** One activation call: emits each batch of jobs, then ends (or fails) when the gateway ends it. */
export interface ActivationCall {
  onJobs(listener: (jobs: ActivatedJob[]) => void): void;
  /** Settles when the gateway has ended the call: resolves on OK, rejects with the gRPC status error otherwise. */
  done: Promise<void>;
  cancel(): void;
}

/**
 * The job side of Zeebe's gateway, on a gRPC channel of its own. The SDK's job worker is not used
 * for it because it ends every activation call on its own clock, 1 s after the long poll, and
 * drops what the gateway sends later: on a busy machine that is a whole batch of jobs already
 * activated for this worker, stalled until the job timeout (bench/findings.md, sessions 12–13).
 * Here a call ends only when the gateway ends it; the client deadline is a backstop for a dead
 * connection, far past the long poll. Messages are not compressed (the SDK gzips every one): jobs
 * travel over loopback or a cluster network, where gzip only costs CPU on both ends.
 */
export interface JobGateway {
  activate(req: ActivateRequest): ActivationCall;
  complete(jobKey: string, variables: Record<string, unknown>): Promise<void>;
  fail(jobKey: string, f: { errorMessage: string; retries: number; retryBackOffMs?: number }): Promise<void>;
  throwError(jobKey: string, e: { errorCode: string; errorMessage?: string; variables?: Record<string, unknown> }): Promise<void>;
  close(): void;
}

/** How far past its long poll an activation call may run before the client gives up on the connection. */
const ACTIVATION_BACKSTOP_MS = 60_000;
/** A complete/fail/throw that has not been answered by then is reported as failed. */
const COMMAND_DEADLINE_MS = 30_000;

// The gateway protocol as the pinned SDK ships it (@camunda8/sdk 8.6.38, Zeebe 8.6's gateway.proto).
const protoFile = path.join(path.dirname(createRequire(import.meta.url).resolve('@camunda8/sdk/package.json')), 'dist/proto/zeebe.proto');
let gatewayService: grpc.ServiceClientConstructor | undefined;
function service(): grpc.ServiceClientConstructor {
  gatewayService ??= (
    grpc.loadPackageDefinition(protoLoader.loadSync(protoFile, { longs: String, enums: String, defaults: true })) as unknown as {
      gateway_protocol: { Gateway: grpc.ServiceClientConstructor };
    }
  ).gateway_protocol.Gateway;
  return gatewayService;
}

interface RawJob {
  key: string; type: string; bpmnProcessId: string; elementId: string; processInstanceKey: string;
  elementInstanceKey: string; retries: number; deadline: string; variables: string; customHeaders: string;
}

const toJob = (j: RawJob): ActivatedJob => ({
  key: j.key,
  type: j.type,
  bpmnProcessId: j.bpmnProcessId,
  elementId: j.elementId,
  processInstanceKey: j.processInstanceKey,
  elementInstanceKey: j.elementInstanceKey,
  retries: j.retries,
  deadline: Number(j.deadline),
  variables: j.variables ? (JSON.parse(j.variables) as Record<string, unknown>) : {},
  customHeaders: j.customHeaders ? (JSON.parse(j.customHeaders) as Record<string, string>) : {},
});

export function connectJobGateway(grpcAddress: string): JobGateway {
  const Gateway = service();
  const client = new Gateway(grpcAddress.replace(/^grpcs?:\/\//, ''), grpc.credentials.createInsecure(), {
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 20_000,
  });
  const unary = (method: string, request: object) =>
    new Promise<void>((resolve, reject) => {
      (client[method] as (...args: unknown[]) => void)(
        request,
        { deadline: Date.now() + COMMAND_DEADLINE_MS },
        (err: grpc.ServiceError | null) => (err ? reject(err) : resolve()),
      );
    });
  return {
    activate(req) {
      const call = (client.ActivateJobs as (r: object, o: grpc.CallOptions) => grpc.ClientReadableStream<{ jobs: RawJob[] }>)(
        { type: req.type, worker: req.worker, timeout: req.timeoutMs, maxJobsToActivate: req.maxJobsToActivate, requestTimeout: req.requestTimeoutMs },
        { deadline: Date.now() + req.requestTimeoutMs + ACTIVATION_BACKSTOP_MS },
      );
      const listeners: ((jobs: ActivatedJob[]) => void)[] = [];
      call.on('data', (res: { jobs: RawJob[] }) => {
        const jobs = res.jobs.map(toJob);
        for (const l of listeners) l(jobs);
      });
      const done = new Promise<void>((resolve, reject) => {
        call.on('error', reject);
        call.on('status', (s: grpc.StatusObject) => {
          if (s.code === grpc.status.OK) resolve();
        });
      });
      return { onJobs: (l) => void listeners.push(l), done, cancel: () => call.cancel() };
    },
    complete: (jobKey, variables) => unary('CompleteJob', { jobKey, variables: JSON.stringify(variables) }),
    fail: (jobKey, f) => unary('FailJob', { jobKey, retries: f.retries, errorMessage: f.errorMessage, retryBackOff: f.retryBackOffMs ?? 0 }),
    throwError: (jobKey, e) =>
      unary('ThrowError', { jobKey, errorCode: e.errorCode, errorMessage: e.errorMessage ?? '', variables: JSON.stringify(e.variables ?? {}) }),
    close: () => client.close(),
  };
}

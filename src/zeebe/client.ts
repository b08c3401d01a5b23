import { Camunda8, Zeebe as ZeebeSdk } from '@camunda8/sdk';

export type Zeebe = ZeebeSdk.ZeebeGrpcClient;

/**
 * A plaintext, unauthenticated gRPC client: the local broker and the compose network need no OAuth.
 * Jobs are not taken through it: workers poll through src/zeebe/gateway.ts.
 */
export function createZeebe(grpcAddress: string, opts: { retry?: boolean } = {}): Zeebe {
  const c8 = new Camunda8({
    // The 8.6 SDK resolves `grpc://host:port` as a DNS name; it wants bare host:port.
    ZEEBE_GRPC_ADDRESS: grpcAddress.replace(/^grpcs?:\/\//, ''),
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_OAUTH_DISABLED: true,
    CAMUNDA_SECURE_CONNECTION: false,
    CAMUNDA_LOG_LEVEL: 'error',
    zeebeGrpcSettings: {
      ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
      ZEEBE_INSECURE_CONNECTION: true,
      // false: a command the broker refuses (back-pressure) comes back as an error instead of being retried.
      ...(opts.retry === false ? { ZEEBE_GRPC_CLIENT_RETRY: false } : {}),
    },
  } as never);
  return c8.getZeebeGrpcApiClient();
}

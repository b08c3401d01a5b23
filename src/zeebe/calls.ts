/**
 * The SDK's unary calls carry no deadline of their own, and one now and then never answers (seen
 * in publishMessage under load, while the broker itself was answering a fresh client). Whoever
 * waits on one bounds it, and retries only calls a repeat cannot double: a message with its
 * messageId, a job completion.
 */
export function withDeadline<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the broker did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([call, expired]).finally(() => clearTimeout(timer));
}

/** The broker already has a message with this messageId: an earlier attempt got through. */
export const isAlreadyExists = (err: unknown) =>
  (err as { code?: number }).code === 6 || /ALREADY_EXISTS/.test(err instanceof Error ? err.message : String(err));

export const isNotFound = (err: unknown) =>
  (err as { code?: number }).code === 5 || /NOT_FOUND/.test(err instanceof Error ? err.message : String(err));

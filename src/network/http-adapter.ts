import {
  NetworkElementError, type ElementCommand, type ElementKind, type ElementReceipt, type LineTest, type LineTestResult, type NetworkElements,
} from './elements.js';

/**
 * Talks to an element manager over HTTP: `POST {base}/elements/{element}/commands` with the
 * command, answered by the element's receipt. The simulator speaks the same protocol, so tests
 * exercise this very client; a vendor EMS gets a gateway or its own `NetworkElements`.
 */
export function httpNetworkElements(opts: { baseUrl: string; timeoutMs: number }): NetworkElements {
  const base = opts.baseUrl.replace(/\/$/, '');
  async function post<T>(path: string, who: ElementKind | 'line-test', body: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      throw new NetworkElementError(who, timedOut ? `no answer within ${opts.timeoutMs} ms` : `unreachable: ${String(err)}`);
    }
    const text = await res.text();
    if (!res.ok) throw new NetworkElementError(who, `answered ${res.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }
  return {
    apply: (command: ElementCommand) => post<ElementReceipt>(`/elements/${command.element}/commands`, command.element, command),
    lineTest: (test: LineTest) => post<LineTestResult>('/line-tests', 'line-test', test),
  };
}

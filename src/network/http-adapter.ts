import { NetworkElementError, type ElementCommand, type ElementReceipt, type NetworkElements } from './elements.js';

/**
 * Talks to an element manager over HTTP: `POST {base}/elements/{element}/commands` with the
 * command, answered by the element's receipt. The simulator speaks the same protocol, so tests
 * exercise this very client; a vendor EMS gets a gateway or its own `NetworkElements`.
 */
export function httpNetworkElements(opts: { baseUrl: string; timeoutMs: number }): NetworkElements {
  const base = opts.baseUrl.replace(/\/$/, '');
  return {
    async apply(command: ElementCommand): Promise<ElementReceipt> {
      let res: Response;
      try {
        res = await fetch(`${base}/elements/${command.element}/commands`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(command),
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (err) {
        const timedOut = err instanceof Error && err.name === 'TimeoutError';
        throw new NetworkElementError(command.element, timedOut ? `no answer within ${opts.timeoutMs} ms` : `unreachable: ${String(err)}`);
      }
      const text = await res.text();
      if (!res.ok) throw new NetworkElementError(command.element, `answered ${res.status} ${text.slice(0, 200)}`);
      return JSON.parse(text) as ElementReceipt;
    },
  };
}

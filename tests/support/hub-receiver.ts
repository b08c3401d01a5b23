import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HubReceiver {
  url: string;
  events: any[];
  /** Answer the next n deliveries with 503, as a CRM that is down would. */
  failNext(n: number): void;
  close(): Promise<void>;
}

/** A stand-in for the CRM's notification listener: a real local HTTP server. */
export async function startHubReceiver(): Promise<HubReceiver> {
  const events: any[] = [];
  let failures = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failures > 0) {
        failures--;
        res.writeHead(503).end();
        return;
      }
      events.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/listener`,
    events,
    failNext: (n) => (failures = n),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

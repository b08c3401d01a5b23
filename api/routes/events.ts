import { Router } from 'express';
import type { TraceFeed } from '../../src/events/trace-feed.js';
import type { LiveNotice } from '../../src/events/trace-notice.js';
import { allow } from '../auth.js';
import { badRequest } from '../errors.js';

const aboutOrder = (n: LiveNotice, orderId: string) => (n.event === 'trace' ? n.data.orderId : n.data.subjectId) === orderId;

/**
 * Server-sent events for the dispatcher console: one `trace` event per trace entry as it is
 * committed, and `deadline`, `alarm` and `exception` events when those lists change (optionally
 * for one order only). A comment every 15 s keeps proxies from closing an idle stream.
 */
export function eventRoutes(deps: { traceFeed: Pick<TraceFeed, 'subscribe'> }): Router {
  const r = Router();
  r.get('/events', allow('dispatcher'), (req, res) => {
    const orderId = typeof req.query.orderId === 'string' ? req.query.orderId : undefined;
    if (orderId !== undefined && !/^[0-9a-f-]{36}$/i.test(orderId)) throw badRequest('orderId must be a uuid');
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    res.write('retry: 2000\n\n');
    const unsubscribe = deps.traceFeed.subscribe((n) => {
      if (orderId && !aboutOrder(n, orderId)) return;
      // Trace entries carry their id, so a reader can tell which entry it saw last.
      const id = n.event === 'trace' ? `id: ${n.data.id}\n` : '';
      res.write(`event: ${n.event}\n${id}data: ${JSON.stringify(n.data)}\n\n`);
    }, () => res.end());
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  });
  return r;
}

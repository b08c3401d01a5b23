import express from 'express';
import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/index.js';
import type { TraceFeed } from '../src/events/trace-feed.js';
import type { Logger } from '../src/log/index.js';
import type { Zeebe } from '../src/zeebe/client.js';
import { requireAuth } from './auth.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { openApiDocument } from './openapi.js';
import { adminRoutes } from './routes/admin.js';
import { alarmBase, alarmRoutes } from './routes/alarm.js';
import { billingBase, billingRoutes } from './routes/billing.js';
import { cancelProductOrderRoutes } from './routes/cancel-product-order.js';
import { boardRoutes } from './routes/board.js';
import { catalogBase, catalogRoutes } from './routes/catalog.js';
import { constructionOrderRoutes } from './routes/construction-order.js';
import { eventRoutes } from './routes/events.js';
import { exceptionRoutes } from './routes/exceptions.js';
import { formRoutes } from './routes/forms.js';
import { healthRoutes } from './routes/health.js';
import { orderRoutes } from './routes/orders.js';
import { postTaskRoutes } from './routes/post-tasks.js';
import { processRoutes } from './routes/processes.js';
import { productOrderingBase, productOrderRoutes } from './routes/product-order.js';
import { resourceInventoryBase, resourceInventoryRoutes } from './routes/resource-inventory.js';
import { loginRoutes, sessionRoutes } from './routes/session.js';
import { troubleTicketBase, troubleTicketRoutes } from './routes/trouble-ticket.js';
import { slaRoutes } from './routes/sla.js';
import { statisticsRoutes } from './routes/statistics.js';
import { workOrderKindRoutes } from './routes/work-order-kinds.js';
import { crewRoutes } from './routes/crews.js';
import { workOrderBase, workOrderRoutes } from './routes/work-order.js';
import { modelerUi } from './ui.js';

export interface AppDeps {
  db: Db;
  zeebe: Pick<Zeebe, 'topology' | 'deployResources' | 'updateJobRetries' | 'resolveIncident' | 'modifyProcessInstance' | 'cancelProcessInstance'>;
  log: Logger;
  traceFeed: Pick<TraceFeed, 'subscribe'>;
  /** The built browser app (modeler-ui/dist); absent: the API alone. */
  uiDir?: string;
  /** Called after a commit that wrote outbox rows, so the relay delivers now rather than at its next poll. */
  onOutboxWrite: () => void;
  /** How long an API key's lookup is reused (API_KEY_CACHE_SECONDS); absent or 0: looked up on every request. */
  apiKeyCacheMs?: number;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use((req, res, next) => {
    const requestId = req.get('x-request-id') ?? randomUUID();
    res.set('x-request-id', requestId);
    req.log = deps.log.child({ requestId });
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Every line about an order carries its id, so one search finds everything that touched it.
      const orderId = /\/(?:productOrder|orders)\/([0-9a-f-]{36})/i.exec(req.path)?.[1];
      req.log!.info(
        { method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6, ...(orderId ? { orderId } : {}) },
        'request',
      );
    });
    next();
  });
  app.use('/health', healthRoutes(deps));
  app.get('/api-docs', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use(express.json({ limit: '256kb', type: ['application/json', 'application/*+json'] }));
  const auth = requireAuth(deps.db, { apiKeyCacheMs: deps.apiKeyCacheMs });
  app.use('/api/v1', loginRoutes(deps));
  app.use(productOrderingBase, auth, productOrderRoutes(deps));
  app.use(productOrderingBase, auth, cancelProductOrderRoutes(deps));
  app.use(workOrderBase, auth, workOrderRoutes(deps));
  app.use(catalogBase, auth, catalogRoutes(deps));
  app.use(resourceInventoryBase, auth, resourceInventoryRoutes(deps));
  app.use('/api/v1', auth, orderRoutes(deps));
  app.use('/api/v1', auth, slaRoutes(deps));
  app.use('/api/v1', auth, exceptionRoutes(deps));
  app.use('/api/v1', auth, sessionRoutes(deps));
  app.use('/api/v1', auth, processRoutes(deps));
  app.use('/api/v1', auth, boardRoutes(deps));
  app.use('/api/v1', auth, eventRoutes(deps));
  app.use('/api/v1', auth, statisticsRoutes(deps));
  app.use('/api/v1', auth, workOrderKindRoutes(deps));
  app.use('/api/v1', auth, crewRoutes(deps));
  app.use('/api/v1', auth, postTaskRoutes(deps));
  app.use('/api/v1', auth, constructionOrderRoutes(deps));
  app.use('/api/v1', auth, formRoutes(deps));
  app.use('/api/v1/admin', auth, adminRoutes(deps));
  app.use(billingBase, auth, billingRoutes(deps));
  app.use(troubleTicketBase, auth, troubleTicketRoutes(deps));
  app.use(alarmBase, auth, alarmRoutes(deps));
  if (deps.uiDir) app.use(modelerUi(deps.uiDir));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

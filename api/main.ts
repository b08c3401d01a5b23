import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrapAdmin } from '../src/auth/keys.js';
import { loadConfig } from '../src/config/index.js';
import { createDb } from '../src/db/index.js';
import { createTraceFeed } from '../src/events/trace-feed.js';
import { createLogger } from '../src/log/index.js';
import { createRelay } from '../src/outbox/relay.js';
import { createZeebe } from '../src/zeebe/client.js';
import { createApp } from './app.js';

const config = loadConfig();
const log = createLogger('api', config.LOG_LEVEL);
const db = createDb(config.DATABASE_URL, { min: 0, max: 20 }, 'dispatch-api');
const zeebe = createZeebe(config.ZEEBE_GRPC_ADDRESS);
const relay = createRelay({
  db, zeebe, log, pollMs: config.OUTBOX_POLL_MS, httpTimeoutMs: config.HUB_TIMEOUT_MS, zeebeTimeoutMs: config.ZEEBE_CALL_TIMEOUT_MS, messageTtlMs: config.MESSAGE_TTL_MS,
});

const generatedAdminKey = await bootstrapAdmin(db, config.ADMIN_API_KEY);
if (generatedAdminKey) {
  // Printed once, on the first start without ADMIN_API_KEY; only its hash is stored.
  console.log(`\n  Administrator API key (shown once, keep it): ${generatedAdminKey}\n`);
}

const traceFeed = createTraceFeed(db, log);
const uiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'modeler-ui', 'dist');
const app = createApp({
  db, zeebe, log, traceFeed, onOutboxWrite: () => relay.kick(), apiKeyCacheMs: config.API_KEY_CACHE_SECONDS * 1000, uiDir: fs.existsSync(path.join(uiDir, 'index.html')) ? uiDir : undefined,
});
relay.start();
const server = app.listen(config.PORT, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  log.info({ port }, 'api listening');
  process.send?.({ ready: true, port });
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping api');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await traceFeed.close(); // ends the event streams, which would otherwise hold the server open
  await closed;
  await relay.stop();
  await zeebe.close(5_000).catch(() => undefined);
  await db.destroy();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

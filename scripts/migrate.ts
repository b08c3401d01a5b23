import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemoData } from '../src/catalog/demo-data.js';
import { createDb, migrate } from '../src/db/index.js';
import { seedDemoPolicies } from '../src/sla/demo-policies.js';

/** Migrations, then the demo catalog and inventory unless SEED_DEMO_DATA=false. */
export async function migrateAndSeed(databaseUrl: string, seed = process.env.SEED_DEMO_DATA !== 'false'): Promise<void> {
  const db = createDb(databaseUrl, { min: 0, max: 2 });
  try {
    await migrate(db);
    if (seed) {
      await seedDemoData(db);
      await seedDemoPolicies(db);
    }
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (!process.env.DATABASE_URL) {
    console.error('DATABASE_URL is required');
    process.exit(2);
  }
  await migrateAndSeed(process.env.DATABASE_URL);
  console.log('database migrated');
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDb } from '../../../src/db/index.js';

test("a service's connections carry its name, for pg_stat_activity", async () => {
  const db = createDb(process.env.DATABASE_URL!, { min: 0, max: 1 }, 'dispatch-probe');
  try {
    const { rows } = await db.raw("SELECT current_setting('application_name') AS name");
    assert.equal(rows[0].name, 'dispatch-probe');
  } finally {
    await db.destroy();
  }
});

test('statements are planned for their values each time, never with a generic plan', async () => {
  const db = createDb(process.env.DATABASE_URL!, { min: 0, max: 1 });
  try {
    const { rows } = await db.raw("SELECT current_setting('plan_cache_mode') AS mode");
    assert.equal(rows[0].mode, 'force_custom_plan');
  } finally {
    await db.destroy();
  }
});

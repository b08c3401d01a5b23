import type { Knex } from 'knex';

/**
 * Live updates for the dispatcher console beyond the trace: a deadline that starts, pauses, moves,
 * changes level or ends; an alarm raised, acknowledged, escalated or cleared; an incident that
 * enters or leaves the exception queue. Each sends `NOTIFY console_events` (delivered at commit),
 * so the console's panels re-read exactly when something they show has changed.
 */
export async function up(knex: Knex): Promise<void> {
  // One function for three tables: each row is read as JSON, so an incident's key serves as its id.
  await knex.raw(`
    CREATE FUNCTION console_event() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      r jsonb := to_jsonb(NEW);
    BEGIN
      PERFORM pg_notify('console_events', json_build_object(
        'topic', TG_ARGV[0],
        'id', coalesce(r->>'id', r->>'key'),
        'subjectId', r->>'subject_id',
        'state', r->>'state')::text);
      RETURN NEW;
    END $$`);
  await knex.raw(`CREATE TRIGGER deadline_console_event AFTER INSERT OR UPDATE OF state, level, warn_at, due_at ON deadlines
    FOR EACH ROW EXECUTE FUNCTION console_event('deadline')`);
  await knex.raw(`CREATE TRIGGER alarm_console_event AFTER INSERT OR UPDATE OF state, escalated_to ON alarms
    FOR EACH ROW EXECUTE FUNCTION console_event('alarm')`);
  await knex.raw(`CREATE TRIGGER incident_console_event AFTER INSERT OR UPDATE OF state ON zeebe_incidents
    FOR EACH ROW EXECUTE FUNCTION console_event('exception')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS incident_console_event ON zeebe_incidents');
  await knex.raw('DROP TRIGGER IF EXISTS alarm_console_event ON alarms');
  await knex.raw('DROP TRIGGER IF EXISTS deadline_console_event ON deadlines');
  await knex.raw('DROP FUNCTION IF EXISTS console_event()');
}

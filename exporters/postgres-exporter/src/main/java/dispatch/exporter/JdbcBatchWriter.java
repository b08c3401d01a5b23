package dispatch.exporter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

/**
 * Writes a batch in one transaction over one connection, opened lazily and dropped on any error
 * so the next attempt starts from a fresh one (the database may have restarted).
 *
 * <p>Every upsert only applies when the record is newer than the row's last_position: after a
 * broker restart, records since the last acknowledged position are exported again, and an old
 * record must never overwrite newer state. All records of one instance live on one partition,
 * so positions of one row's records are comparable.
 */
final class JdbcBatchWriter implements BatchWriter {

  private static final String UPSERT_PROCESS_INSTANCE =
      """
      INSERT INTO zeebe_process_instances AS t (key, bpmn_process_id, version, process_definition_key,
        parent_process_instance_key, parent_element_instance_key, state, start_time, end_time, last_position)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state,
        start_time = COALESCE(t.start_time, EXCLUDED.start_time),
        end_time = COALESCE(EXCLUDED.end_time, t.end_time),
        last_position = EXCLUDED.last_position
      WHERE t.last_position < EXCLUDED.last_position
      """;

  private static final String UPSERT_ELEMENT_INSTANCE =
      """
      INSERT INTO zeebe_element_instances AS t (key, process_instance_key, element_id, element_type,
        flow_scope_key, state, start_time, end_time, last_position)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state,
        start_time = COALESCE(t.start_time, EXCLUDED.start_time),
        end_time = COALESCE(EXCLUDED.end_time, t.end_time),
        last_position = EXCLUDED.last_position
      WHERE t.last_position < EXCLUDED.last_position
      """;

  private static final String UPSERT_INCIDENT =
      """
      INSERT INTO zeebe_incidents AS t (key, bpmn_process_id, process_instance_key, element_instance_key,
        element_id, job_key, error_type, error_message, state, created_time, resolved_time, last_position)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state,
        error_message = COALESCE(EXCLUDED.error_message, t.error_message),
        created_time = COALESCE(t.created_time, EXCLUDED.created_time),
        resolved_time = COALESCE(EXCLUDED.resolved_time, t.resolved_time),
        last_position = EXCLUDED.last_position
      WHERE t.last_position < EXCLUDED.last_position
      """;

  private static final String UPSERT_JOB =
      """
      INSERT INTO zeebe_jobs AS t (key, type, process_instance_key, element_instance_key, element_id,
        retries, state, error_message, updated_time, last_position)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET retries = EXCLUDED.retries, state = EXCLUDED.state,
        error_message = EXCLUDED.error_message, updated_time = EXCLUDED.updated_time,
        last_position = EXCLUDED.last_position
      WHERE t.last_position < EXCLUDED.last_position
      """;

  private final ExporterConfig config;
  // Instantiated directly: DriverManager would not find a driver loaded by the exporter's class loader.
  private final org.postgresql.Driver driver = new org.postgresql.Driver();
  private Connection connection;

  JdbcBatchWriter(ExporterConfig config) {
    this.config = config;
  }

  @Override
  public void write(List<Change> changes) throws SQLException {
    final Connection c = connection();
    try (PreparedStatement processes = c.prepareStatement(UPSERT_PROCESS_INSTANCE);
        PreparedStatement elements = c.prepareStatement(UPSERT_ELEMENT_INSTANCE);
        PreparedStatement incidents = c.prepareStatement(UPSERT_INCIDENT);
        PreparedStatement jobs = c.prepareStatement(UPSERT_JOB)) {
      for (Change change : changes) {
        switch (change) {
          case Change.Element e when e.isProcess() -> addProcess(processes, e);
          case Change.Element e -> addElement(elements, e);
          case Change.Incident i -> addIncident(incidents, i);
          case Change.Job j -> addJob(jobs, j);
        }
      }
      // Each statement's batch keeps record order, and rows of different tables do not depend on each other.
      processes.executeBatch();
      elements.executeBatch();
      incidents.executeBatch();
      jobs.executeBatch();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      discardConnection();
      throw e;
    }
  }

  private Connection connection() throws SQLException {
    if (connection != null) return connection;
    final Properties props = new Properties();
    if (config.user() != null) props.setProperty("user", config.user());
    if (config.password() != null) props.setProperty("password", config.password());
    // The exporter runs on a broker actor thread: an unreachable database must fail fast, not block it.
    props.setProperty("connectTimeout", "3");
    props.setProperty("socketTimeout", "30");
    props.setProperty("ApplicationName", "zeebe-postgres-exporter");
    final Connection c = driver.connect(config.url(), props);
    if (c == null) throw new SQLException("not a PostgreSQL JDBC URL: " + config.url());
    c.setAutoCommit(false);
    connection = c;
    return c;
  }

  private void discardConnection() {
    if (connection == null) return;
    try {
      connection.close();
    } catch (SQLException ignored) {
      // the connection is broken already; a new one is opened for the next attempt
    }
    connection = null;
  }

  @Override
  public void close() {
    discardConnection();
  }

  private static void addProcess(PreparedStatement s, Change.Element e) throws SQLException {
    s.setLong(1, e.key());
    s.setString(2, e.bpmnProcessId());
    s.setInt(3, e.version());
    s.setLong(4, e.processDefinitionKey());
    setKey(s, 5, e.parentProcessInstanceKey());
    setKey(s, 6, e.parentElementInstanceKey());
    s.setString(7, e.state());
    setTime(s, 8, e.startTime());
    setTime(s, 9, e.endTime());
    s.setLong(10, e.position());
    s.addBatch();
  }

  private static void addElement(PreparedStatement s, Change.Element e) throws SQLException {
    s.setLong(1, e.key());
    s.setLong(2, e.processInstanceKey());
    s.setString(3, e.elementId());
    s.setString(4, e.elementType());
    setKey(s, 5, e.flowScopeKey());
    s.setString(6, e.state());
    setTime(s, 7, e.startTime());
    setTime(s, 8, e.endTime());
    s.setLong(9, e.position());
    s.addBatch();
  }

  private static void addIncident(PreparedStatement s, Change.Incident i) throws SQLException {
    s.setLong(1, i.key());
    s.setString(2, i.bpmnProcessId());
    setKey(s, 3, i.processInstanceKey());
    setKey(s, 4, i.elementInstanceKey());
    s.setString(5, i.elementId());
    setKey(s, 6, i.jobKey());
    s.setString(7, i.errorType());
    s.setString(8, i.errorMessage());
    s.setString(9, i.state());
    setTime(s, 10, i.createdTime());
    setTime(s, 11, i.resolvedTime());
    s.setLong(12, i.position());
    s.addBatch();
  }

  private static void addJob(PreparedStatement s, Change.Job j) throws SQLException {
    s.setLong(1, j.key());
    s.setString(2, j.type());
    setKey(s, 3, j.processInstanceKey());
    setKey(s, 4, j.elementInstanceKey());
    s.setString(5, j.elementId());
    s.setInt(6, j.retries());
    s.setString(7, j.state());
    s.setString(8, j.errorMessage());
    setTime(s, 9, j.updatedTime());
    s.setLong(10, j.position());
    s.addBatch();
  }

  private static void setKey(PreparedStatement s, int index, Long key) throws SQLException {
    if (key == null) s.setNull(index, Types.BIGINT);
    else s.setLong(index, key);
  }

  private static void setTime(PreparedStatement s, int index, Instant time) throws SQLException {
    if (time == null) s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    else s.setObject(index, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
  }
}

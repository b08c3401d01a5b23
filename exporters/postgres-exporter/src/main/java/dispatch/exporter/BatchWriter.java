package dispatch.exporter;

import java.sql.SQLException;
import java.util.List;

/** Applies a batch of changes atomically: all of them or, on an exception, none. */
interface BatchWriter extends AutoCloseable {

  void write(List<Change> changes) throws SQLException;

  @Override
  void close();
}

package dev.ferry.engine.snapshot;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection to the source (its address, user and password are the caller's). */
@FunctionalInterface
public interface SourceConnector {

	Connection open() throws SQLException;

}

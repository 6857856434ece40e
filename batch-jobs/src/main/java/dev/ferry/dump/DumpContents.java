package dev.ferry.dump;

import java.util.Set;

/**
 * What an inspected dump holds: the tables ({@code db.table}) its files create or fill, the databases its
 * {@code db-schema-create.sql} files create (the one file name that holds a database's name whole), the files and
 * statements read, and the bytes of SQL read.
 */
public record DumpContents(Set<String> tables, Set<String> databases, int sqlFiles, long statements, long bytes) {
}

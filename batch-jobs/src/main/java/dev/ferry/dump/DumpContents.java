package dev.ferry.dump;

import java.util.Set;

/**
 * What an inspected dump holds: the tables ({@code db.table}) its files create or fill, the files and statements
 * read, and the bytes of SQL read.
 */
public record DumpContents(Set<String> tables, int sqlFiles, long statements, long bytes) {
}

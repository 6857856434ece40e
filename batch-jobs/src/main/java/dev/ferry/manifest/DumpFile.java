package dev.ferry.manifest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file of a mydumper/dumpling dump is, by its name: {@code db.table.sql} or {@code db.table.00001.sql} hold
 * rows of {@code db.table}; {@code db.table-schema.sql} creates it; the rest (views, triggers, metadata) neither.
 * <p>
 * The tools write names as they are, so the name is read the way myloader 0.10 reads it: the database up to the
 * first dot (the mysql chain refuses databases with a dot), the table the rest, less a chunk number of five or more
 * digits (mydumper {@code .00001}, dumpling {@code .000000000}): table {@code t.2}'s rows are in {@code db.t.2.sql}.
 */
public record DumpFile(String database, String table, boolean data) {

	private static final Pattern DATA = Pattern.compile("([^./]+)\\.(.+?)(?:\\.[0-9]{5,})*\\.(?:sql|csv)");

	private static final Pattern SCHEMA = Pattern.compile("([^./]+)\\.(.+)-schema\\.sql");

	public static Optional<DumpFile> of(String fileName) {
		Matcher schema = SCHEMA.matcher(fileName);
		if (schema.matches()) {
			return Optional.of(new DumpFile(schema.group(1), schema.group(2), false));
		}
		if (fileName.contains("-schema")) {
			return Optional.empty(); // views, triggers, post, create-database
		}
		Matcher data = DATA.matcher(fileName);
		if (data.matches()) {
			return Optional.of(new DumpFile(data.group(1), data.group(2), true));
		}
		return Optional.empty();
	}

	public String qualifiedName() {
		return this.database + "." + this.table;
	}

}

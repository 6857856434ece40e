package dev.ferry.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.ferry.engine.format.Compression;
import dev.ferry.engine.format.CsvDialect;
import dev.ferry.engine.format.FileNames;
import dev.ferry.engine.format.FileType;
import dev.ferry.engine.format.TableShape;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads a native export through JDBC, for what myloader 0.10 cannot load (CSV data, escaped database names) until the
 * native importer exists: the files in myloader's order (databases, tables and placeholders, sequences, data,
 * routines and events, views, triggers), names read back with {@link FileNames#parse}, each SQL file cut into
 * statements by myloader's rule (a line that ends with {@code ;}), each CSV file streamed to the server with the
 * engine's {@code LOAD DATA} statement after {@link CsvDialect#LOAD_SESSION}. The same as format's
 * {@code DumpLoader} (batch-jobs test code, package-private there).
 */
public final class JdbcDumpLoader {

	private JdbcDumpLoader() {
	}

	/**
	 * Loads every file of {@code directory} into the server of {@code target} (opened with
	 * {@code allowLocalInfile=true}).
	 * @return the rows each CSV file loaded, by file name
	 */
	public static Map<String, Long> load(Path directory, Connection target) throws IOException, SQLException {
		List<Path> files;
		try (Stream<Path> list = Files.list(directory)) {
			files = list.sorted().toList();
		}
		Map<String, Long> loaded = new TreeMap<>();
		for (FileNames.Kind kind : List.of(FileNames.Kind.DATABASE, FileNames.Kind.TABLE, FileNames.Kind.PLACEHOLDER,
				FileNames.Kind.SEQUENCE, FileNames.Kind.DATA, FileNames.Kind.POST, FileNames.Kind.VIEW,
				FileNames.Kind.TRIGGERS)) {
			for (Path file : files) {
				FileNames.Parsed parsed = FileNames.parse(file.getFileName().toString()).orElse(null);
				if (parsed != null && parsed.kind() == kind) {
					load(file, parsed, target, loaded);
				}
			}
		}
		return loaded;
	}

	private static void load(Path file, FileNames.Parsed parsed, Connection target, Map<String, Long> loaded)
			throws IOException, SQLException {
		Compression compression = (parsed.compression() != null) ? parsed.compression() : Compression.NONE;
		try (Statement statement = target.createStatement()) {
			if (parsed.kind() != FileNames.Kind.DATABASE) {
				statement.execute("USE " + TestDatabases.quote(parsed.database()));
			}
			if (parsed.type() == FileType.CSV) {
				for (String setting : CsvDialect.LOAD_SESSION) {
					statement.execute(setting);
				}
				TableShape shape = TableShape.read(target, parsed.database(), parsed.table());
				try (InputStream in = compression.unwrap(Files.newInputStream(file))) {
					statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
					loaded.put(file.getFileName().toString(),
							statement.executeLargeUpdate(shape.loadDataStatement(file.getFileName().toString())));
				}
			}
			else {
				byte[] bytes;
				try (InputStream in = compression.unwrap(Files.newInputStream(file))) {
					bytes = in.readAllBytes();
				}
				for (String sql : statements(file, bytes)) {
					statement.execute(sql);
				}
			}
			statement.execute("SET NAMES utf8mb4");
		}
	}

	/** myloader 0.10's cut: a statement ends with a line that ends with {@code ;}; the file is strict UTF-8. */
	private static List<String> statements(Path file, byte[] bytes) throws IOException {
		String text = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(bytes))
			.toString();
		List<String> statements = new java.util.ArrayList<>();
		int start = 0;
		for (int i = 1; i < text.length(); i++) {
			if (text.charAt(i) == '\n' && text.charAt(i - 1) == ';') {
				statements.add(text.substring(start, i - 1));
				start = i + 1;
			}
		}
		assertThat(text.substring(start)).as("%s ends with a statement myloader 0.10 would never run", file).isBlank();
		return statements;
	}

}

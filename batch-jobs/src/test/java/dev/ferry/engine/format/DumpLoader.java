package dev.ferry.engine.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads an export through JDBC the way an importer would (a stand-in until the native importer exists): files in
 * myloader 0.10's order (databases, tables and placeholders, sequences, data, routines and events, views,
 * triggers), each SQL file cut into statements by myloader's rule (a line that ends with {@code ;}) and decoded as
 * strict UTF-8 (it fails on a file that is not), each CSV file streamed to the server with
 * {@link TableShape#loadDataStatement} after {@link CsvDialect#LOAD_SESSION}.
 */
final class DumpLoader {

	private final Connection target;

	/** Rows each CSV file loaded, by file name. */
	private final Map<String, Long> loaded = new TreeMap<>();

	private final List<String> warnings = new ArrayList<>();

	DumpLoader(Connection target) {
		this.target = target;
	}

	Map<String, Long> loaded() {
		return this.loaded;
	}

	List<String> warnings() {
		return this.warnings;
	}

	void load(Path directory) throws IOException, SQLException {
		List<Path> files;
		try (Stream<Path> list = Files.list(directory)) {
			files = list.sorted().toList();
		}
		for (FileNames.Kind kind : List.of(FileNames.Kind.DATABASE, FileNames.Kind.TABLE, FileNames.Kind.PLACEHOLDER,
				FileNames.Kind.SEQUENCE, FileNames.Kind.DATA, FileNames.Kind.POST, FileNames.Kind.VIEW,
				FileNames.Kind.TRIGGERS)) {
			for (Path file : files) {
				FileNames.Parsed parsed = FileNames.parse(file.getFileName().toString()).orElse(null);
				if (parsed != null && parsed.kind() == kind) {
					load(file, parsed);
				}
			}
		}
	}

	private void load(Path file, FileNames.Parsed parsed) throws IOException, SQLException {
		try (Statement statement = this.target.createStatement()) {
			if (parsed.kind() != FileNames.Kind.DATABASE) {
				statement.execute("USE " + SqlText.quote(parsed.database()));
			}
			if (parsed.type() == FileType.CSV) {
				loadCsv(file, parsed, statement);
			}
			else {
				Compression compression = parsed.compression() != null ? parsed.compression() : Compression.NONE;
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

	private void loadCsv(Path file, FileNames.Parsed parsed, Statement statement) throws IOException, SQLException {
		for (String setting : CsvDialect.LOAD_SESSION) {
			statement.execute(setting);
		}
		TableShape shape = TableShape.read(this.target, parsed.database(), parsed.table());
		try (InputStream in = parsed.compression().unwrap(Files.newInputStream(file))) {
			statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
			long rows = statement.executeLargeUpdate(shape.loadDataStatement(file.getFileName().toString()));
			this.loaded.put(file.getFileName().toString(), rows);
		}
		try (ResultSet rs = statement.executeQuery("SHOW WARNINGS")) {
			while (rs.next()) {
				this.warnings.add(file.getFileName() + ": " + rs.getString(3));
			}
		}
	}

	/** myloader 0.10's cut: a statement ends with a line that ends with {@code ;}. */
	static List<String> statements(Path file, byte[] bytes) throws CharacterCodingException {
		String text = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(bytes))
			.toString();
		List<String> statements = new ArrayList<>();
		int start = 0;
		for (int i = 1; i < text.length(); i++) {
			if (text.charAt(i) == '\n' && text.charAt(i - 1) == ';') {
				statements.add(text.substring(start, i - 1));
				start = i + 1;
			}
		}
		if (!text.substring(start).isBlank()) {
			throw new IllegalStateException(file + " ends with a statement that myloader 0.10 would never run: "
					+ text.substring(start));
		}
		return statements;
	}

}

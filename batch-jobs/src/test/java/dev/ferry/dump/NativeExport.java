package dev.ferry.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Map;

import dev.ferry.engine.format.ChunkEncoder;
import dev.ferry.engine.format.Compression;
import dev.ferry.engine.format.EncoderOptions;
import dev.ferry.engine.format.FileNames;
import dev.ferry.engine.format.FileType;
import dev.ferry.engine.format.ReadSession;
import dev.ferry.engine.format.SchemaFiles;
import dev.ferry.engine.format.TableShape;
import dev.ferry.engine.sink.LocalDirectorySink;
import dev.ferry.engine.sink.PendingFile;

/**
 * An export made with the native engine's format classes alone (their public API, as the engine's job uses them):
 * {@link SchemaFiles} for each database, then each table's rows through {@link ChunkEncoder}s, a new file every
 * {@code rowsPerFile} rows, into a {@link LocalDirectorySink}, and the {@code metadata} file.
 */
final class NativeExport {

	private NativeExport() {
	}

	/** Exports {@code databases} into {@code directory}; the escaped names, as for the manifest. */
	static Map<String, String> export(Connection source, Collection<String> databases, Path directory, FileType type,
			Compression compression, int rowsPerFile) throws SQLException, IOException {
		ReadSession.prepare(source);
		LocalDirectorySink sink = new LocalDirectorySink(directory, false);
		FileNames names = new FileNames();
		SchemaFiles schema = new SchemaFiles(sink, names);
		EncoderOptions options = new EncoderOptions(64 * 1024, 48L * 1024 * 1024);
		for (String database : databases) {
			for (String table : schema.write(source, database).tables()) {
				TableShape shape = TableShape.read(source, database, table);
				try (Statement statement = source.createStatement()) {
					statement.setFetchSize(500);
					try (ResultSet rs = statement.executeQuery("SELECT " + shape.selectList() + " FROM "
							+ shape.qualifiedName())) {
						int chunk = 0;
						boolean more = rs.next();
						do {
							String name = names.data(database, table, chunk++, type, compression);
							try (PendingFile file = sink.create(name)) {
								OutputStream out = compression.wrap(file.stream());
								ChunkEncoder encoder = ChunkEncoder.open(type, shape, out, options);
								while (more && encoder.rows() < rowsPerFile) {
									encoder.row(rs);
									more = rs.next();
								}
								encoder.finish();
								out.close();
								file.commit();
							}
						}
						while (more);
					}
				}
			}
		}
		Files.writeString(directory.resolve("metadata"), "Started dump at: 2026-01-01 00:00:00\n");
		return names.escapes();
	}

}

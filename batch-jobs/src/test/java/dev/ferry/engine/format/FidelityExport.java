package dev.ferry.engine.format;

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
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.ferry.engine.sink.LocalDirectorySink;
import dev.ferry.engine.sink.PendingFile;

/**
 * A small export made of the format classes alone, as the engine's job uses them: {@link SchemaFiles} for each
 * database, then one plain {@code SELECT} per table streamed through {@link ChunkEncoder}s, a new file every
 * {@code rowsPerFile} rows, into a {@link LocalDirectorySink}. Also writes the {@code metadata} file myloader looks for.
 */
final class FidelityExport {

	/**
	 * @param rows the rows of each data file, by file name
	 * @param escapes the escaped names, as for the manifest
	 */
	record Result(Map<String, Long> rows, Map<String, String> escapes) {
	}

	private final Connection source;

	private final FileType type;

	private final Compression compression;

	private final int rowsPerFile;

	private final EncoderOptions options;

	FidelityExport(Connection source, FileType type, Compression compression, int rowsPerFile,
			EncoderOptions options) {
		this.source = source;
		this.type = type;
		this.compression = compression;
		this.rowsPerFile = rowsPerFile;
		this.options = options;
	}

	Result export(Collection<String> databases, Path directory) throws SQLException, IOException {
		ReadSession.prepare(this.source);
		LocalDirectorySink sink = new LocalDirectorySink(directory, false);
		FileNames names = new FileNames();
		SchemaFiles schema = new SchemaFiles(sink, names);
		Map<String, Long> rows = new TreeMap<>();
		for (String database : databases) {
			for (String table : schema.write(this.source, database).tables()) {
				TableShape shape = TableShape.read(this.source, database, table);
				table(sink, names, shape, rows);
			}
		}
		Files.writeString(directory.resolve("metadata"), "Started dump at: 2026-01-01 00:00:00\n"
				+ "Finished dump at: 2026-01-01 00:00:01\n");
		return new Result(rows, names.escapes());
	}

	private void table(LocalDirectorySink sink, FileNames names, TableShape shape, Map<String, Long> rows)
			throws SQLException, IOException {
		try (Statement statement = this.source.createStatement()) {
			statement.setFetchSize(500);
			try (ResultSet rs = statement.executeQuery("SELECT " + shape.selectList() + " FROM "
					+ shape.qualifiedName())) {
				int chunk = 0;
				Chunk current = null;
				while (rs.next()) {
					if (current == null || current.encoder.rows() == this.rowsPerFile) {
						commit(current, rows);
						current = open(sink, names.data(shape.database(), shape.table(), chunk++, this.type,
								this.compression), shape);
					}
					current.encoder.row(rs);
				}
				if (current == null) { // an empty table gets one empty file
					current = open(sink, names.data(shape.database(), shape.table(), 0, this.type, this.compression),
							shape);
				}
				commit(current, rows);
			}
		}
	}

	private Chunk open(LocalDirectorySink sink, String name, TableShape shape) throws IOException {
		PendingFile file = sink.create(name);
		OutputStream out = this.compression.wrap(file.stream());
		return new Chunk(name, file, out, ChunkEncoder.open(this.type, shape, out, this.options));
	}

	private static void commit(@Nullable Chunk chunk, Map<String, Long> rows) throws IOException {
		if (chunk != null) {
			chunk.encoder.finish();
			chunk.out.close();
			chunk.file.commit();
			chunk.file.close();
			rows.put(chunk.name, chunk.encoder.rows());
		}
	}

	private record Chunk(String name, PendingFile file, OutputStream out, ChunkEncoder encoder) {
	}

}

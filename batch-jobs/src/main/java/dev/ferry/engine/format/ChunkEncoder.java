package dev.ferry.engine.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes the rows of one chunk of a table as one data file. Feed it the rows of
 * {@code SELECT <shape.selectList()> FROM <shape.qualifiedName()> ...} read with a plain {@link java.sql.Statement}
 * on a session prepared by {@link ReadSession#prepare}; call {@link #finish()} after the last row, then close the
 * stream (and commit the file). Not thread-safe: one encoder per file.
 * <p>
 * It buffers its output itself (64 KiB), so the stream needs no buffer of its own.
 */
public interface ChunkEncoder extends Closeable {

	/**
	 * An encoder that writes to {@code out} (already compressing, when the file is compressed).
	 * @param type SQL {@code INSERT} statements or CSV
	 * @param shape the table's columns as selected
	 * @param out where the file's bytes go; {@link #finish()} and {@link #close()} never close it
	 * @param options statement sizes (SQL)
	 */
	static ChunkEncoder open(FileType type, TableShape shape, OutputStream out, EncoderOptions options)
			throws IOException {
		return switch (type) {
			case SQL -> new SqlChunkEncoder(shape, out, options);
			case CSV -> new CsvChunkEncoder(shape, out);
		};
	}

	/**
	 * Encodes the current row of {@code rs}.
	 * @throws IllegalStateException when the row does not fit in a statement of
	 * {@link EncoderOptions#maxStatementBytes()} of its own (SQL only), naming the table and the limit
	 */
	void row(ResultSet rs) throws SQLException, IOException;

	/** The rows encoded so far. */
	long rows();

	/** The bytes of encoded (uncompressed) output so far, trailers included once {@link #finish()} ran. */
	long bytes();

	/** Writes what ends the file and hands every buffered byte to the stream; does not close the stream. */
	void finish() throws IOException;

	/** Releases the encoder; the stream stays open. */
	@Override
	default void close() throws IOException {
	}

}

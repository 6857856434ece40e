package dev.ferry.engine.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Rows as CSV in the {@link CsvDialect}: a header line of column names, then one line per row. */
final class CsvChunkEncoder implements ChunkEncoder {

	private final ColumnShape.Encoding[] encodings;

	private final ByteOutput file;

	private long rows;

	CsvChunkEncoder(TableShape shape, OutputStream out) {
		List<ColumnShape> columns = shape.columns();
		this.encodings = columns.stream().map(ColumnShape::encoding).toArray(ColumnShape.Encoding[]::new);
		this.file = new ByteOutput(out);
		for (int i = 0; i < columns.size(); i++) {
			if (i > 0) {
				this.file.write(CsvDialect.SEPARATOR);
			}
			ByteEscapes.CSV.quoted(columns.get(i).name().getBytes(StandardCharsets.UTF_8), this.file);
		}
		this.file.write('\n');
	}

	@Override
	public void row(ResultSet rs) throws SQLException, IOException {
		ByteOutput file = this.file;
		for (int i = 0; i < this.encodings.length; i++) {
			if (i > 0) {
				file.write(CsvDialect.SEPARATOR);
			}
			if (raw(this.encodings[i])) {
				byte[] value = rs.getBytes(i + 1);
				if (value == null) {
					file.write(CsvDialect.NULL);
				}
				else {
					ByteEscapes.CSV.quoted(value, file);
				}
			}
			else {
				String value = rs.getString(i + 1);
				if (value == null) {
					file.write(CsvDialect.NULL);
				}
				else {
					file.writeAscii(value);
				}
			}
		}
		file.write('\n');
		this.rows++;
		file.flushIfFull();
	}

	/** Values written as their bytes, quoted and escaped. */
	private static boolean raw(ColumnShape.Encoding encoding) {
		return encoding != ColumnShape.Encoding.NUMBER && encoding != ColumnShape.Encoding.INDEX;
	}

	@Override
	public long rows() {
		return this.rows;
	}

	@Override
	public long bytes() {
		return this.file.total();
	}

	@Override
	public void finish() throws IOException {
		this.file.flush();
	}

}

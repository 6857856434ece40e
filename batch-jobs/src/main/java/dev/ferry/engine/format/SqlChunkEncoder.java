package dev.ferry.engine.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Multi-row {@code INSERT} statements in mydumper's layout, which myloader 0.10 loads: a header of session settings,
 * then {@code INSERT INTO `t` (`a`,`b`) VALUES} and one row per line, each starting with {@code (}, so that counting
 * rows by lines stays valid. Rows are grouped while a statement stays within
 * {@link EncoderOptions#statementBytes()}; a row that joins none goes in a statement of its own, which must not exceed
 * {@link EncoderOptions#maxStatementBytes()}. The file is UTF-8 text (see {@link ColumnShape.Encoding}), so any client
 * can replay it.
 */
final class SqlChunkEncoder implements ChunkEncoder {

	/**
	 * The session settings at the top of every data file: UTF-8, UTC for {@code TIMESTAMP}, no foreign key checks
	 * (chunks load in any order), and a {@code sql_mode} that takes every value a table can hold (zero dates, a 0 in
	 * an {@code AUTO_INCREMENT} column, the invalid {@code ENUM} value) and reads backslash escapes.
	 */
	static final String HEADER = """
			/*!40101 SET NAMES utf8mb4*/;
			/*!40014 SET FOREIGN_KEY_CHECKS=0*/;
			/*!40103 SET TIME_ZONE='+00:00' */;
			/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
			""";

	private static final byte[] HEADER_BYTES = HEADER.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] NULL = ascii("NULL");

	private static final byte[] EMPTY = ascii("''");

	private static final byte[] STATEMENT_END = ascii(";\n");

	private static final byte[] ROW_SEPARATOR = ascii(",\n");

	private final TableShape shape;

	private final ColumnShape.Encoding[] encodings;

	/** What comes before the hex digits of each column's values: {@code 0x} or {@code _latin1 0x}. */
	private final byte[][] hexPrefixes;

	private final byte[] insert;

	private final long statementBytes;

	private final long maxStatementBytes;

	private final ByteOutput file;

	private final ByteOutput row = new ByteOutput();

	/** Bytes of the open statement, 0 when none is open. */
	private long statement;

	private long rows;

	private boolean finished;

	SqlChunkEncoder(TableShape shape, OutputStream out, EncoderOptions options) {
		this.shape = shape;
		List<ColumnShape> columns = shape.columns();
		this.encodings = columns.stream().map(ColumnShape::encoding).toArray(ColumnShape.Encoding[]::new);
		this.hexPrefixes = columns.stream()
			.map((column) -> ascii(column.encoding() == ColumnShape.Encoding.FOREIGN_TEXT
					? "_" + column.charset() + " 0x" : "0x"))
			.toArray(byte[][]::new);
		this.insert = ("INSERT INTO " + SqlText.quote(shape.table()) + " (" + shape.columnList() + ") VALUES\n")
			.getBytes(StandardCharsets.UTF_8);
		this.statementBytes = options.statementBytes();
		this.maxStatementBytes = options.maxStatementBytes();
		this.file = new ByteOutput(out);
		this.file.write(HEADER_BYTES);
	}

	@Override
	public void row(ResultSet rs) throws SQLException, IOException {
		ByteOutput row = this.row;
		row.reset();
		row.write('(');
		for (int i = 0; i < this.encodings.length; i++) {
			if (i > 0) {
				row.write(',');
			}
			switch (this.encodings[i]) {
				case TEXT -> {
					byte[] value = rs.getBytes(i + 1);
					if (value == null) {
						row.write(NULL);
					}
					else {
						ByteEscapes.SQL.quoted(value, row);
					}
				}
				case BINARY, FOREIGN_TEXT -> hex(rs.getBytes(i + 1), this.hexPrefixes[i], row);
				case TEMPORAL -> {
					byte[] value = rs.getBytes(i + 1);
					if (value == null) {
						row.write(NULL);
					}
					else {
						row.write('\'');
						row.write(value);
						row.write('\'');
					}
				}
				default -> {
					String value = rs.getString(i + 1);
					if (value == null) {
						row.write(NULL);
					}
					else {
						row.writeAscii(value);
					}
				}
			}
		}
		row.write(')');
		append(row);
		row.reset();
		row.shrink();
		this.rows++;
	}

	private static void hex(byte @Nullable [] value, byte[] prefix, ByteOutput out) {
		if (value == null) {
			out.write(NULL);
			return;
		}
		if (value.length == 0) {
			out.write(EMPTY);
			return;
		}
		out.write(prefix);
		out.writeHex(value);
	}

	private void append(ByteOutput row) throws IOException {
		if (this.statement > 0
				&& this.statement + ROW_SEPARATOR.length + row.size() + STATEMENT_END.length > this.statementBytes) {
			this.file.write(STATEMENT_END);
			this.statement = 0;
		}
		if (this.statement == 0) {
			long alone = this.insert.length + row.size() + STATEMENT_END.length;
			if (alone > this.maxStatementBytes) {
				throw new IllegalStateException("a row of " + this.shape.qualifiedName() + " needs a statement of "
						+ alone + " bytes, more than the limit of " + this.maxStatementBytes
						+ " bytes (raise the statement size, and the target's max_allowed_packet with it)");
			}
			this.file.write(this.insert);
			this.statement = this.insert.length;
		}
		else {
			this.file.write(ROW_SEPARATOR);
			this.statement += ROW_SEPARATOR.length;
		}
		this.file.write(row);
		this.statement += row.size();
		this.file.flushIfFull();
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
		if (!this.finished) {
			if (this.statement > 0) {
				this.file.write(STATEMENT_END);
				this.statement = 0;
			}
			this.finished = true;
		}
		this.file.flush();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}

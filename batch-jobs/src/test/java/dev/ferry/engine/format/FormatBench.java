package dev.ferry.engine.format;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import dev.ferry.engine.FidelityFixture;
import dev.ferry.engine.sink.LocalDirectorySink;
import dev.ferry.engine.sink.PendingFile;

/**
 * The encoders' speed, measured by hand against mydumper on the same table (not a test): one thread reads
 * {@code SELECT <selectList> FROM db.table} and writes one file a million rows, then prints one line,
 * {@code seconds rows encodedBytes storedBytes}.
 * <p>
 * {@code java -cp … dev.ferry.engine.format.FormatBench <port> <db> <table> <dir> <sql|csv> <none|gzip|zstd>}
 */
public final class FormatBench {

	private FormatBench() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		Path dir = Files.createDirectories(Path.of(args[3]));
		FileType type = FileType.of(args[4]);
		Compression compression = Compression.of(args[5]);
		long t0 = System.nanoTime();
		long rows = 0;
		long encoded = 0;
		long stored = 0;
		try (Connection connection = FidelityFixture.connect(port)) {
			ReadSession.prepare(connection);
			TableShape shape = TableShape.read(connection, args[1], args[2]);
			LocalDirectorySink sink = new LocalDirectorySink(dir, false);
			FileNames names = new FileNames();
			try (Statement statement = connection.createStatement()) {
				statement.setFetchSize(4096);
				try (ResultSet rs = statement.executeQuery("SELECT " + shape.selectList() + " FROM "
						+ shape.qualifiedName())) {
					int chunk = 0;
					boolean more = rs.next();
					while (more) {
						try (PendingFile file = sink.create(names.data(args[1], args[2], chunk++, type, compression))) {
							OutputStream out = compression.wrap(file.stream());
							ChunkEncoder encoder = ChunkEncoder.open(type, shape, out, EncoderOptions.DEFAULTS);
							while (more && encoder.rows() < 1_000_000) {
								encoder.row(rs);
								more = rs.next();
							}
							encoder.finish();
							out.close();
							rows += encoder.rows();
							encoded += encoder.bytes();
							stored += file.commit().size();
						}
					}
				}
			}
		}
		System.out.printf("%.3f %d %d %d%n", (System.nanoTime() - t0) / 1e9, rows, encoded, stored);
	}

}

package dev.ferry.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.model.S3Object;

import dev.ferry.engine.format.Compression;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.s3.S3Clients;
import dev.ferry.s3.S3Location;

/**
 * The dump inspector, used by every import chain before anything runs: reads every SQL file of a dump (a directory,
 * an uploaded zip or an S3 prefix), streamed through a {@link SqlStatementReader}, and refuses the dump with a
 * {@link DumpRefusedException} (a 400 naming the file and the statement) when a statement falls outside its file's
 * {@link DumpFileRole}, a file name fits no role, or a file belongs to a system schema. Compressed SQL files
 * ({@code .sql.gz}, {@code .sql.zst}) are read uncompressed, as they stream. CSV and Parquet files are checked by
 * name; {@code metadata} and {@code manifest.json} are not read.
 * <p>
 * Memory stays small whatever the dump's size: one 64 KiB buffer (and the decompressor's), the first
 * {@value StatementCheck#HEADER} tokens of the statement being read, and a statement carried in {@code @ferry_ddl}
 * (at most {@value DdlCarrier#MAX_BYTES} bytes).
 */
public final class DumpInspector {

	private static final String JUNK_FOLDER = "__MACOSX";

	private final Set<String> tables = new TreeSet<>();

	private final Set<String> databases = new TreeSet<>();

	private int sqlFiles;

	private long statements;

	private long bytes;

	private DumpInspector() {
	}

	/** Inspects every file under {@code directory} (subdirectories too: lightning reads them). */
	public static DumpContents inspectDirectory(Path directory) {
		DumpInspector inspector = new DumpInspector();
		try (Stream<Path> walk = Files.walk(directory)) {
			List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
			for (Path file : files) {
				String shown = directory.relativize(file).toString();
				inspector.inspect(file.getFileName().toString(), shown, () -> Files.newInputStream(file));
			}
		}
		catch (IOException | UncheckedIOException ex) {
			throw new FerryException(ErrorCode.PARAMETER_INVALID, "cannot read the dump in " + directory + ": "
					+ ex.getMessage(), ex);
		}
		return inspector.contents();
	}

	/** Inspects the entries of a zip, streamed from it (nothing is unpacked). */
	public static DumpContents inspectZip(Path zip) {
		DumpInspector inspector = new DumpInspector();
		try (ZipFile file = new ZipFile(zip.toFile())) {
			Enumeration<? extends ZipEntry> entries = file.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				String name = entry.getName();
				String base = name.substring(name.lastIndexOf('/') + 1);
				if (entry.isDirectory() || name.startsWith(JUNK_FOLDER + "/") || base.equals(".DS_Store")) {
					continue;
				}
				inspector.inspect(base, name, () -> file.getInputStream(entry));
			}
		}
		catch (IOException ex) {
			throw new FerryException(ErrorCode.PARAMETER_INVALID, "cannot read the uploaded zip: " + ex.getMessage(),
					ex);
		}
		return inspector.contents();
	}

	/** Inspects the objects under an S3 prefix, each streamed from GetObject. */
	public static DumpContents inspectS3(S3Clients clients, S3Location location) {
		DumpInspector inspector = new DumpInspector();
		List<String> keys = clients.list(location)
			.stream()
			.map(S3Object::key)
			.filter((key) -> !key.endsWith("/"))
			.sorted()
			.toList();
		try {
			for (String key : keys) {
				inspector.inspect(key.substring(key.lastIndexOf('/') + 1), key,
						() -> clients.s3()
							.getObject((get) -> get.bucket(location.bucket()).key(key),
									AsyncResponseTransformer.toBlockingInputStream())
							.join());
			}
		}
		catch (IOException ex) {
			throw new FerryException(ErrorCode.PARAMETER_INVALID, "cannot read the dump in " + location + ": "
					+ ex.getMessage(), ex);
		}
		return inspector.contents();
	}

	/** Opens a file's bytes. */
	@FunctionalInterface
	interface Opener {

		InputStream open() throws IOException;

	}

	/** Checks one file: its name, and its statements if it is SQL. */
	void inspect(String baseName, String shownName, Opener opener) throws IOException {
		DumpFileRole role = DumpFileRole.of(baseName, shownName);
		if (role.kind() == DumpFileRole.Kind.DATA_NOT_SQL) {
			this.tables.add(role.tableByName());
			return;
		}
		if (!role.isSql()) {
			return;
		}
		if (role.kind() == DumpFileRole.Kind.DATABASE) {
			this.databases.add(role.firstDatabase());
		}
		this.sqlFiles++;
		try (InputStream raw = opener.open(); InputStream in = uncompressed(raw, role, shownName)) {
			SqlStatementReader reader = new SqlStatementReader(in);
			StatementCheck check = new StatementCheck(role, shownName, this.tables::add, reader);
			reader.read(check);
			check.finish();
			this.bytes += reader.bytesRead();
			this.statements += check.statements();
		}
		catch (SqlSyntaxException ex) {
			throw new DumpRefusedException(shownName + ": " + ex.getMessage());
		}
		catch (IOException ex) {
			if (role.compression() == Compression.NONE) {
				throw ex;
			}
			throw new DumpRefusedException(shownName + ": not a whole " + role.compression().id() + " stream ("
					+ ex.getMessage() + ")");
		}
	}

	/** The file's SQL, uncompressed while it is read ({@code .sql.gz}, {@code .sql.zst}). */
	private static InputStream uncompressed(InputStream in, DumpFileRole role, String shownName) throws IOException {
		if (role.compression() == Compression.NONE) {
			return in; // read as myloader sends it, whatever its first bytes
		}
		try {
			return role.compression().unwrap(in);
		}
		catch (IOException ex) {
			throw new DumpRefusedException(shownName + ": " + ex.getMessage());
		}
	}

	DumpContents contents() {
		return new DumpContents(Set.copyOf(this.tables), Set.copyOf(this.databases), this.sqlFiles, this.statements, this.bytes);
	}

}

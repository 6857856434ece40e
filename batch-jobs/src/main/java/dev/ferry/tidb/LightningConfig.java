package dev.ferry.tidb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.tomlj.MutableTomlTable;
import org.tomlj.TomlVersion;
import org.tomlj.TomlWriteOptions;

/**
 * {@code tidb-lightning.toml}, with TiUniManager's sections ({@code IE/lightning.go}) and these differences:
 * <ul>
 * <li>{@code [tikv-importer] backend} is {@code local} (TiUniManager's only choice) or {@code tidb} (SQL, works on
 * non-empty tables and on MySQL); {@code local} gets {@code sorted-kv-dir = <recordDir>/sorted-kv} (TiUniManager used
 * the record directory itself), {@code tidb} gets {@code on-duplicate = "replace"} when overwriting, else
 * {@code "error"}.</li>
 * <li>{@code [mydumper] data-source-dir} is a local directory or an S3 URL <em>without</em> keys (they go in
 * {@link #environment()}).</li>
 * <li>A {@code [[mydumper.files]]} rule for mydumper's two-part chunk names {@code db.tbl.00000.00001.sql}, which
 * lightning's default rule routes to a table {@code tbl.00000} (checked with lightning's regex, see
 * {@code tools.md} §1). Setting any rule turns lightning's default rules off unless
 * {@code default-file-rules = true}, so that is set too; the custom rule is tried first. Table names containing
 * {@code .<digits>} are ambiguous with it; compressed two-part files ({@code .sql.gz}) are not covered.
 * {@link Builder#twoPartChunkNames(boolean)} turns it off.</li>
 * <li>A {@code [[mydumper.files]]} rule that ignores {@code {db}.{t}-schema-triggers.sql} and
 * {@code {db}.{s}-schema-sequence.sql} (mydumper's, dumpling's and the native engine's names): lightning's default
 * rules ignore only {@code -schema-trigger.sql} and {@code -schema-post.sql}, so they would route these as SQL data of
 * a table {@code t-schema-triggers} without a schema file, and lightning's loader would refuse the whole source
 * ({@code pkg/lightning/mydump/router.go}, {@code loader.go}). Lightning restores no triggers and sequences either
 * way.</li>
 * <li>{@code [tidb] status-port} and {@code pd-addr} are required for {@code local} and optional for {@code tidb}
 * (a MySQL target has neither).</li>
 * </ul>
 * The text is built and serialized by tomlj (TOML 1.0; strings with line breaks become multi-line basic strings).
 * It contains the database password: write it with {@link #writeTo(Path)} (mode 0600) and delete it after the run.
 */
public final class LightningConfig {

	/** TiUniManager's file name inside the record directory. */
	public static final String FILE_NAME = "tidb-lightning.toml";

	/** Matches the trigger and sequence files of the mydumper layout, which lightning cannot restore. */
	static final String TRIGGERS_AND_SEQUENCES_PATTERN = "(?i)^(?:[^/]*/)*[^/.]+\\..+-schema-(triggers|sequence)\\.sql(?:\\.\\w+)?$";

	/** Matches mydumper's {@code db.tbl.<chunk>.<part>.sql|csv}; group 5 is the type. */
	static final String TWO_PART_CHUNK_PATTERN = "(?i)^(?:[^/]*/)*([^/.]+)\\.(.+?)\\.([0-9]+)\\.([0-9]+)\\.(sql|csv)$";

	private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "warn", "error", "fatal");

	private static final TomlWriteOptions WRITE_OPTIONS = TomlWriteOptions.defaults()
		.withVersion(TomlVersion.V1_0_0)
		.withIndent(2)
		.withLineSeparator("\n");

	/** Lightning's import backends that Ferry offers. */
	public enum Backend {

		/** Physical import into TiKV: fast, empty target tables, TiDB only. */
		LOCAL,

		/** Logical import through SQL: slower, non-empty tables, also MySQL/MariaDB. */
		TIDB;

		public static Backend of(String name) {
			for (Backend backend : values()) {
				if (backend.tomlName().equals(name)) {
					return backend;
				}
			}
			throw new IllegalArgumentException("lightning: backend must be local or tidb, was '" + name + "'");
		}

		public String tomlName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private final Path recordDir;

	private final DataLocation dataSource;

	private final Backend backend;

	private final boolean overwrite;

	private final String host;

	private final int port;

	private final String user;

	private final String password;

	private final @Nullable Integer statusPort;

	private final @Nullable String pdAddr;

	private final String logLevel;

	private final boolean checkRequirements;

	private final boolean twoPartChunkNames;

	private LightningConfig(Builder builder) {
		this.recordDir = required(builder.recordDir, "recordDir");
		if (!this.recordDir.isAbsolute()) {
			throw invalid("recordDir", "must be an absolute path, was " + this.recordDir);
		}
		this.dataSource = required(builder.dataSource, "dataSource");
		this.backend = required(builder.backend, "backend");
		this.overwrite = builder.overwrite;
		if (this.overwrite && this.backend != Backend.TIDB) {
			throw invalid("overwrite", "only with backend tidb (local needs empty tables)");
		}
		this.host = requiredText(builder.host, "host");
		this.port = checkPort("port", builder.port);
		this.user = requiredText(builder.user, "user");
		this.password = required(builder.password, "password");
		this.statusPort = builder.statusPort == null ? null : checkPort("statusPort", builder.statusPort);
		this.pdAddr = builder.pdAddr == null ? null : requiredText(builder.pdAddr, "pdAddr");
		if (this.backend == Backend.LOCAL && (this.statusPort == null || this.pdAddr == null)) {
			throw invalid(this.statusPort == null ? "statusPort" : "pdAddr", "is required for backend local");
		}
		this.logLevel = required(builder.logLevel, "logLevel");
		if (!LOG_LEVELS.contains(this.logLevel)) {
			throw invalid("logLevel", "must be one of " + LOG_LEVELS + ", was '" + this.logLevel + "'");
		}
		this.checkRequirements = builder.checkRequirements;
		this.twoPartChunkNames = builder.twoPartChunkNames;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** {@code <recordDir>/tidb-lightning.toml}. */
	public Path defaultFile() {
		return this.recordDir.resolve(FILE_NAME);
	}

	/** {@code <recordDir>/tidb-lightning.log}: lightning's own log. */
	public Path logFile() {
		return this.recordDir.resolve("tidb-lightning.log");
	}

	/** {@code <recordDir>/tidb_lightning_checkpoint.pb}. */
	public Path checkpointFile() {
		return this.recordDir.resolve("tidb_lightning_checkpoint.pb");
	}

	/** Environment variables lightning needs: the S3 keys for an S3 source, else none. */
	public Map<String, String> environment() {
		return this.dataSource.environment();
	}

	/** The TOML text (contains the password). */
	public String toToml() {
		MutableTomlTable root = MutableTomlTable.create();
		MutableTomlTable lightning = root.getOrCreateTable("lightning");
		lightning.set("level", this.logLevel);
		lightning.set("file", logFile().toString());
		lightning.set("check-requirements", this.checkRequirements);

		MutableTomlTable importer = root.getOrCreateTable("tikv-importer");
		importer.set("backend", this.backend.tomlName());
		if (this.backend == Backend.LOCAL) {
			importer.set("sorted-kv-dir", this.recordDir.resolve("sorted-kv").toString());
		}
		else {
			importer.set("on-duplicate", this.overwrite ? "replace" : "error");
		}

		MutableTomlTable mydumper = root.getOrCreateTable("mydumper");
		mydumper.set("data-source-dir", this.dataSource.toolUrl());
		mydumper.set("default-file-rules", true);
		MutableTomlTable ignored = MutableTomlTable.create();
		ignored.set("pattern", TRIGGERS_AND_SEQUENCES_PATTERN);
		ignored.set("type", "ignore");
		mydumper.getOrCreateArray("files").add(ignored);
		if (this.twoPartChunkNames) {
			MutableTomlTable rule = MutableTomlTable.create();
			rule.set("pattern", TWO_PART_CHUNK_PATTERN);
			rule.set("schema", "$1");
			rule.set("table", "$2");
			rule.set("type", "$5");
			rule.set("key", "$3.$4");
			mydumper.getOrCreateArray("files").add(rule);
		}

		MutableTomlTable tidb = root.getOrCreateTable("tidb");
		tidb.set("host", this.host);
		tidb.set("port", (long) this.port);
		tidb.set("user", this.user);
		tidb.set("password", this.password);
		if (this.statusPort != null) {
			tidb.set("status-port", this.statusPort.longValue());
		}
		if (this.pdAddr != null) {
			tidb.set("pd-addr", this.pdAddr);
		}

		MutableTomlTable checkpoint = root.getOrCreateTable("checkpoint");
		checkpoint.set("enable", true);
		checkpoint.set("driver", "file");
		checkpoint.set("dsn", checkpointFile().toString());
		return root.toToml(WRITE_OPTIONS);
	}

	/**
	 * Writes {@link #toToml()} to {@code file} with mode 0600: through a 0600 temporary file in the same directory,
	 * renamed over any existing file. The directory must exist.
	 */
	public void writeTo(Path file) throws IOException {
		PrivateFiles.write(file, toToml());
	}

	/** No password, no keys. */
	@Override
	public String toString() {
		return "LightningConfig[" + this.backend.tomlName() + (this.overwrite ? " overwrite" : "") + ", "
				+ this.dataSource + " -> " + this.user + "@" + this.host + ":" + this.port + ", record dir "
				+ this.recordDir + "]";
	}

	private static int checkPort(String field, int port) {
		if (port < 1 || port > 65535) {
			throw invalid(field, "must be 1-65535, was " + port);
		}
		return port;
	}

	private static <T> T required(@Nullable T value, String field) {
		if (value == null) {
			throw invalid(field, "is required");
		}
		return value;
	}

	private static String requiredText(@Nullable String value, String field) {
		String text = required(value, field);
		if (text.isBlank()) {
			throw invalid(field, "must not be blank");
		}
		return text;
	}

	private static IllegalArgumentException invalid(String field, String problem) {
		return new IllegalArgumentException("lightning: " + field + " " + problem);
	}

	/** Collects the inputs; {@link #build()} validates them. */
	public static final class Builder {

		private @Nullable Path recordDir;

		private @Nullable DataLocation dataSource;

		private @Nullable Backend backend = Backend.LOCAL;

		private boolean overwrite;

		private @Nullable String host;

		private int port;

		private @Nullable String user;

		private @Nullable String password;

		private @Nullable Integer statusPort;

		private @Nullable String pdAddr;

		private @Nullable String logLevel = "info";

		private boolean checkRequirements;

		private boolean twoPartChunkNames = true;

		private Builder() {
		}

		/** Holds lightning's log, sorted KV files and checkpoint (absolute). */
		public Builder recordDir(Path recordDir) {
			this.recordDir = recordDir;
			return this;
		}

		public Builder dataSource(DataLocation dataSource) {
			this.dataSource = dataSource;
			return this;
		}

		/** Default {@link Backend#LOCAL}. */
		public Builder backend(Backend backend) {
			this.backend = backend;
			return this;
		}

		/** Replace existing rows ({@code on-duplicate = "replace"}); only with {@link Backend#TIDB}. */
		public Builder overwrite(boolean overwrite) {
			this.overwrite = overwrite;
			return this;
		}

		/** The TiDB (or MySQL) server's SQL host and port. */
		public Builder tidb(String host, int port) {
			this.host = host;
			this.port = port;
			return this;
		}

		public Builder user(String user) {
			this.user = user;
			return this;
		}

		/** May be empty, never {@code null}. */
		public Builder password(String password) {
			this.password = password;
			return this;
		}

		/** TiDB's status port; required for {@link Backend#LOCAL}. */
		public Builder statusPort(@Nullable Integer statusPort) {
			this.statusPort = statusPort;
			return this;
		}

		/** {@code host:port} of a PD client URL; required for {@link Backend#LOCAL}. */
		public Builder pdAddr(@Nullable String pdAddr) {
			this.pdAddr = pdAddr;
			return this;
		}

		/** Default {@code info} (TiUniManager's). */
		public Builder logLevel(String logLevel) {
			this.logLevel = logLevel;
			return this;
		}

		/** Lightning's prechecks; default {@code false} (TiUniManager's, marked "TBD" there). */
		public Builder checkRequirements(boolean checkRequirements) {
			this.checkRequirements = checkRequirements;
			return this;
		}

		/** The {@code [[mydumper.files]]} rule for {@code db.tbl.00000.00001.sql}; default on. */
		public Builder twoPartChunkNames(boolean twoPartChunkNames) {
			this.twoPartChunkNames = twoPartChunkNames;
			return this;
		}

		public LightningConfig build() {
			return new LightningConfig(this);
		}

	}

}

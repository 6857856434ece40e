package dev.ferry.tidb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The dumpling argument list, in TiUniManager's order ({@code IE/executor.go}):
 * <pre>
 * [tiup dumpling | dumpling] -p PW -u USER -P PORT --host HOST --filetype sql|csv -o OUT
 *     -r 200000 -F 256MiB --loglevel debug --logfile LOG -t N [--filter RULE]... [--sql SQL]
 * </pre>
 * Built as a list, never a string split on spaces (TiUniManager's bug #1), with one {@code --filter} per rule
 * (bug #10: the UI joined rules with {@code ;} into one value).
 * <p>
 * <b>Password:</b> dumpling takes the database password only as {@code -p} (no environment variable or option file),
 * so it is in {@link #arguments()} and thus in {@code /proc/<pid>/cmdline}. Show {@link #displayArguments()}
 * (password masked) in logs and execution contexts, never {@link #arguments()}.
 * <p>
 * <b>Filters:</b> dumpling's {@code --filter} is a pflag string <em>slice</em>, whose every value is parsed as one
 * CSV record, so a rule with {@code ,} or {@code "} would be split or rejected. Such a rule is passed CSV-quoted
 * ({@code "a,b.*"}, inner quotes doubled), which the CSV parser turns back into exactly the rule. Rules starting
 * with {@code @} (table-filter's "read rules from this file") and rules with line breaks are refused.
 * <p>
 * <b>S3:</b> {@code -o s3://bucket/prefix?endpoint=…&force-path-style=true}, keys in {@link #environment()}.
 */
public final class DumplingCommand {

	/** What {@link #displayArguments()} shows instead of the password. */
	public static final String MASK = "******";

	private final TidbLauncher launcher;

	private final String host;

	private final int port;

	private final String user;

	private final String password;

	private final String fileType;

	private final DataLocation output;

	private final int threads;

	private final Path logFile;

	private final List<String> filters;

	private final @Nullable String sql;

	private DumplingCommand(Builder builder) {
		this.launcher = required(builder.launcher, "launcher");
		this.host = requiredText(builder.host, "host");
		this.port = builder.port;
		if (this.port < 1 || this.port > 65535) {
			throw invalid("port", "must be 1-65535, was " + this.port);
		}
		this.user = requiredText(builder.user, "user");
		this.password = required(builder.password, "password");
		if (this.password.indexOf('\0') >= 0) {
			throw invalid("password", "must not contain NUL (a command line cannot carry it)");
		}
		this.fileType = required(builder.fileType, "fileType");
		if (!"sql".equals(this.fileType) && !"csv".equals(this.fileType)) {
			throw invalid("fileType", "must be sql or csv, was '" + this.fileType + "'");
		}
		this.output = required(builder.output, "output");
		this.threads = builder.threads;
		if (this.threads < 1) {
			throw invalid("threads", "must be at least 1, was " + this.threads);
		}
		this.logFile = required(builder.logFile, "logFile");
		if (!this.logFile.isAbsolute()) {
			throw invalid("logFile", "must be an absolute path, was " + this.logFile);
		}
		this.filters = List.copyOf(builder.filters);
		for (int i = 0; i < this.filters.size(); i++) {
			checkFilter(i, this.filters.get(i));
		}
		this.sql = (builder.sql == null || builder.sql.isBlank()) ? null : builder.sql;
		if (this.sql != null) {
			if (!"csv".equals(this.fileType)) {
				throw invalid("sql", "only with fileType csv (dumpling's --sql writes CSV)");
			}
			if (!this.filters.isEmpty()) {
				throw invalid("sql", "not together with filter rules");
			}
			if (this.sql.indexOf('\0') >= 0) {
				throw invalid("sql", "must not contain NUL");
			}
		}
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The real argument list, password included: for the process only. */
	public List<String> arguments() {
		return build(this.password);
	}

	/** The argument list with the password replaced by {@value #MASK}: for logs, contexts, the console. */
	public List<String> displayArguments() {
		return build(MASK);
	}

	/** Environment variables dumpling needs: the S3 keys for an S3 output, else none. */
	public Map<String, String> environment() {
		return this.output.environment();
	}

	public DataLocation output() {
		return this.output;
	}

	public Path logFile() {
		return this.logFile;
	}

	/** The masked argument list. */
	@Override
	public String toString() {
		return "DumplingCommand" + displayArguments();
	}

	private List<String> build(String passwordShown) {
		List<String> argv = new ArrayList<>(this.launcher.prefix("dumpling"));
		argv.addAll(List.of("-p", passwordShown, "-u", this.user, "-P", Integer.toString(this.port), "--host",
				this.host, "--filetype", this.fileType, "-o", this.output.toolUrl(), "-r", "200000", "-F", "256MiB",
				"--loglevel", "debug", "--logfile", this.logFile.toString(), "-t", Integer.toString(this.threads)));
		for (String rule : this.filters) {
			argv.add("--filter");
			argv.add(csvField(rule));
		}
		if (this.sql != null) {
			argv.add("--sql");
			argv.add(this.sql);
		}
		return List.copyOf(argv);
	}

	/** One CSV field that Go's {@code encoding/csv} (behind pflag's string slice) reads back as {@code rule}. */
	static String csvField(String rule) {
		if (rule.indexOf(',') < 0 && rule.indexOf('"') < 0) {
			return rule;
		}
		return '"' + rule.replace("\"", "\"\"") + '"';
	}

	private static void checkFilter(int index, String rule) {
		String field = "filters[" + index + "]";
		if (rule.isBlank()) {
			throw invalid(field, "must not be blank");
		}
		if (rule.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\0')) {
			throw invalid(field, "must be one line (one rule per entry)");
		}
		if (rule.strip().startsWith("@")) {
			throw invalid(field, "must not start with @ (table-filter would read rules from that file)");
		}
	}

	private static <T> T required(@Nullable T value, String field) {
		if (value == null) {
			throw invalid(field, "is required");
		}
		return value;
	}

	private static String requiredText(@Nullable String value, String field) {
		String text = required(value, field);
		if (text.isBlank() || text.chars().anyMatch(Character::isISOControl)) {
			throw invalid(field, "must be non-blank without control characters");
		}
		return text;
	}

	private static IllegalArgumentException invalid(String field, String problem) {
		return new IllegalArgumentException("dumpling: " + field + " " + problem);
	}

	/** Collects the inputs; {@link #build()} validates them. */
	public static final class Builder {

		private @Nullable TidbLauncher launcher;

		private @Nullable String host;

		private int port;

		private @Nullable String user;

		private @Nullable String password;

		private @Nullable String fileType;

		private @Nullable DataLocation output;

		private int threads = 8;

		private @Nullable Path logFile;

		private final List<String> filters = new ArrayList<>();

		private @Nullable String sql;

		private Builder() {
		}

		public Builder launcher(TidbLauncher launcher) {
			this.launcher = launcher;
			return this;
		}

		public Builder host(String host) {
			this.host = host;
			return this;
		}

		public Builder port(int port) {
			this.port = port;
			return this;
		}

		public Builder user(String user) {
			this.user = user;
			return this;
		}

		/** May be empty (a user without password), never {@code null}. */
		public Builder password(String password) {
			this.password = password;
			return this;
		}

		/** {@code sql} or {@code csv}. */
		public Builder fileType(String fileType) {
			this.fileType = fileType;
			return this;
		}

		public Builder output(DataLocation output) {
			this.output = output;
			return this;
		}

		/** {@code -t}; TiUniManager's {@code DumplingThreadNum}, default 8. */
		public Builder threads(int threads) {
			this.threads = threads;
			return this;
		}

		public Builder logFile(Path logFile) {
			this.logFile = logFile;
			return this;
		}

		/** Table-filter rules, each becoming its own {@code --filter}. Replaces earlier ones. */
		public Builder filters(List<String> rules) {
			this.filters.clear();
			this.filters.addAll(rules);
			return this;
		}

		/** Only with {@code csv} and no filter rules; {@code null} or blank means none. */
		public Builder sql(@Nullable String sql) {
			this.sql = sql;
			return this;
		}

		public DumplingCommand build() {
			return new DumplingCommand(this);
		}

	}

}

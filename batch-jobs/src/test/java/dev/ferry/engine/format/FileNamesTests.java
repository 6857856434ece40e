package dev.ferry.engine.format;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileNamesTests {

	/** Lightning's default data file rule (pkg/lightning/mydump/router.go); its names are URL-unescaped. */
	static final Pattern LIGHTNING_DATA = Pattern
		.compile("(?i)^(?:[^/]*/)*([^/.]+)\\.(.*?)(?:\\.([0-9]+))?\\.(sql|csv|parquet)(?:\\.(\\w+))?$");

	static final Pattern LIGHTNING_TABLE_SCHEMA = Pattern.compile("(?i)^(?:[^/]*/)*([^/.]+)\\.(.*?)-schema\\.sql(?:\\.(\\w*?))?$");

	static final Pattern LIGHTNING_DATABASE = Pattern.compile("(?i)^(?:[^/]*/)*([^/.]+)-schema-create\\.sql(?:\\.(\\w*?))?$");

	static final Pattern LIGHTNING_IGNORED = Pattern.compile("(?i).*(-schema-trigger|-schema-post)\\.sql(?:\\.(\\w*?))?$");

	final FileNames names = new FileNames();

	@Test
	void theMydumperLayout() {
		assertThat(this.names.databaseCreate("shop")).isEqualTo("shop-schema-create.sql");
		assertThat(this.names.post("shop")).isEqualTo("shop-schema-post.sql");
		assertThat(this.names.tableSchema("shop", "orders")).isEqualTo("shop.orders-schema.sql");
		assertThat(this.names.viewSchema("shop", "v")).isEqualTo("shop.v-schema-view.sql");
		assertThat(this.names.triggers("shop", "orders")).isEqualTo("shop.orders-schema-triggers.sql");
		assertThat(this.names.sequence("shop", "s")).isEqualTo("shop.s-schema-sequence.sql");
		assertThat(this.names.placeholder("shop")).isEqualTo("shop.-schema.sql-schema-trigger.sql");
		assertThat(this.names.data("shop", "orders", 0, FileType.SQL, Compression.NONE))
			.isEqualTo("shop.orders.00000.sql");
		assertThat(this.names.data("shop", "orders", 7, FileType.CSV, Compression.GZIP))
			.isEqualTo("shop.orders.00007.csv.gz");
		assertThat(this.names.data("shop", "orders", 123456, FileType.SQL, Compression.ZSTD))
			.isEqualTo("shop.orders.123456.sql.zst");
		assertThat(this.names.escapes()).isEmpty();
	}

	@Test
	void aNegativeChunkOrAnEmptyNameIsRefused() {
		assertThatThrownBy(() -> this.names.data("a", "b", -1, FileType.SQL, Compression.NONE))
			.hasMessageContaining("chunk numbers start at 0");
		assertThatThrownBy(() -> this.names.tableSchema("", "b")).hasMessageContaining("cannot be empty");
	}

	@Test
	void databaseNamesLoseTheirDotsSlashesAndControlCharacters() {
		assertThat(FileNames.escapeDatabase("a.b/c\\d%e\tf\u007f")).isEqualTo("a%2Eb%2Fc%5Cd%25e%09f%7F");
		assertThat(FileNames.escapeDatabase("..")).isEqualTo("%2E%2E");
		assertThat(FileNames.escapeDatabase("ünï cødé-schema `x`")).isEqualTo("ünï cødé-schema `x`");
	}

	@Test
	void tableNamesKeepTheirInnerDots() {
		assertThat(FileNames.escapeTable("dot.ted")).isEqualTo("dot.ted");
		assertThat(FileNames.escapeTable("a.1b")).isEqualTo("a.1b");
		assertThat(FileNames.escapeTable("a.1.b")).isEqualTo("a.1.b");
		assertThat(FileNames.escapeTable(".lead")).isEqualTo("%2Elead");
		assertThat(FileNames.escapeTable("trail.")).isEqualTo("trail%2E");
		assertThat(FileNames.escapeTable("a..b")).isEqualTo("a%2E%2Eb");
		assertThat(FileNames.escapeTable("..")).isEqualTo("%2E%2E");
		assertThat(FileNames.escapeTable("t.00001")).isEqualTo("t%2E00001");
		assertThat(FileNames.escapeTable("t.1.2")).isEqualTo("t.1%2E2");
		assertThat(FileNames.escapeTable("x-schema")).isEqualTo("x%2Dschema");
		assertThat(FileNames.escapeTable("x-SCHEMA-view")).isEqualTo("x%2DSCHEMA-view");
		assertThat(FileNames.escapeTable("sl/ash")).isEqualTo("sl%2Fash");
		assertThat(FileNames.escapeTable("back`tick wïth space")).isEqualTo("back`tick wïth space");
	}

	@Test
	void escapedNamesAreRememberedForTheManifest() {
		this.names.data("a.b", "t.1", 0, FileType.SQL, Compression.NONE);
		this.names.tableSchema("plain", "x/y");
		this.names.tableSchema("plain", "plain");

		assertThat(this.names.escapes()).containsExactly(java.util.Map.entry("a%2Eb", "a.b"),
				java.util.Map.entry("t%2E1", "t.1"), java.util.Map.entry("x%2Fy", "x/y"));
	}

	@Test
	void unescapingReversesEveryName() {
		Random random = new Random(9);
		String alphabet = "ab.-/%\\\t\n é😀`'\"schema0123456789";
		for (int n = 0; n < 5000; n++) {
			StringBuilder name = new StringBuilder();
			int length = 1 + random.nextInt(12);
			for (int i = 0; i < length; i++) {
				name.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
						random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
			}
			String real = name.toString();
			assertThat(FileNames.unescape(FileNames.escapeDatabase(real))).isEqualTo(real);
			assertThat(FileNames.unescape(FileNames.escapeTable(real))).isEqualTo(real);
			assertThat(FileNames.escapeDatabase(real)).doesNotContain(".", "/", "\t", "\n");
			String table = FileNames.escapeTable(real);
			assertThat(table).doesNotContain("/", "..", "\n").doesNotStartWith(".").doesNotEndWith(".");
			assertThat(table.toLowerCase()).doesNotContain("-schema");
		}
	}

	@Test
	void badEscapesAreRefused() {
		assertThatThrownBy(() -> FileNames.unescape("a%4")).hasMessageContaining("two hex digits");
		assertThatThrownBy(() -> FileNames.unescape("a%ZZb")).hasMessageContaining("two hex digits");
		assertThatThrownBy(() -> FileNames.unescape("a%FF")).hasMessageContaining("UTF-8");
	}

	@Test
	void namesParseBackToWhatTheyHold() {
		for (String db : List.of("shop", "a.b", "ünï db", "x%y")) {
			for (String table : List.of("t", "t.00001", "dot.ted", "x-schema-view", ".lead", "sl/ash")) {
				assertThat(FileNames.parse(this.names.data(db, table, 12, FileType.CSV, Compression.ZSTD)))
					.contains(new FileNames.Parsed(FileNames.Kind.DATA, db, table, 12, FileType.CSV, Compression.ZSTD));
				assertThat(FileNames.parse(this.names.data(db, table, 0, FileType.SQL, Compression.NONE)))
					.contains(new FileNames.Parsed(FileNames.Kind.DATA, db, table, 0, FileType.SQL, Compression.NONE));
				assertThat(FileNames.parse(this.names.tableSchema(db, table)))
					.contains(new FileNames.Parsed(FileNames.Kind.TABLE, db, table, -1, null, null));
				assertThat(FileNames.parse(this.names.viewSchema(db, table)).orElseThrow().kind())
					.isEqualTo(FileNames.Kind.VIEW);
				assertThat(FileNames.parse(this.names.triggers(db, table)).orElseThrow().table()).isEqualTo(table);
				assertThat(FileNames.parse(this.names.sequence(db, table)).orElseThrow().kind())
					.isEqualTo(FileNames.Kind.SEQUENCE);
			}
			assertThat(FileNames.parse(this.names.databaseCreate(db)))
				.contains(new FileNames.Parsed(FileNames.Kind.DATABASE, db, null, -1, null, null));
			assertThat(FileNames.parse(this.names.post(db)).orElseThrow().kind()).isEqualTo(FileNames.Kind.POST);
			assertThat(FileNames.parse(this.names.placeholder(db)))
				.contains(new FileNames.Parsed(FileNames.Kind.PLACEHOLDER, db, null, -1, null, null));
		}
		assertThat(FileNames.parse("metadata")).isEmpty();
		assertThat(FileNames.parse("manifest.json")).isEmpty();
	}

	@Test
	void lightningRoutesDataFilesToTheRealNames() {
		for (String table : List.of("t", "t.00001", "dot.ted", "x-schema", "sl/ash", "a..b", "per%cent")) {
			String name = this.names.data("my.db", table, 3, FileType.SQL, Compression.GZIP);
			Matcher m = LIGHTNING_DATA.matcher(name);
			assertThat(m.matches()).as(name).isTrue();
			assertThat(pathUnescape(m.group(1))).isEqualTo("my.db");
			assertThat(pathUnescape(m.group(2))).as(name).isEqualTo(table);
			assertThat(m.group(3)).isEqualTo("00003");
			assertThat(m.group(5)).isEqualTo("gz");
			Matcher schema = LIGHTNING_TABLE_SCHEMA.matcher(this.names.tableSchema("my.db", table));
			assertThat(schema.matches()).isTrue();
			assertThat(pathUnescape(schema.group(2))).isEqualTo(table);
		}
		Matcher database = LIGHTNING_DATABASE.matcher(this.names.databaseCreate("my.db"));
		assertThat(database.matches()).isTrue();
		assertThat(pathUnescape(database.group(1))).isEqualTo("my.db");
		assertThat(LIGHTNING_IGNORED.matcher(this.names.placeholder("my.db")).matches()).isTrue();
	}

	@Test
	void myloaderTakesTheDatabaseUpToTheFirstDot() {
		String name = this.names.data("a.b", "c.d", 0, FileType.SQL, Compression.NONE);
		assertThat(name.substring(0, name.indexOf('.'))).isEqualTo(FileNames.escapeDatabase("a.b"));
		String placeholder = this.names.placeholder("db");
		assertThat(placeholder).contains("-schema.sql").doesNotContain("-schema-triggers.sql", "-schema-post.sql",
				"-schema-view.sql");
	}

	/** Go's url.PathUnescape, which Lightning applies: %XX only, a + stays. */
	private static String pathUnescape(String escaped) {
		return URLDecoder.decode(escaped.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}

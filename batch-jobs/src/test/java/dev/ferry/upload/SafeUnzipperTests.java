package dev.ferry.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import static dev.ferry.upload.Zips.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checking and unpacking zips: layouts that must work, and every way a zip can try to hurt. */
class SafeUnzipperTests {

	static final ZipLimits LIMITS = new ZipLimits(10L * 1024 * 1024 * 1024, 1000, 200);

	@TempDir
	Path dir;

	Path target() {
		return this.dir.resolve("record").resolve("data");
	}

	Path zip(Map<String, byte[]> entries) throws IOException {
		return Zips.write(this.dir.resolve("upload.zip"), entries);
	}

	Path zip(byte[] bytes) throws IOException {
		return Files.write(this.dir.resolve("upload.zip"), bytes);
	}

	@Test
	void unpacksFilesAndFoldersKeepingTheirRelativePaths() throws IOException {
		Path zip = zip(entries("shop-schema-create.sql", "CREATE DATABASE shop;", "shop/", "", "shop/t.00000.sql",
				"INSERT 1;", "empty/", ""));

		SafeUnzipper.ZipContents contents = SafeUnzipper.unpack(zip, target(), LIMITS, "the upload");

		assertThat(contents.files()).isEqualTo(2);
		assertThat(contents.unpackedBytes()).isEqualTo(30);
		assertThat(contents.strippedFolder()).isNull();
		assertThat(target().resolve("shop-schema-create.sql")).hasContent("CREATE DATABASE shop;");
		assertThat(target().resolve("shop").resolve("t.00000.sql")).hasContent("INSERT 1;");
		assertThat(target().resolve("empty")).isEmptyDirectory();
		assertThat(leftovers()).as("no staging directory left").isEmpty();
	}

	@Test
	void unpackedFilesAre0640AndDirectories0750WhateverTheUmask() throws IOException {
		Path zip = zip(entries("shop-schema-create.sql", "CREATE DATABASE shop;", "shop/", "", "shop/t.00000.sql",
				"INSERT 1;"));

		SafeUnzipper.unpack(zip, target(), LIMITS, "the upload");

		assertThat(UploadStoreTests.mode(target())).isEqualTo("rwxr-x---");
		assertThat(UploadStoreTests.mode(target().resolve("shop"))).isEqualTo("rwxr-x---");
		assertThat(UploadStoreTests.mode(target().resolve("shop-schema-create.sql"))).isEqualTo("rw-r-----");
		assertThat(UploadStoreTests.mode(target().resolve("shop").resolve("t.00000.sql"))).isEqualTo("rw-r-----");
	}

	@Test
	void stripsASingleTopFolderSoTheDumpLandsInTheTarget() throws IOException {
		Path zip = zip(entries("data/", "", "data/a.sql", "A", "data/sub/b.sql", "B", "__MACOSX/", "",
				"__MACOSX/data/._a.sql", "junk", "data/.DS_Store", "junk"));

		SafeUnzipper.ZipContents contents = SafeUnzipper.unpack(zip, target(), LIMITS, "the upload");

		assertThat(contents.strippedFolder()).isEqualTo("data");
		assertThat(contents.files()).isEqualTo(2);
		assertThat(target().resolve("a.sql")).hasContent("A");
		assertThat(target().resolve("sub").resolve("b.sql")).hasContent("B");
		assertThat(target().resolve("data")).doesNotExist();
		assertThat(target().resolve("__MACOSX")).doesNotExist();
		assertThat(target().resolve(".DS_Store")).doesNotExist();
	}

	@Test
	void keepsTopFoldersWhenThereAreSeveralOrAFileAtTheTop() throws IOException {
		Path zip = zip(entries("x/a.sql", "A", "y/b.sql", "B"));

		SafeUnzipper.unpack(zip, target(), LIMITS, "the upload");

		assertThat(target().resolve("x").resolve("a.sql")).exists();
		assertThat(target().resolve("y").resolve("b.sql")).exists();
		Path other = this.dir.resolve("other");
		SafeUnzipper.unpack(Zips.write(this.dir.resolve("2.zip"), entries("top.sql", "T", "data/a.sql", "A")), other,
				LIMITS, "the upload");
		assertThat(other.resolve("data").resolve("a.sql")).exists();
		assertThat(other.resolve("top.sql")).exists();
	}

	@Test
	void intoAnExistingEmptyDirectory() throws IOException {
		Files.createDirectories(target());

		SafeUnzipper.unpack(zip(entries("a.sql", "A")), target(), LIMITS, "the upload");

		assertThat(target().resolve("a.sql")).exists();
	}

	@Test
	void refusesATargetThatAlreadyHoldsFiles() throws IOException {
		Files.createDirectories(target());
		Files.writeString(target().resolve("old.sql"), "old");

		assertThatThrownBy(() -> SafeUnzipper.unpack(zip(entries("a.sql", "A")), target(), LIMITS, "the upload"))
			.isInstanceOfSatisfying(FerryException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.TIEM_TRANSPORT_PATH_CREATE_FAILED))
			.hasMessageContaining("already holds files");
		assertThat(target().resolve("a.sql")).doesNotExist();
	}

	@Test
	void randomBytesAreNotAZip() throws IOException {
		byte[] random = new byte[100_000];
		new Random(42).nextBytes(random);

		assertRefused(zip(random), "the upload is not a valid zip file: no end of central directory record");
	}

	@Test
	void aTruncatedZipIsNotAZip() throws IOException {
		byte[] whole = Zips.of(entries("a.sql", "A".repeat(10_000), "b.sql", "B".repeat(10_000)));

		assertRefused(zip(Arrays.copyOf(whole, whole.length / 2)), "the upload is not a valid zip file");
	}

	@Test
	void tinyAndEmptyFilesAreNotAZip() throws IOException {
		assertRefused(zip(new byte[0]), "is not a valid zip file: it is only 0 bytes long");
		assertRefused(zip(Zips.of(entries())), "contains no files");
		assertRefused(zip(entries("only/", "", "folders/", "")), "contains no files");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "../evil.sql|climbs out of the target with '..'",
			"data/../../evil.sql|climbs out of the target with '..'", "data/..|climbs out of the target with '..'",
			"/etc/x|is an absolute path", "C:/x.sql|is an absolute path", "..\\evil.sql|contains a backslash",
			"data\\a.sql|contains a backslash" })
	void refusesEntriesThatLeaveTheTarget(String name, String why) throws IOException {
		Path zip = zip(entries("ok.sql", "fine", name, "evil"));

		assertRefused(zip, "the upload: entry '" + name + "' " + why);
		assertThat(this.dir.resolve("evil.sql")).doesNotExist();
		assertThat(this.dir.resolve("record").resolve("evil.sql")).doesNotExist();
	}

	@Test
	void refusesAZipBomb() throws IOException {
		Path zip = zip(entries("a.sql", "A", "bomb.sql", new byte[50 * 1024 * 1024]));
		assertThat(Files.size(zip)).isLessThan(100 * 1024);

		assertRefused(zip, "the upload looks like a zip bomb: entry 'bomb.sql' would unpack");
	}

	@Test
	void smallEntriesMayCompressWell() throws IOException {
		SafeUnzipper.unpack(zip(entries("zeros.sql", new byte[512 * 1024])), target(), LIMITS, "the upload");

		assertThat(target().resolve("zeros.sql")).hasSize(512 * 1024);
	}

	@Test
	void refusesTooManyEntries() throws IOException {
		ZipLimits limits = new ZipLimits(LIMITS.maxUnpackedBytes(), 5, 200);
		Path zip = zip(entries("1", "1", "2", "2", "3", "3", "4", "4", "5", "5", "6", "6"));

		assertThatThrownBy(() -> SafeUnzipper.unpack(zip, target(), limits, "the upload"))
			.hasMessage("the upload has more than 5 entries");
		SafeUnzipper.unpack(zip(entries("1", "1", "2", "2", "d/", "", "4", "4", "5", "5")), target(), limits, "ok");
	}

	@Test
	void refusesADeclaredTotalAboveTheLimit() throws IOException {
		ZipLimits limits = new ZipLimits(1000, 100, 200);
		Path zip = zip(entries("a", new byte[600], "b", new byte[600]));

		assertThatThrownBy(() -> SafeUnzipper.unpack(zip, target(), limits, "the upload"))
			.hasMessage("the upload would unpack to more than 1000 bytes (the limit of an upload once unpacked)");
		assertThat(target()).doesNotExist();
	}

	@Test
	void countsTheBytesReallyWrittenWhenTheDeclaredSizeLies() throws IOException {
		byte[] honest = Zips.of(entries("a.sql", "A", "big.sql", "x".repeat(300_000)));
		byte[] lying = Zips.patchCentralHeader(honest, "big.sql", Zips.UNCOMPRESSED_SIZE, 4, 1000);

		assertRefused(zip(lying), "entry 'big.sql' unpacks to more than the 1000 bytes it declares");
		assertThat(target()).doesNotExist();
		assertThat(leftovers()).as("partial files removed").isEmpty();
	}

	@Test
	void refusesCompressionMethodsItCannotUnpack() throws IOException {
		byte[] deflate64 = Zips.patchCentralHeader(Zips.of(entries("a.sql", "A")), "a.sql", Zips.METHOD, 2, 9);

		assertRefused(zip(deflate64), "bad compression method: 9); Ferry unpacks stored and Deflate entries");
	}

	@Test
	void refusesTheSamePathTwiceAndAFileThatIsAlsoAFolder() throws IOException {
		assertRefused(zip(entries("a.sql", "1", "./a.sql", "2")), "entry './a.sql' appears more than once");
		assertRefused(zip(entries("a", "1", "a/b", "2")), "'a' is both a file and a folder");
	}

	@Test
	void inspectChecksWithoutWriting() throws IOException {
		SafeUnzipper.ZipContents contents = SafeUnzipper.inspect(zip(entries("data/a", "AB", "data/b", "C")), LIMITS,
				"x");

		assertThat(contents).isEqualTo(new SafeUnzipper.ZipContents(2, 3, "data"));
		assertThat(target()).doesNotExist();
	}

	private void assertRefused(Path zip, String message) {
		assertThatThrownBy(() -> SafeUnzipper.unpack(zip, target(), LIMITS, "the upload"))
			.isInstanceOfSatisfying(FerryException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.PARAMETER_INVALID))
			.hasMessageContaining(message);
		assertThat(target()).doesNotExist();
	}

	private java.util.List<Path> leftovers() throws IOException {
		Path parent = target().getParent();
		if (!Files.isDirectory(parent)) {
			return java.util.List.of();
		}
		try (Stream<Path> files = Files.list(parent)) {
			return files.filter((p) -> p.getFileName().toString().contains(".unpacking-")).toList();
		}
	}

}

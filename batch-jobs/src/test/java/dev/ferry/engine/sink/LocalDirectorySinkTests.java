package dev.ferry.engine.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A local directory sink: final names only on commit, checksums of exactly the stored bytes, nothing left behind. */
class LocalDirectorySinkTests {

	@TempDir
	Path dir;

	@Test
	void aFileIsInvisibleUnderItsNameUntilCommitted() throws Exception {
		LocalDirectorySink sink = new LocalDirectorySink(this.dir.resolve("data"), false);
		try (PendingFile file = sink.create("shop.orders.00000.sql")) {
			file.stream().write("INSERT INTO t VALUES (1);\n".getBytes(StandardCharsets.UTF_8));
			file.stream().flush();

			assertThat(this.dir.resolve("data").resolve("shop.orders.00000.sql")).doesNotExist();
			assertThat(this.dir.resolve("data").resolve(".shop.orders.00000.sql.partial")).exists();
			assertThat(sink.committed()).isEmpty();

			StoredFile stored = file.commit();

			assertThat(stored.name()).isEqualTo("shop.orders.00000.sql");
			assertThat(stored.size()).isEqualTo(26);
		}
		assertThat(sink.committed()).containsExactly("shop.orders.00000.sql");
		assertThat(this.dir.resolve("data").resolve(".shop.orders.00000.sql.partial")).doesNotExist();
		assertThat(Files.readString(this.dir.resolve("data").resolve("shop.orders.00000.sql")))
			.isEqualTo("INSERT INTO t VALUES (1);\n");
	}

	@Test
	void checksumsAreThoseOfTheStoredBytesWhateverTheWriteSizes() throws Exception {
		byte[] bytes = new byte[3 * 1024 * 1024 + 17];
		new Random(42).nextBytes(bytes);
		LocalDirectorySink sink = new LocalDirectorySink(this.dir, true);
		StoredFile stored;
		try (PendingFile file = sink.create("big.bin")) {
			OutputStream out = file.stream();
			out.write(bytes, 0, 5);
			out.write(bytes[5]);
			out.write(bytes, 6, 300_000);
			out.write(bytes, 300_006, 1024 * 1024); // larger than the buffer: written through
			out.write(bytes, 1_348_582, bytes.length - 1_348_582);
			stored = file.commit();
		}
		byte[] onDisk = Files.readAllBytes(this.dir.resolve("big.bin"));
		CRC32C crc = new CRC32C();
		crc.update(onDisk);

		assertThat(onDisk).isEqualTo(bytes);
		assertThat(stored.size()).isEqualTo(bytes.length);
		assertThat(stored.crc32c()).isEqualTo(String.format("%08x", crc.getValue())).hasSize(8);
		assertThat(stored.sha256())
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(onDisk)));
	}

	@Test
	void crc32cHasEightLowercaseDigitsAndSha256OnlyWhenAsked() throws Exception {
		LocalDirectorySink sink = new LocalDirectorySink(this.dir, false);
		StoredFile empty;
		try (PendingFile file = sink.create("empty.sql")) {
			empty = file.commit();
		}
		StoredFile known;
		try (PendingFile file = sink.create("known.txt")) {
			file.stream().write("123456789".getBytes(StandardCharsets.US_ASCII));
			known = file.commit();
		}

		assertThat(empty.crc32c()).isEqualTo("00000000");
		assertThat(empty.size()).isZero();
		assertThat(empty.sha256()).isNull();
		assertThat(known.crc32c()).as("the CRC-32C check value").isEqualTo("e3069283");
	}

	@Test
	void closingTheCompressingStreamDoesNotCommitAndCommitStillWorks() throws Exception {
		LocalDirectorySink sink = new LocalDirectorySink(this.dir, false);
		StoredFile stored;
		try (PendingFile file = sink.create("t.00000.sql.gz")) {
			try (OutputStream gzip = new GZIPOutputStream(file.stream())) {
				gzip.write("hello".getBytes(StandardCharsets.UTF_8));
			}
			assertThat(sink.committed()).isEmpty();
			stored = file.commit();
		}
		assertThat(stored.size()).isEqualTo(Files.size(this.dir.resolve("t.00000.sql.gz")));
	}

	@Test
	void closeWithoutCommitDeletesTheTemporaryFileAndLeavesNoFinalName() throws Exception {
		LocalDirectorySink sink = new LocalDirectorySink(this.dir, false);
		PendingFile file = sink.create("t.00001.sql");
		file.stream().write(new byte[1000]);
		file.stream().flush();

		file.close();

		try (var entries = Files.list(this.dir)) {
			assertThat(entries).isEmpty();
		}
		assertThatThrownBy(() -> file.stream().write(1)).isInstanceOf(IOException.class).hasMessageContaining("abandoned");
		assertThatThrownBy(file::commit).isInstanceOf(IOException.class);
	}

	@Test
	void aCommitReplacesAnEarlierFileOfTheSameNameAndALeftoverPartialIsTruncated() throws Exception {
		LocalDirectorySink sink = new LocalDirectorySink(this.dir, false);
		Files.writeString(this.dir.resolve("t.00000.sql"), "old and longer");
		Files.writeString(this.dir.resolve(".t.00000.sql.partial"), "left by a killed JVM, longer than the new one");

		try (PendingFile file = sink.create("t.00000.sql")) {
			file.stream().write("new".getBytes(StandardCharsets.UTF_8));
			file.commit();
		}

		assertThat(Files.readString(this.dir.resolve("t.00000.sql"))).isEqualTo("new");
		assertThat(sink.committed()).containsExactly("t.00000.sql");
	}

	@Test
	void committedFilesAre0640AndListedSortedWithoutPartials() throws Exception {
		LocalDirectorySink sink = new LocalDirectorySink(this.dir.resolve("data"), false);
		for (String name : new String[] { "b.sql", "a.sql", "metadata" }) {
			try (PendingFile file = sink.create(name)) {
				file.commit();
			}
		}
		PendingFile open = sink.create("c.sql");

		assertThat(sink.committed()).containsExactly("a.sql", "b.sql", "metadata");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.dir.resolve("data").resolve("a.sql"))))
			.isEqualTo("rw-r-----");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.dir.resolve("data"))))
			.isEqualTo("rwxr-x---");
		assertThat(sink.deletePartials()).isEqualTo(1);
		open.close();
	}

	@Test
	void deleteRemovesACommittedFileAndIgnoresAMissingOne() throws Exception {
		LocalDirectorySink sink = new LocalDirectorySink(this.dir, false);
		try (PendingFile file = sink.create("x.sql")) {
			file.commit();
		}

		sink.delete("x.sql");
		sink.delete("never-there.sql");

		assertThat(sink.committed()).isEmpty();
	}

	@Test
	void namesThatArePathsAreRefused() throws Exception {
		LocalDirectorySink sink = new LocalDirectorySink(this.dir, false);

		for (String bad : new String[] { "", ".", "..", "../x.sql", "a/b.sql", "a\\b", "nul\0.sql" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> sink.create(bad));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> sink.delete("../x"));
	}

}

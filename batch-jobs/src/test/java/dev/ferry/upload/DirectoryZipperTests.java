package dev.ferry.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Zips of export directories: relative paths, exact bytes, and Zip64 past 4 GiB and 65,535 entries. */
class DirectoryZipperTests {

	@TempDir
	Path dir;

	@Test
	void keepsRelativePathsAndBytes() throws IOException {
		Path data = Files.createDirectories(this.dir.resolve("data"));
		Files.writeString(data.resolve("shop-schema-create.sql"), "CREATE DATABASE shop;");
		Files.createDirectories(data.resolve("shop"));
		Files.write(data.resolve("shop").resolve("t.00000.sql"), new byte[] { 0, 1, 2, (byte) 255 });
		Files.createDirectories(data.resolve("empty"));
		Files.createSymbolicLink(data.resolve("passwd"), Path.of("/etc/passwd"));
		Path zipFile = this.dir.resolve("out.zip");

		DirectoryZipper.Written written;
		try (OutputStream out = Files.newOutputStream(zipFile)) {
			written = DirectoryZipper.write(data, out);
		}

		assertThat(written).isEqualTo(new DirectoryZipper.Written(2, 25));
		try (ZipFile zip = new ZipFile(zipFile.toFile())) {
			assertThat(Collections.list(zip.entries()).stream().map(ZipEntry::getName)).containsExactly("empty/",
					"shop-schema-create.sql", "shop/t.00000.sql");
			assertThat(zip.getInputStream(zip.getEntry("shop/t.00000.sql")).readAllBytes())
				.containsExactly(0, 1, 2, 255);
		}
		SafeUnzipper.unpack(zipFile, this.dir.resolve("back"), new ZipLimits(1 << 20, 10, 200), "round trip");
		assertThat(this.dir.resolve("back").resolve("shop-schema-create.sql")).hasContent("CREATE DATABASE shop;");
	}

	@Test
	void doesNotCloseTheStreamItWritesTo() throws IOException {
		Path data = Files.createDirectories(this.dir.resolve("data"));
		Files.writeString(data.resolve("a"), "a");
		boolean[] closed = { false };
		ByteArrayOutputStream bytes = new ByteArrayOutputStream() {
			@Override
			public void close() {
				closed[0] = true;
			}
		};

		DirectoryZipper.write(data, bytes);

		assertThat(closed[0]).isFalse();
		assertThat(bytes.size()).isPositive();
	}

	@Test
	void writesZip64ForMoreThan65535Entries() throws IOException {
		Path data = Files.createDirectories(this.dir.resolve("data"));
		int count = 65_536 + 100;
		for (int i = 0; i < count; i++) {
			Path sub = data.resolve("d" + (i % 64));
			if (i < 64) {
				Files.createDirectories(sub);
			}
			Files.write(sub.resolve("f" + i), new byte[0]);
		}
		Path zipFile = this.dir.resolve("many.zip");

		try (OutputStream out = Files.newOutputStream(zipFile)) {
			assertThat(DirectoryZipper.write(data, out).files()).isEqualTo(count);
		}

		try (ZipFile zip = new ZipFile(zipFile.toFile())) {
			assertThat(zip.size()).isEqualTo(count);
			assertThat(zip.getEntry("d" + ((count - 1) % 64) + "/f" + (count - 1))).isNotNull();
		}
		assertThat(hasZip64EndRecord(zipFile)).isTrue();
	}

	/** A sparse file of 4 GiB + 1 MiB of zeros: cheap on disk, compresses to a few MB, yet needs Zip64 sizes. */
	@Test
	void writesZip64ForAnEntryOfMoreThan4GiB() throws IOException {
		Path data = Files.createDirectories(this.dir.resolve("data"));
		long size = (4L << 30) + (1 << 20);
		try (RandomAccessFile file = new RandomAccessFile(data.resolve("huge.sql").toFile(), "rw")) {
			file.setLength(size);
		}
		Files.writeString(data.resolve("small.sql"), "after the big one");
		Path zipFile = this.dir.resolve("huge.zip");

		try (OutputStream out = Files.newOutputStream(zipFile)) {
			assertThat(DirectoryZipper.write(data, out)).isEqualTo(new DirectoryZipper.Written(2, size + 17));
		}

		try (ZipFile zip = new ZipFile(zipFile.toFile())) {
			ZipEntry huge = zip.getEntry("huge.sql");
			assertThat(huge.getSize()).isEqualTo(size);
			CRC32 crc = new CRC32();
			long read = 0;
			byte[] buffer = new byte[1 << 20];
			try (InputStream in = zip.getInputStream(huge)) {
				int n;
				while ((n = in.read(buffer)) >= 0) {
					crc.update(buffer, 0, n);
					read += n;
				}
			}
			assertThat(read).isEqualTo(size);
			assertThat(crc.getValue()).isEqualTo(huge.getCrc());
			assertThat(new String(zip.getInputStream(zip.getEntry("small.sql")).readAllBytes()))
				.isEqualTo("after the big one");
		}
	}

	private static boolean hasZip64EndRecord(Path zip) throws IOException {
		byte[] bytes = Files.readAllBytes(zip);
		List<Integer> found = new ArrayList<>();
		for (int i = bytes.length - 22 - 20; i >= Math.max(0, bytes.length - 200); i--) {
			if (bytes[i] == 0x50 && bytes[i + 1] == 0x4b && bytes[i + 2] == 0x06 && bytes[i + 3] == 0x07) {
				found.add(i);
			}
		}
		return !found.isEmpty();
	}

}

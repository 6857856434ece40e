package dev.ferry.upload;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ferry.config.FerryProperties;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import static dev.ferry.upload.Zips.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Staged uploads: one fresh directory each, size and concurrency limits, and nothing left behind on failure. */
class UploadStoreTests {

	static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	@TempDir
	Path importRoot;

	final List<UploadTicket> tickets = new ArrayList<>();

	@AfterEach
	void closeTickets() {
		this.tickets.forEach(UploadTicket::close);
	}

	UploadStore store(long maxUploadBytes, int maxConcurrent) {
		return new UploadStore(this.importRoot, new FerryProperties.Files(maxUploadBytes, maxConcurrent, 3,
				1024L * 1024 * 1024, 1000, 200), Clock.fixed(NOW, ZoneOffset.UTC));
	}

	UploadTicket begin(UploadStore store) {
		UploadTicket ticket = store.begin();
		this.tickets.add(ticket);
		return ticket;
	}

	static final byte[] GOOD = goodZip();

	static byte[] goodZip() {
		try {
			return Zips.of(entries("data/", "", "data/shop-schema-create.sql", "CREATE DATABASE shop;",
					"data/shop.t-schema.sql", "CREATE TABLE t (id INT);", "data/shop.t.00000.sql", "INSERT INTO t VALUES (1);"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void stagesAZipInItsOwnDirectoryAndRecordsIt() throws IOException {
		UploadStore store = store(1_000_000, 3);
		UploadTicket ticket = begin(store);
		ticket.output().write(GOOD);

		StagedUpload staged = ticket.complete("42");

		Path directory = this.importRoot.resolve("uploads").resolve(staged.uploadId());
		assertThat(UUID.fromString(staged.uploadId())).isNotNull();
		assertThat(staged).isEqualTo(new StagedUpload(ticket.uploadId(), "42", GOOD.length, 3, 70, NOW,
				directory.resolve("upload.zip")));
		assertThat(directory.resolve("upload.zip")).hasBinaryContent(GOOD);
		assertThat(directory.resolve("upload.json")).content()
			.contains("\"clusterId\":\"42\"", "\"size\":" + GOOD.length, "\"entries\":3", "\"unpackedBytes\":70",
					"\"createdAt\":\"2026-03-01T10:00:00Z\"");
		assertThat(store.find(staged.uploadId())).contains(staged);
	}

	@Test
	void stagedFilesArePrivateWhateverTheUmask() throws IOException {
		UploadStore store = store(1_000_000, 3);
		UploadTicket ticket = begin(store);
		ticket.output().write(GOOD);

		StagedUpload staged = ticket.complete("42");

		Path uploads = this.importRoot.resolve("uploads");
		Path directory = uploads.resolve(staged.uploadId());
		assertThat(mode(uploads)).isEqualTo("rwxr-x---");
		assertThat(mode(directory)).isEqualTo("rwxr-x---");
		assertThat(mode(directory.resolve("upload.zip"))).isEqualTo("rw-r-----");
		assertThat(mode(directory.resolve("upload.json"))).isEqualTo("rw-r-----");
	}

	static String mode(Path path) throws IOException {
		return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	@Test
	void everyUploadGetsAFreshDirectory() throws IOException {
		UploadStore store = store(1_000_000, 3);
		UploadTicket first = begin(store);
		UploadTicket second = begin(store);
		first.output().write(GOOD);
		second.output().write(new byte[] { 1, 2, 3 });

		assertThat(first.uploadId()).isNotEqualTo(second.uploadId());
		assertThat(first.complete("1").zip()).hasBinaryContent(GOOD);
		assertThatThrownBy(() -> second.complete("1")).hasMessageContaining("not a valid zip file");
		assertThat(store.find(first.uploadId())).isPresent();
	}

	@Test
	void theUploadIsAbortedWhenItGrowsPastTheLimitWhileStreaming() throws IOException {
		UploadStore store = store(10_000, 1);
		UploadTicket ticket = begin(store);
		OutputStream out = ticket.output();
		out.write(new byte[6000]);
		Path directory = this.importRoot.resolve("uploads").resolve(ticket.uploadId());
		assertThat(directory.resolve("upload.zip")).exists();

		assertThatThrownBy(() -> out.write(new byte[6000])).isInstanceOfSatisfying(FerryException.class,
				(ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.TIEM_TRANSPORT_FILE_SIZE_INVALID))
			.hasMessage("the uploaded file is larger than the upload limit of 9.766 KiB (10000 bytes)");

		assertThat(directory).doesNotExist();
		assertThat(begin(store)).as("slot released").isNotNull();
	}

	@Test
	void refusesMoreUploadsThanTheLimitAtOnce() throws IOException {
		UploadStore store = store(1_000_000, 2);
		UploadTicket first = begin(store);
		begin(store);

		assertThatThrownBy(store::begin).isInstanceOfSatisfying(FerryException.class,
				(ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.TIEM_TRANSPORT_FILE_TRANSFER_LIMITED))
			.hasMessageContaining("at most 2 uploads at once");
		assertThat(uploadDirectories()).hasSize(2);

		first.output().write(GOOD);
		first.complete("7");
		assertThat(begin(store)).as("a completed upload frees its slot").isNotNull();
	}

	@Test
	void concurrentBeginsGetExactlyTheSlotsThereAre() throws Exception {
		UploadStore store = store(1_000_000, 3);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Boolean>> attempts = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				attempts.add(() -> {
					try {
						synchronized (this.tickets) {
							this.tickets.add(store.begin());
						}
						return true;
					}
					catch (FerryException ex) {
						return false;
					}
				});
			}
			long granted = 0;
			for (Future<Boolean> result : pool.invokeAll(attempts)) {
				granted += result.get() ? 1 : 0;
			}
			assertThat(granted).isEqualTo(3);
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void abortLeavesNothingAndFreesTheSlot() throws IOException {
		UploadStore store = store(1_000_000, 1);
		UploadTicket ticket = begin(store);
		ticket.output().write(GOOD, 0, 100);

		ticket.abort();
		ticket.abort();

		assertThat(uploadDirectories()).isEmpty();
		assertThat(store.find(ticket.uploadId())).isEmpty();
		assertThat(begin(store)).isNotNull();
	}

	@Test
	void closingAnUnfinishedTicketAbortsIt() throws IOException {
		UploadStore store = store(1_000_000, 1);
		try (UploadTicket ticket = store.begin()) {
			ticket.output().write(GOOD);
		}
		assertThat(uploadDirectories()).isEmpty();
		assertThat(begin(store)).isNotNull();
	}

	@Test
	void anInvalidZipIsRemovedWhenCompleting() throws IOException {
		UploadStore store = store(1_000_000, 1);
		UploadTicket ticket = begin(store);
		byte[] random = new byte[5000];
		new Random(1).nextBytes(random);
		ticket.output().write(random);

		assertThatThrownBy(() -> ticket.complete("1")).isInstanceOfSatisfying(FerryException.class,
				(ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.PARAMETER_INVALID))
			.hasMessageStartingWith("the uploaded file is not a valid zip file: ");
		assertThat(uploadDirectories()).isEmpty();
		assertThat(begin(store)).isNotNull();
	}

	@Test
	void refusesAClusterIdThatIsNotAPlainName() throws IOException {
		UploadStore store = store(1_000_000, 1);
		UploadTicket ticket = begin(store);
		ticket.output().write(GOOD);

		assertThatThrownBy(() -> ticket.complete("../1")).hasMessage("clusterId '../1' is invalid");
		assertThat(uploadDirectories()).isEmpty();
	}

	@Test
	void unpacksIntoARecordOnlyForItsCluster() throws IOException {
		UploadStore store = store(1_000_000, 1);
		UploadTicket ticket = begin(store);
		ticket.output().write(GOOD);
		String id = ticket.complete("42").uploadId();
		Path data = this.importRoot.resolve("42").resolve("9-nfs").resolve("data");

		assertThatThrownBy(() -> store.unpackInto(id, "43", data)).isInstanceOfSatisfying(FerryException.class,
				(ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.PARAMETER_INVALID))
			.hasMessage("upload " + id + " was uploaded for cluster 42, not for cluster 43");
		assertThat(data).doesNotExist();

		SafeUnzipper.ZipContents contents = store.unpackInto(id, "42", data);

		assertThat(contents.files()).isEqualTo(3);
		assertThat(data.resolve("shop.t.00000.sql")).hasContent("INSERT INTO t VALUES (1);");
		assertThat(store.find(id)).as("the upload stays until deleted").isPresent();
		assertThat(store.delete(id)).isTrue();
		assertThat(store.find(id)).isEmpty();
		assertThat(store.delete(id)).isFalse();
	}

	@Test
	void uploadIdsMustBeUuids() {
		UploadStore store = store(1_000_000, 1);
		Path data = this.importRoot.resolve("x");

		assertThat(store.find("../../etc")).isEmpty();
		assertThat(store.find("")).isEmpty();
		assertThatThrownBy(() -> store.unpackInto("../uploads/x", "1", data))
			.hasMessage("uploadId '../uploads/x' is not an upload id (a UUID)");
		assertThatThrownBy(() -> store.delete("..")).hasMessage("uploadId '..' is not an upload id (a UUID)");
		String unknown = UUID.randomUUID().toString();
		assertThatThrownBy(() -> store.unpackInto(unknown, "1", data)).hasMessageStartingWith(
				"upload " + unknown + " does not exist");
	}

	@Test
	void anUploadInProgressIsNotFoundNorDeleted() throws IOException {
		UploadStore store = store(1_000_000, 1);
		UploadTicket ticket = begin(store);
		ticket.output().write(GOOD);

		assertThat(store.find(ticket.uploadId())).isEmpty();
		assertThat(store.delete(ticket.uploadId())).isFalse();
		assertThat(uploadDirectories()).hasSize(1);
	}

	@Test
	void removesStaleUploadsButNotFreshOnesNorThoseInProgress() throws IOException {
		UploadStore store = store(1_000_000, 2);
		UploadTicket done = begin(store);
		done.output().write(GOOD);
		String id = done.complete("1").uploadId();
		UploadTicket running = begin(store);
		Path orphan = Files.createDirectories(store.root().resolve(UUID.randomUUID().toString()));
		Files.setLastModifiedTime(orphan, java.nio.file.attribute.FileTime.from(NOW.minusSeconds(90_000)));

		assertThat(store.removeStale()).as("only the orphan is older than 24 h").isEqualTo(1);
		assertThat(orphan).doesNotExist();
		assertThat(store.find(id)).isPresent();

		assertThat(store.removeStaleBefore(NOW.plusSeconds(1))).isEqualTo(1);
		assertThat(store.find(id)).isEmpty();
		assertThat(uploadDirectories()).containsExactly(store.root().resolve(running.uploadId()));
	}

	@Test
	void bytesReadLikeAPersonWouldSayThem() {
		assertThat(UploadMetadata.bytes(512)).isEqualTo("512 bytes");
		assertThat(UploadMetadata.bytes(53687091200L)).isEqualTo("50 GiB (53687091200 bytes)");
		assertThat(UploadMetadata.bytes(1536)).isEqualTo("1.5 KiB (1536 bytes)");
		assertThat(UploadMetadata.bytes(1000L * 1024 * 1024)).isEqualTo("1000 MiB (1048576000 bytes)");
	}

	private List<Path> uploadDirectories() throws IOException {
		Path root = this.importRoot.resolve("uploads");
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> children = Files.list(root)) {
			return children.toList();
		}
	}

}

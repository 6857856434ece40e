package dev.ferry.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ferry's modes whatever the umask: what it creates is set explicitly, a tool's output is narrowed, nothing is ever
 * widened and no symbolic link is followed. (The test JVM runs with the shell's umask, typically 022, under which
 * Java creates 0644 files and 0755 directories: each test starts from such modes explicitly.)
 */
class FileModesTests {

	@TempDir
	Path dir;

	@Test
	void createdDirectoriesAre0750AndExistingOnesStayAsTheyWere() throws Exception {
		Files.setPosixFilePermissions(this.dir, PosixFilePermissions.fromString("rwxr-xr-x"));

		Path leaf = FileModes.createDirectories(this.dir.resolve("a").resolve("b"));

		assertThat(mode(this.dir.resolve("a"))).isEqualTo("rwxr-x---");
		assertThat(mode(leaf)).isEqualTo("rwxr-x---");
		assertThat(mode(this.dir)).as("not created by this call").isEqualTo("rwxr-xr-x");
	}

	@Test
	void privateDirectoriesAre0700() throws Exception {
		Path leaf = FileModes.createPrivateDirectories(this.dir.resolve("db"));

		assertThat(mode(leaf)).isEqualTo("rwx------");
	}

	@Test
	void aTreeIsNarrowedTo0750And0640AndNeverWidened() throws Exception {
		Path data = Files.createDirectories(this.dir.resolve("data").resolve("sub"));
		Path dump = write(this.dir.resolve("data").resolve("db.t.00000.sql"), "rw-r--r--");
		Path nested = write(data.resolve("x.sql"), "rw-rw-rw-");
		Path secret = write(this.dir.resolve("data").resolve("secret"), "rw-------");
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));

		int narrowed = FileModes.restrictTree(this.dir.resolve("data"));

		assertThat(narrowed).isEqualTo(4);
		assertThat(mode(this.dir.resolve("data"))).isEqualTo("rwxr-x---");
		assertThat(mode(data)).isEqualTo("rwxr-x---");
		assertThat(mode(dump)).isEqualTo("rw-r-----");
		assertThat(mode(nested)).isEqualTo("rw-r-----");
		assertThat(mode(secret)).as("already narrower: left as it is").isEqualTo("rw-------");
	}

	@Test
	void symbolicLinksAreNotFollowed() throws Exception {
		Path outside = write(this.dir.resolve("outside.txt"), "rw-r--r--");
		Path tree = Files.createDirectories(this.dir.resolve("tree"));
		Files.createSymbolicLink(tree.resolve("link"), outside);

		FileModes.restrictTree(tree);

		assertThat(mode(outside)).as("the link's target is not Ferry's output").isEqualTo("rw-r--r--");
	}

	@Test
	void ownerOnlyTreesAre0700And0600() throws Exception {
		Path db = Files.createDirectories(this.dir.resolve("db"));
		Path file = write(db.resolve("ferry.mv.db"), "rw-r--r--");
		Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rwxr-xr-x"));

		FileModes.restrictTreeToOwner(db);

		assertThat(mode(db)).isEqualTo("rwx------");
		assertThat(mode(file)).isEqualTo("rw-------");
	}

	@Test
	void aSetGroupIdBitIsKeptAndStickyDirectoriesAreLeftAlone() throws Exception {
		Path shared = Files.createDirectories(this.dir.resolve("shared"));
		Files.setAttribute(shared, "unix:mode", 02775);
		Path sticky = Files.createDirectories(this.dir.resolve("tmp"));
		Files.setAttribute(sticky, "unix:mode", 01777);

		Path record = FileModes.createDirectories(shared.resolve("record"));
		FileModes.restrict(shared);
		FileModes.restrict(sticky);

		assertThat(unixMode(shared)).isEqualTo(02750);
		assertThat(unixMode(record)).as("inherits set-group-id, which stays").isEqualTo(02750);
		assertThat(unixMode(sticky)).isEqualTo(01777);
	}

	/** H2 holds a POSIX record lock on its open database file; narrowing its mode must not drop that lock. */
	@Test
	void narrowingKeepsTheRecordLocksThisProcessHolds() throws Exception {
		Path db = Files.createDirectories(this.dir.resolve("db"));
		Path file = write(db.resolve("ferry.mv.db"), "rw-r--r--");
		try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
				java.nio.file.StandardOpenOption.WRITE); var lock = channel.lock()) {

			FileModes.restrictTreeToOwner(db);

			assertThat(mode(file)).isEqualTo("rw-------");
			Process other = new ProcessBuilder("python3", "-c",
					"import fcntl, sys; f = open(sys.argv[1], 'r+'); fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)",
					file.toString())
				.redirectErrorStream(true)
				.start();
			assertThat(other.waitFor()).as("another process still cannot lock the file").isNotZero();
		}
	}

	@Test
	void aMissingTreeIsNothingToDo() {
		assertThat(FileModes.restrictTree(this.dir.resolve("missing"))).isZero();
	}

	private static Path write(Path file, String mode) throws Exception {
		Files.writeString(file, "x");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
		return file;
	}

	private static int unixMode(Path path) throws Exception {
		return (Integer) Files.getAttribute(path, "unix:mode") & 07777;
	}

	private static String mode(Path path) throws Exception {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, java.nio.file.LinkOption.NOFOLLOW_LINKS));
	}

}

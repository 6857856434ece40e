package dev.ferry.storage;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The layout of a record's directory and the guard that keeps it below the storage root. */
class RecordDirectoryTests {

	@TempDir
	Path root;

	@Test
	void layoutIsRootClusterIdAndRecordIdDashStorageType() {
		RecordDirectory dir = RecordDirectory.of(this.root, "cluster-1_A", 42, "nfs");

		assertThat(dir.root()).isEqualTo(this.root.toAbsolutePath().normalize());
		assertThat(dir.path()).isEqualTo(dir.root().resolve("cluster-1_A").resolve("42-nfs"));
		assertThat(dir.data()).isEqualTo(dir.root().resolve("cluster-1_A").resolve("42-nfs").resolve("data"));
		assertThat(dir.toolLog("mydumper")).isEqualTo(dir.path().resolve("mydumper.log"));
	}

	@Test
	void storageTypeIsPartOfTheDirectoryName() {
		assertThat(RecordDirectory.of(this.root, "c", 7, "s3").path().getFileName()).hasToString("7-s3");
		assertThat(RecordDirectory.of(this.root, "c", 7, "nfs").path().getFileName()).hasToString("7-nfs");
	}

	@ParameterizedTest
	@ValueSource(strings = { "..", "../x", "a/b", "", ".", "x y", "%2e%2e", "/etc", "a\\b", "../..", "c/../..",
			"./c", "c\n" })
	void rejectsClusterIdsThatAreNotASinglePlainName(String clusterId) {
		assertThatIllegalArgumentException().isThrownBy(() -> RecordDirectory.of(this.root, clusterId, 1, "nfs"))
			.withMessageContaining(this.root.toAbsolutePath().normalize().toString());
	}

	@Test
	void rejectsAStorageTypeThatClimbsOutOfTheRoot() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RecordDirectory.of(this.root, "c", 1, "x/../../.."));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RecordDirectory.of(this.root, "c", 1, "/../../../etc"));
		assertThatIllegalArgumentException().isThrownBy(() -> RecordDirectory.of(this.root, "c", 1, "x/../.."));
	}

	@Test
	void aRelativeRootIsMadeAbsoluteAndNormalized() {
		RecordDirectory dir = RecordDirectory.of(Path.of("some", "..", "store", ".", "sub"), "c1", 3, "nfs");

		Path expectedRoot = Path.of("").toAbsolutePath().resolve("store").resolve("sub");
		assertThat(dir.root()).isAbsolute().isEqualTo(expectedRoot);
		assertThat(dir.path()).isEqualTo(expectedRoot.resolve("c1").resolve("3-nfs"));
	}

	@Test
	void anAbsoluteRootWithDotSegmentsIsNormalized() {
		RecordDirectory dir = RecordDirectory.of(this.root.resolve("a").resolve("..").resolve("."), "c1", 3, "nfs");

		assertThat(dir.root()).isEqualTo(this.root.toAbsolutePath().normalize());
		assertThat(dir.path()).isEqualTo(dir.root().resolve("c1").resolve("3-nfs"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "x/..", "..", "", "NFS", "ftp" })
	void onlyNfsAndS3AreStorageTypes(String storageType) {
		assertThatThrownBy(() -> RecordDirectory.of(Path.of("/tmp/root"), "7", 1, storageType))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("is not nfs or s3");
	}

}

package dev.ferry.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code $FERRY_HOME/run}: names that carry the execution, and sweeps that take only what they should. */
class RunDirectoryTests {

	@TempDir
	Path home;

	@Test
	void aFileIsNamedByItsJobExecutionToolAndStepExecution() {
		assertThat(RunDirectory.file(this.home, 12, "mydumper", 34, "cnf"))
			.isEqualTo(this.home.resolve("run").resolve("12-mydumper-34.cnf"));
		assertThat(RunDirectory.executionOf("12-mydumper-34.cnf")).hasValue(12);
		assertThat(RunDirectory.executionOf(".12-tidb-lightning-34.toml.8812.tmp")).as("a temporary file")
			.hasValue(12);
		assertThat(RunDirectory.executionOf("mydumper-34.cnf")).as("an older version's name").isEmpty();
		assertThat(RunDirectory.executionOf("99999999999999999999-x-1.cnf")).isEmpty();
	}

	@Test
	void prepareMakesAnOwnerOnlyDirectoryWhateverItWasBefore() throws Exception {
		Files.createDirectories(this.home.resolve("run"));
		Files.setPosixFilePermissions(this.home.resolve("run"), PosixFilePermissions.fromString("rwxrwxrwx"));

		Path run = RunDirectory.prepare(this.home);

		assertThat(Files.getPosixFilePermissions(run)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(Files.getPosixFilePermissions(RunDirectory.prepare(this.home.resolve("new"))))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
	}

	@Test
	void sweepingAnExecutionDeletesItsFilesOnly() throws Exception {
		Path mine = touch("7-mydumper-70.cnf");
		Path mineToo = touch(".7-tidb-lightning-71.toml.123.tmp");
		Path other = touch("8-mydumper-80.cnf");
		Path prefix = touch("77-mydumper-770.cnf");
		Path legacy = touch("mydumper-5.cnf");

		int deleted = RunDirectory.sweepExecution(this.home, 7);

		assertThat(deleted).isEqualTo(2);
		assertThat(mine).doesNotExist();
		assertThat(mineToo).doesNotExist();
		assertThat(other).exists();
		assertThat(prefix).as("execution 77 is not execution 7").exists();
		assertThat(legacy).as("not attributable to execution 7").exists();
	}

	@Test
	void aStartupSweepKeepsOnlyTheFilesOfExecutionsStillRunningElsewhere() throws Exception {
		Path running = touch("8-myloader-80.cnf");
		Path crashed = touch("7-mydumper-70.cnf");
		Path legacy = touch("mydumper-5.cnf");
		Path directory = Files.createDirectories(this.home.resolve("run").resolve("9-dir-1"));

		int deleted = RunDirectory.sweep(this.home, Set.of(8L)::contains);

		assertThat(deleted).isEqualTo(2);
		assertThat(running).exists();
		assertThat(crashed).doesNotExist();
		assertThat(legacy).as("an older version's file: no execution runs it any more").doesNotExist();
		assertThat(directory).as("only files are swept").exists();
	}

	@Test
	void aMissingRunDirectoryIsNothingToSweep() {
		assertThat(RunDirectory.sweep(this.home, (id) -> false)).isZero();
		assertThat(RunDirectory.sweepExecution(this.home, 1)).isZero();
	}

	private Path touch(String name) throws Exception {
		Path file = Files.createDirectories(this.home.resolve("run")).resolve(name);
		Files.writeString(file, "[client]\npassword=\"x\"\n");
		return file;
	}

}

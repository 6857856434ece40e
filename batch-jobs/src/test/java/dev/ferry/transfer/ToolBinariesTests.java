package dev.ferry.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ferry.config.FerryProperties;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding the tools: a missing binary is a clear 60101 naming the setting, before any record exists. */
class ToolBinariesTests {

	@TempDir
	Path dir;

	@Test
	void aMissingOrNonExecutableToolIsAConfigurationError() throws Exception {
		Path notExecutable = Files.writeString(this.dir.resolve("myloader"), "#!/bin/sh\n");
		ToolBinaries tools = new ToolBinaries(properties(this.dir.resolve("no-such-mydumper").toString(),
				notExecutable.toString(), "no-such-tiup-on-path", ""));

		assertThatThrownBy(tools::mydumper).isInstanceOfSatisfying(FerryException.class,
				(ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.TIEM_TRANSPORT_SYSTEM_CONFIG_INVALID))
			.hasMessageContaining("no-such-mydumper")
			.hasMessageContaining("FERRY_MYDUMPER");
		assertThatThrownBy(tools::myloader).hasMessageContaining("FERRY_MYLOADER");
		assertThatThrownBy(() -> tools.tidb("dumpling")).hasMessageContaining("FERRY_TIUP");
	}

	@Test
	void aToolIsFoundByPathOrOnThePathVariableAndAStandaloneBinaryWinsOverTiup() throws Exception {
		Path dumpling = Files.writeString(this.dir.resolve("dumpling"), "#!/bin/sh\n");
		Files.setPosixFilePermissions(dumpling, PosixFilePermissions.fromString("rwxr-xr-x"));
		ToolBinaries tools = new ToolBinaries(properties("sh", "sh", "sh", dumpling.toString()));

		assertThat(tools.mydumper()).isEqualTo(ToolBinaries.find("sh").orElseThrow());
		assertThat(tools.tidb("dumpling").viaTiup()).isFalse();
		assertThat(tools.tidb("dumpling").executable()).isEqualTo(dumpling);
		assertThat(tools.tidb("tidb-lightning").viaTiup()).isTrue();
	}

	private FerryProperties properties(String mydumper, String myloader, String tiup, String dumpling) {
		return new FerryProperties(this.dir, this.dir, this.dir, 4,
				new FerryProperties.Tools(mydumper, myloader, 4, Duration.ofHours(1), Duration.ofSeconds(1),
						Duration.ofSeconds(1), tiup, dumpling, ""),
				new FerryProperties.Files(1, 1, 1, 1, 1, 1), false);
	}

}

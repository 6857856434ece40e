package dev.ferry.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ferry.error.FerryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SettingsServiceTests {

	static final FerryProperties DEFAULTS = new FerryProperties(Path.of("/srv/ferry"), Path.of("/srv/ferry/export"),
			Path.of("/srv/ferry/import"), 4,
			new FerryProperties.Tools("mydumper", "myloader", 4, Duration.ofHours(24), Duration.ofSeconds(2),
					Duration.ofSeconds(10), "tiup", "", ""),
			new FerryProperties.Files(100, 3, 3, 1000, 10, 200), false);

	@Test
	void storedValuesOverlayTheDefaultsAndTheRestStays() {
		FerryProperties current = SettingsService.overlay(DEFAULTS, Map.of(Setting.EXPORT_ROOT, "/mnt/big/export",
				Setting.DUMP_THREADS, "16", Setting.MAX_CONCURRENT_TRANSFERS, "2", Setting.MYDUMPER, "/opt/mydumper"));
		assertThat(current.exportRoot()).isEqualTo(Path.of("/mnt/big/export"));
		assertThat(current.importRoot()).isEqualTo(DEFAULTS.importRoot());
		assertThat(current.tools().dumpThreads()).isEqualTo(16);
		assertThat(current.maxConcurrentTransfers()).isEqualTo(2);
		assertThat(current.tools().mydumper()).isEqualTo("/opt/mydumper");
		assertThat(current.tools().myloader()).isEqualTo("myloader");
		assertThat(current.tools().timeout()).isEqualTo(Duration.ofHours(24));
		assertThat(current.files()).isEqualTo(DEFAULTS.files());
		assertThat(current.home()).isEqualTo(DEFAULTS.home());
		assertThat(current.manifestSha256()).isFalse();
		assertThat(SettingsService.overlay(DEFAULTS, Map.of(Setting.MANIFEST_SHA256, "true")).manifestSha256()).isTrue();
	}

	@Test
	void normalizeChecksSyntaxAndRange() {
		assertThat(Setting.EXPORT_ROOT.normalize(" /a/b/../c/ ")).isEqualTo("/a/c");
		assertThat(Setting.DUMP_THREADS.normalize(" 128 ")).isEqualTo("128");
		assertThat(Setting.DUMPLING.normalize("  ")).isEmpty();
		assertThatExceptionOfType(FerryException.class).isThrownBy(() -> Setting.IMPORT_ROOT.normalize("rel"))
			.withMessage("ferry.import-root must be an absolute path, not 'rel'");
		assertThatExceptionOfType(FerryException.class).isThrownBy(() -> Setting.DUMP_THREADS.normalize("129"))
			.withMessage("ferry.tools.dump-threads must be between 1 and 128, not 129");
		assertThatExceptionOfType(FerryException.class).isThrownBy(() -> Setting.MYLOADER.normalize(""))
			.withMessage("ferry.tools.myloader is required");
		assertThatExceptionOfType(FerryException.class).isThrownBy(() -> Setting.TIUP.normalize("ti\nup"))
			.withMessage("ferry.tools.tiup is not a usable file name");
		assertThat(Setting.MANIFEST_SHA256.normalize(" TRUE ")).isEqualTo("true");
		assertThatExceptionOfType(FerryException.class).isThrownBy(() -> Setting.MANIFEST_SHA256.normalize("yes"))
			.withMessage("ferry.manifest-sha256 must be true or false, not 'yes'");
	}

	@Test
	void everySettingReadsItsOwnValueAndHasAFormName() {
		assertThat(Setting.MAX_CONCURRENT_TRANSFERS.valueIn(DEFAULTS)).isEqualTo("4");
		assertThat(Setting.TIUP.valueIn(DEFAULTS)).isEqualTo("tiup");
		assertThat(Setting.MANIFEST_SHA256.valueIn(DEFAULTS)).isEqualTo("false");
		assertThat(Setting.MANIFEST_SHA256.field()).isEqualTo("manifestSha256");
		assertThat(Setting.MAX_CONCURRENT_TRANSFERS.field()).isEqualTo("maxConcurrentTransfers");
		assertThat(Setting.EXPORT_ROOT.environment()).isEqualTo("FERRY_EXPORT_ROOT");
	}

}

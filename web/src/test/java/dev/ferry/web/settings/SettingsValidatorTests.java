package dev.ferry.web.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.validation.BeanPropertyBindingResult;

import dev.ferry.config.Setting;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsValidatorTests {

	@TempDir
	Path dir;

	@Test
	void validFormPassesWithNormalisedValues() throws IOException {
		SettingsForm form = valid();
		form.getValues().put("exportRoot", this.dir.resolve("new/../export/").toString() + "/");
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "form");
		Map<Setting, String> values = SettingsValidator.validate(form, new SettingsForm(), errors);
		assertThat(errors.hasErrors()).as(errors.toString()).isFalse();
		assertThat(values).containsEntry(Setting.EXPORT_ROOT, this.dir.resolve("export").toString())
			.containsEntry(Setting.DUMP_THREADS, "8")
			.containsEntry(Setting.DUMPLING, "")
			.containsEntry(Setting.MANIFEST_SHA256, "false");
	}

	@Test
	void everyProblemIsOnItsField() throws IOException {
		Path file = Files.writeString(this.dir.resolve("a-file"), "x");
		SettingsForm form = valid();
		form.getValues().put("exportRoot", "relative/export");
		form.getValues().put("importRoot", file.resolve("sub").toString());
		form.getValues().put("maxConcurrentTransfers", "0");
		form.getValues().put("dumpThreads", "many");
		form.getValues().put("mydumper", "/nonexistent/mydumper");
		form.getValues().put("tiup", "");
		form.getValues().put("lightning", "ferry-no-such-lightning");
		form.getValues().put("manifestSha256", "yes");
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "form");
		Map<Setting, String> values = SettingsValidator.validate(form, new SettingsForm(), errors);
		assertThat(errors.getFieldError("values[exportRoot]").getDefaultMessage())
			.isEqualTo("ferry.export-root must be an absolute path, not 'relative/export'");
		assertThat(errors.getFieldError("values[importRoot]").getDefaultMessage()).endsWith("is a file, so it cannot be created");
		assertThat(errors.getFieldError("values[maxConcurrentTransfers]").getDefaultMessage())
			.isEqualTo("ferry.max-concurrent-transfers must be between 1 and 64, not 0");
		assertThat(errors.getFieldError("values[dumpThreads]").getDefaultMessage())
			.isEqualTo("ferry.tools.dump-threads must be a whole number, not 'many'");
		assertThat(errors.getFieldError("values[mydumper]").getDefaultMessage())
			.isEqualTo("/nonexistent/mydumper: not found or not executable");
		assertThat(errors.getFieldError("values[tiup]").getDefaultMessage()).isEqualTo("ferry.tools.tiup is required");
		assertThat(errors.getFieldError("values[lightning]").getDefaultMessage())
			.isEqualTo("ferry-no-such-lightning: not found on PATH");
		assertThat(errors.getFieldError("values[manifestSha256]").getDefaultMessage())
			.isEqualTo("ferry.manifest-sha256 must be true or false, not 'yes'");
		assertThat(values).containsOnlyKeys(Setting.MYLOADER, Setting.DUMPLING);
	}

	@Test
	void unchangedToolsAndRootsAreNotCheckedAgainOnThisHost() throws IOException {
		SettingsForm current = valid();
		current.getValues().put("tiup", "/nonexistent/tiup");
		current.getValues().put("mydumper", "ferry-no-such-mydumper");
		current.getValues().put("exportRoot", "/proc/ferry-cannot-create");
		SettingsForm form = valid();
		form.getValues().putAll(current.getValues());
		form.getValues().put("maxConcurrentTransfers", "6");
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "form");
		Map<Setting, String> values = SettingsValidator.validate(form, current, errors);
		assertThat(errors.hasErrors()).as(errors.toString()).isFalse();
		assertThat(values).containsEntry(Setting.MAX_CONCURRENT_TRANSFERS, "6")
			.containsEntry(Setting.TIUP, "/nonexistent/tiup");

		form.getValues().put("tiup", "/nonexistent/other-tiup");
		form.getValues().put("maxConcurrentTransfers", "x");
		errors = new BeanPropertyBindingResult(form, "form");
		SettingsValidator.validate(form, current, errors);
		assertThat(errors.getFieldError("values[tiup]").getDefaultMessage())
			.isEqualTo("/nonexistent/other-tiup: not found or not executable");
		assertThat(errors.getFieldError("values[maxConcurrentTransfers]")).isNotNull();
		assertThat(errors.getFieldErrorCount()).isEqualTo(2);
	}

	@Test
	void storageCheckSaysWhetherARootExistsOrWillBeCreated() throws IOException {
		StorageCheck existing = StorageCheck.of(this.dir);
		assertThat(existing.usable()).isTrue();
		assertThat(existing.exists()).isTrue();
		assertThat(existing.freeBytes()).isPositive();
		StorageCheck created = StorageCheck.of(this.dir.resolve("a/b"));
		assertThat(created.usable()).isTrue();
		assertThat(created.exists()).isFalse();
		Path file = Files.writeString(this.dir.resolve("f"), "x");
		assertThat(StorageCheck.of(file).problem()).isEqualTo("is not a directory");
		assertThat(StorageCheck.of(Path.of("rel")).problem()).isEqualTo("not an absolute path");
	}

	private SettingsForm valid() throws IOException {
		Path tool = this.dir.resolve("tool");
		Files.writeString(tool, "#!/bin/sh\necho tool 1.0\n");
		Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
		SettingsForm form = new SettingsForm();
		form.getValues().put("exportRoot", this.dir.resolve("export").toString());
		form.getValues().put("importRoot", this.dir.resolve("import").toString());
		form.getValues().put("maxConcurrentTransfers", "4");
		form.getValues().put("dumpThreads", " 8 ");
		form.getValues().put("mydumper", tool.toString());
		form.getValues().put("myloader", tool.toString());
		form.getValues().put("tiup", "sh");
		form.getValues().put("dumpling", "");
		form.getValues().put("lightning", "");
		form.getValues().put("manifestSha256", "false");
		return form;
	}

}

package dev.ferry.web.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.ferry.audit.AuditLog;
import dev.ferry.config.FerryProperties;
import dev.ferry.config.Setting;
import dev.ferry.config.SettingsService;
import dev.ferry.web.console.ConsoleWebTest;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest
@ContextConfiguration(classes = { SettingsController.class, HealthChecks.class, ConsoleWebTest.class })
@WithMockUser(roles = { "ADMIN", "OPERATOR", "VIEWER" })
class SettingsControllerTests {

	@TempDir
	static Path dir;

	@Autowired
	MockMvc mvc;

	@MockitoBean
	SettingsService settings;

	@MockitoBean
	AuditLog audit;

	Path tool;

	FerryProperties current;

	@BeforeEach
	void settings() throws IOException {
		this.tool = dir.resolve("fake-mydumper");
		Files.writeString(this.tool, "#!/bin/sh\necho fake-mydumper 0.10.0\n");
		Files.setPosixFilePermissions(this.tool, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.current = new FerryProperties(dir, dir.resolve("export"), dir.resolve("import"), 4,
				new FerryProperties.Tools(this.tool.toString(), this.tool.toString(), 6, Duration.ofHours(24),
						Duration.ofSeconds(2), Duration.ofSeconds(10), "sh", "", ""),
				new FerryProperties.Files(1L << 30, 3, 2, 1L << 40, 100, 200), false);
		given(this.settings.current()).willReturn(this.current);
		given(this.settings.defaults()).willReturn(this.current);
		given(this.settings.stored()).willReturn(Map.of(Setting.DUMP_THREADS, "6"));
		for (Setting setting : Setting.values()) {
			given(this.settings.defaultText(setting)).willReturn(setting == Setting.DUMP_THREADS ? "4"
					: setting.valueIn(this.current));
		}
	}

	@Test
	void pageShowsValuesTheirSourceChecksAndWhatNeedsARestart() throws Exception {
		this.mvc.perform(get("/settings"))
			.andExpect(status().isOk())
			.andExpect(view().name("settings/page"))
			.andExpect(content().string(allOf(matchesPattern("(?s).*name=\"values\\[dumpThreads]\"\\s+value=\"6\".*"),
					containsString("changed in the console"), containsString("Default (FERRY_DUMP_THREADS or application.yml): 4."),
					containsString("found: fake-mydumper 0.10.0"), containsString("FERRY_MAX_UPLOAD_BYTES"),
					containsString("1.0 GiB"), containsString("needs a restart"), containsString("<label for=\"valuesexportRoot\""),
					containsString("hx-get=\"/settings/check/MYDUMPER\""), containsString("will be created"))));
	}

	@Test
	void theManifestChecksumIsAChoiceOfTrueOrFalse() throws Exception {
		this.mvc.perform(get("/settings"))
			.andExpect(content().string(allOf(containsString("<select id=\"valuesmanifestSha256\" name=\"values[manifestSha256]\""),
					matchesPattern("(?s).*<option value=\"false\" selected=\"selected\">false</option>.*"),
					containsString("Default (FERRY_MANIFEST_SHA256 or application.yml): false."))));
		this.mvc.perform(form(post("/settings"), "values[manifestSha256]", "true"))
			.andExpect(redirectedUrl("/settings"));
		verify(this.settings).save(Map.of(Setting.MANIFEST_SHA256, "true"));
	}

	@Test
	void saveStoresOnlyWhatChanged() throws Exception {
		this.mvc.perform(form(post("/settings"), "values[dumpThreads]", "2"))
			.andExpect(redirectedUrl("/settings"))
			.andExpect(flash().attribute("flashSuccess",
					"Saved: ferry.tools.dump-threads. It applies to transfers started from now on."));
		verify(this.settings).save(Map.of(Setting.DUMP_THREADS, "2"));
		verify(this.audit).record("user", "settings.update", "settings", "{DUMP_THREADS=2}");
	}

	@Test
	void aToolMissingOnThisHostDoesNotBlockSavingAnotherSetting() throws Exception {
		FerryProperties withoutTiup = new FerryProperties(dir, dir.resolve("export"), dir.resolve("import"), 4,
				new FerryProperties.Tools(this.tool.toString(), this.tool.toString(), 6, Duration.ofHours(24),
						Duration.ofSeconds(2), Duration.ofSeconds(10), "/nonexistent/tiup", "", ""),
				this.current.files(), false);
		given(this.settings.current()).willReturn(withoutTiup);
		this.current = withoutTiup;
		this.mvc.perform(form(post("/settings"), "values[maxConcurrentTransfers]", "8"))
			.andExpect(redirectedUrl("/settings"));
		verify(this.settings).save(Map.of(Setting.MAX_CONCURRENT_TRANSFERS, "8"));
		this.mvc.perform(form(post("/settings"), "values[tiup]", "/nonexistent/other-tiup"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("/nonexistent/other-tiup: not found or not executable")));
	}

	@Test
	void anUnknownSettingIsA400() throws Exception {
		this.mvc.perform(form(post("/settings")).param("reset", "NO_SUCH"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("reset &#39;NO_SUCH&#39; is not one of")));
		this.mvc.perform(get("/settings/check/NO_SUCH").header("HX-Request", "true"))
			.andExpect(status().isBadRequest());
		verify(this.settings, never()).save(any());
	}

	@Test
	void resetPutsTheDefaultBack() throws Exception {
		this.mvc.perform(form(post("/settings")).param("reset", "DUMP_THREADS")).andExpect(redirectedUrl("/settings"));
		verify(this.settings).save(Map.of(Setting.DUMP_THREADS, "4"));
	}

	@Test
	void invalidValuesAreShownInlineAndNothingIsSaved() throws Exception {
		this.mvc
			.perform(form(post("/settings"), "values[exportRoot]", "relative/dir", "values[maxConcurrentTransfers]", "99",
					"values[myloader]", "/no/such/myloader"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(allOf(containsString("ferry.export-root must be an absolute path, not &#39;relative/dir&#39;"),
					containsString("ferry.max-concurrent-transfers must be between 1 and 64, not 99"),
					containsString("/no/such/myloader: not found or not executable"),
					containsString("value=\"relative/dir\""))));
		verify(this.settings, never()).save(any());
	}

	@Test
	void liveCheckAnswersAFragment() throws Exception {
		this.mvc.perform(get("/settings/check/MYLOADER").param("values[myloader]", this.tool.toString()).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("found: fake-mydumper 0.10.0"), not(containsString("<html")))));
		this.mvc.perform(get("/settings/check/MYLOADER").param("values[myloader]", "ferry-no-such-tool").header("HX-Request", "true"))
			.andExpect(content().string(containsString("missing: not found on PATH")));
		this.mvc.perform(get("/settings/check/EXPORT_ROOT").param("values[exportRoot]", dir.toString()).header("HX-Request", "true"))
			.andExpect(content().string(containsString("writable,")));
	}

	@Test
	@WithMockUser(roles = { "OPERATOR", "VIEWER" })
	void onlyAdminsSeeOrChangeSettings() throws Exception {
		this.mvc.perform(get("/settings")).andExpect(status().isForbidden());
		this.mvc.perform(form(post("/settings"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/settings/check/MYLOADER").header("HX-Request", "true")).andExpect(status().isForbidden());
		verify(this.settings, never()).save(any());
	}

	@Test
	void saveNeedsCsrf() throws Exception {
		this.mvc.perform(post("/settings").param("values[dumpThreads]", "2")).andExpect(status().isForbidden());
		verify(this.audit, never()).record(anyString(), anyString(), anyString(), anyString());
	}

	/** Every field as the page would submit it, with the given changes. */
	private MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, String... changes) {
		request.with(csrf());
		Map<String, String> values = new java.util.LinkedHashMap<>();
		for (Setting setting : Setting.values()) {
			values.put("values[" + setting.field() + "]", setting.valueIn(this.current));
		}
		for (int i = 0; i < changes.length; i += 2) {
			values.put(changes[i], changes[i + 1]);
		}
		values.forEach(request::param);
		return request;
	}

}

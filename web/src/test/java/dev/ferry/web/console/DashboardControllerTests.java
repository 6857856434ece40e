package dev.ferry.web.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.ferry.config.FerryProperties;
import dev.ferry.config.SettingsService;
import dev.ferry.record.RecordPage;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.web.settings.HealthChecks;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest
@ContextConfiguration(classes = { DashboardController.class, HealthChecks.class, ConsoleWebTest.class })
@WithMockUser(roles = "VIEWER")
class DashboardControllerTests {

	@TempDir
	static Path dir;

	@Autowired
	MockMvc mvc;

	@MockitoBean
	dev.ferry.record.ExportHistoryQuery history;

	@MockitoBean
	TransportRecordQuery records;

	@MockitoBean
	SettingsService settings;

	@MockitoBean
	dev.ferry.schedule.ScheduleService schedules;

	@MockitoBean
	dev.ferry.cluster.ClusterService clusters;

	@Test
	void healthCardShowsEachToolAndRoot() throws Exception {
		Path tool = dir.resolve("fake-mydumper");
		java.nio.file.Files.writeString(tool, "#!/bin/sh\necho fake-mydumper 0.10.0\n");
		java.nio.file.Files.setPosixFilePermissions(tool,
				java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
		given(this.records.find(any())).willReturn(new RecordPage(List.of(), 1, 8, 0));
		given(this.settings.current()).willReturn(new FerryProperties(dir, dir, dir.resolve("import/x"), 4,
				new FerryProperties.Tools(tool.toString(), "ferry-no-such-myloader", 4, Duration.ofHours(1), Duration.ofSeconds(2),
						Duration.ofSeconds(10), "ferry-no-such-tiup", "", ""),
				new FerryProperties.Files(1, 1, 1, 1, 1, 1), false));
		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Tools and storage"),
					containsString("data-tool=\"mydumper\""), containsString("found: fake-mydumper 0.10.0"),
					containsString("missing: not found on PATH"), containsString("data-root=\"exportRoot\""),
					containsString("writable, "), containsString("will be created, "),
					matchesPattern("(?s).*data-tool=\"tiup\".*missing.*"))));
	}

}

package dev.ferry.web.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.ferry.record.RecordFilter;
import dev.ferry.record.RecordPage;
import dev.ferry.record.TransportRecord;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.upload.DownloadSlots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Downloads: every refusal is an envelope before the first byte; a good one is a streamed zip. */
@WebMvcTest
@ContextConfiguration(classes = { ExportDownloadController.class, ApiExceptionHandler.class,
		ExportDownloadControllerTests.Slots.class })
@WithMockUser
class ExportDownloadControllerTests {

	static final String URL = "/api/v1/clusters/export/download/";

	@TempDir
	Path dir;

	@Autowired
	MockMvc mvc;

	@Autowired
	DownloadSlots slots;

	@MockitoBean
	TransportRecordQuery records;

	@org.junit.jupiter.api.BeforeEach
	void lookUpByIdThroughTheStubbedFind() {
		given(this.records.get(any())).willCallRealMethod();
	}

	@TestConfiguration
	static class Slots {

		@Bean
		DownloadSlots downloadSlots() {
			return new DownloadSlots(1);
		}

	}

	@Test
	void streamsTheDataDirectoryAsAZip() throws Exception {
		Path data = exportData();
		record(5, "export", "nfs", "Finished", data.toString(), "nightly.zip");

		MvcResult started = this.mvc.perform(get(URL + "5")).andExpect(request().asyncStarted()).andReturn();
		assertThat(started.getRequest().getAsyncContext().getTimeout()).as("no async timeout").isEqualTo(-1);
		MvcResult result = this.mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/zip"))
			.andExpect(header().string("Content-Disposition", "attachment; filename=\"nightly.zip\""))
			.andExpect(header().doesNotExist("Content-Length"))
			.andReturn();

		assertThat(unzip(result.getResponse().getContentAsByteArray())).containsExactly(
				Map.entry("shop-schema-create.sql", "CREATE DATABASE shop;"), Map.entry("shop/t.00000.sql", "INSERT;"));
		assertThat(this.slots.acquire()).as("slot released after the zip").isNotNull().satisfies(DownloadSlots.Slot::close);
	}

	@Test
	void headAnswersTheHeadersWithoutBuildingTheZip() throws Exception {
		record(8, "export", "nfs", "Finished", exportData().toString(), "data.zip");

		try (DownloadSlots.Slot held = this.slots.acquire()) {
			this.mvc.perform(head(URL + "8"))
				.andExpect(request().asyncNotStarted())
				.andExpect(status().isOk())
				.andExpect(header().string("Content-Type", "application/zip"))
				.andExpect(header().string("Content-Disposition", "attachment; filename=\"data.zip\""));
		}
	}

	@Test
	void nonAsciiZipNamesGetAnRfc6266Header() {
		assertThat(ExportDownloadController.contentDisposition("导出 2024.zip"))
			.isEqualTo("attachment; filename=\"__ 2024.zip\"; filename*=UTF-8''%E5%AF%BC%E5%87%BA%202024.zip");
		assertThat(ExportDownloadController.contentDisposition("a\"b.zip"))
			.isEqualTo("attachment; filename=\"a_b.zip\"; filename*=UTF-8''a%22b.zip");
	}

	@Test
	void unknownRecord() throws Exception {
		RecordPage empty = page(List.of());
		given(this.records.find(any(RecordFilter.class))).willReturn(empty);

		this.mvc.perform(get(URL + "404"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value(60102))
			.andExpect(jsonPath("$.message").value("record 404 not found"));
		this.mvc.perform(get(URL + "abc")).andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value(60102));
	}

	@Test
	void refusesImportsS3AndUnfinishedRecordsSayingWhy() throws Exception {
		String data = exportData().toString();
		record(1, "import", "nfs", "Finished", data, "data.zip");
		this.mvc.perform(get(URL + "1"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value(10001))
			.andExpect(jsonPath("$.message").value("record 1 is an import: only exports can be downloaded"));

		record(2, "export", "s3", "Finished", "s3://bucket/x", "data.zip");
		this.mvc.perform(get(URL + "2"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith(
					"record 2 was exported to s3, not to shared storage (nfs)")));

		record(3, "export", "nfs", "Failed", data, "data.zip");
		this.mvc.perform(get(URL + "3"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith(
					"record 3 is Failed: only a Finished export can be downloaded")));

		record(4, "export", "nfs", "Processing", data, "data.zip");
		this.mvc.perform(get(URL + "4"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("record 4 is Processing")));
	}

	@Test
	void missingFilesAreADownloadFailure() throws Exception {
		record(6, "export", "nfs", "Finished", this.dir.resolve("gone").toString(), "data.zip");

		this.mvc.perform(get(URL + "6"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.code").value(60110))
			.andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("the files of record 6 are gone")));
	}

	@Test
	void refusesDownloadsBeyondTheLimit() throws Exception {
		record(7, "export", "nfs", "Finished", exportData().toString(), "data.zip");

		try (DownloadSlots.Slot held = this.slots.acquire()) {
			this.mvc.perform(get(URL + "7"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value(60111))
				.andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("at most 1 downloads")));
		}
	}

	private Path exportData() throws IOException {
		Path data = this.dir.resolve("data");
		if (!Files.isDirectory(data)) {
			Files.createDirectories(data.resolve("shop"));
			Files.writeString(data.resolve("shop-schema-create.sql"), "CREATE DATABASE shop;");
			Files.writeString(data.resolve("shop").resolve("t.00000.sql"), "INSERT;");
		}
		return data;
	}

	private void record(long id, String type, String storage, String status, String filePath, String zipName) {
		TransportRecord record = mock(TransportRecord.class);
		given(record.recordId()).willReturn(Long.toString(id));
		given(record.transportType()).willReturn(type);
		given(record.storageType()).willReturn(storage);
		given(record.status()).willReturn(status);
		given(record.filePath()).willReturn(filePath);
		given(record.zipName()).willReturn(zipName);
		RecordPage page = page(List.of(record));
		given(this.records.find(org.mockito.ArgumentMatchers.argThat((RecordFilter f) -> f != null
				&& Long.valueOf(id).equals(f.recordId())))).willReturn(page);
	}

	private static RecordPage page(List<TransportRecord> records) {
		RecordPage page = mock(RecordPage.class);
		given(page.records()).willReturn(records);
		return page;
	}

	private static Map<String, String> unzip(byte[] zip) throws IOException {
		Map<String, String> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				entries.put(entry.getName(), new String(in.readAllBytes()));
			}
		}
		return entries;
	}

}

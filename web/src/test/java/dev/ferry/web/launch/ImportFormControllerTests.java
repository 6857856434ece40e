package dev.ferry.web.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterKind;
import dev.ferry.cluster.ClusterService;
import dev.ferry.config.FerryProperties;
import dev.ferry.error.FerryException;
import dev.ferry.record.RecordFilter;
import dev.ferry.record.RecordPage;
import dev.ferry.record.TransportRecord;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.transfer.ImportRequest;
import dev.ferry.transfer.TransferService;
import dev.ferry.transfer.TransferStarted;
import dev.ferry.upload.UploadStore;
import dev.ferry.web.console.ConsoleWebTest;
import dev.ferry.web.upload.MultipartUploadReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(properties = "spring.servlet.multipart.enabled=false")
@ContextConfiguration(classes = { ImportFormController.class, ImportUploadController.class,
		MultipartUploadReceiver.class, ConsoleWebTest.class, ImportFormControllerTests.Store.class })
@WithMockUser(roles = { "OPERATOR", "VIEWER" })
class ImportFormControllerTests {

	@TempDir
	static Path IMPORT_ROOT;

	static final String BOUNDARY = "----ferry-console-test-4c2a";

	static final Cluster SHOP = new Cluster(1, "shop", ClusterKind.MYSQL, "db1", 3306, null, null, "dumper", 7L);

	static final Cluster COPY = new Cluster(2, "copy", ClusterKind.TIDB, "tidb1", 4000, 10080, "pd1:2379", "root", 8L);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ClusterService clusters;

	@MockitoBean
	TransferService transfers;

	@MockitoBean
	TransportRecordQuery records;

	@TestConfiguration
	static class Store {

		@Bean
		UploadStore uploadStore() {
			return new UploadStore(IMPORT_ROOT, new FerryProperties.Files(20_000, 2, 1, 1L << 30, 100, 200));
		}

	}

	@BeforeEach
	void data() {
		given(this.clusters.list()).willReturn(List.of(SHOP, COPY));
		given(this.clusters.get("1")).willReturn(SHOP);
		given(this.clusters.get("2")).willReturn(COPY);
		TransportRecord export = new TransportRecord("5", "9", "1", "export", "/data/export/1/5-nfs/data", "data.zip",
				"nfs", "before the migration", "Finished", OffsetDateTime.now().minusHours(2),
				OffsetDateTime.now().minusHours(1), OffsetDateTime.now(), OffsetDateTime.now(), null, null, null);
		given(this.records.find(any(RecordFilter.class))).willReturn(new RecordPage(List.of(export), 1, 50, 1));
	}

	@Test
	void reImportLinkPreselectsTheRecordTheSourceAndTheCluster() throws Exception {
		this.mvc.perform(get("/transfers/import/new").param("source", "record").param("recordId", "5").param("cluster", "2"))
			.andExpect(status().isOk())
			.andExpect(view().name("launch/import"))
			.andExpect(content().string(allOf(containsString("before the migration"),
					containsString("id=\"record-5\" value=\"5\" checked=\"checked\""),
					containsString("value=\"record\" data-toggle id=\"source2\" name=\"source\" checked=\"checked\""),
					containsString("data-user=\"root\" selected=\"selected\""), containsString("<label for=\"record-5\">"),
					containsString("data-max-bytes=\"20000\""))));
		ArgumentCaptor<RecordFilter> filter = ArgumentCaptor.forClass(RecordFilter.class);
		verify(this.records).find(filter.capture());
		assertThat(filter.getValue().reImport()).isTrue();
	}

	@Test
	void exportsBeyondTheListedOnesArePointedToTheTransfersPage() throws Exception {
		this.mvc.perform(get("/transfers/import/new").param("source", "record"))
			.andExpect(content().string(not(containsString("older-exports"))));
		TransportRecord listed = new TransportRecord("80", "90", "1", "export", "/data/export/1/80-nfs/data",
				"data.zip", "nfs", "", "Finished", OffsetDateTime.now().minusHours(2), OffsetDateTime.now().minusHours(1),
				OffsetDateTime.now(), OffsetDateTime.now(), null, null, null);
		given(this.records.find(any(RecordFilter.class))).willReturn(new RecordPage(List.of(listed), 1, 50, 1234));

		this.mvc.perform(get("/transfers/import/new").param("source", "record"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("1,233 older exports are not listed"),
					containsString("href=\"/transfers?type=export&amp;status=Finished\""))));
	}

	@Test
	void uploadThroughTheConsoleThenImportIt() throws Exception {
		String fragment = this.mvc
			.perform(upload(csrfHeader(post("/transfers/import/upload")), "1", zip("shop.orders.sql", "INSERT 1;")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-upload-ok")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		Matcher id = Pattern.compile("name=\"uploadId\" value=\"([0-9a-f-]{36})\"").matcher(fragment);
		assertThat(id.find()).as(fragment).isTrue();
		assertThat(IMPORT_ROOT.resolve("uploads").resolve(id.group(1)).resolve("upload.zip")).exists();
		assertThat(fragment).doesNotContain("<html");

		given(this.transfers.importData(any(), eq("user"))).willReturn(new TransferStarted("43", "60"));
		this.mvc
			.perform(post("/transfers/import/new").with(csrf())
				.param("clusterId", "1")
				.param("userName", "dumper")
				.param("source", "upload")
				.param("uploadId", id.group(1))
				.param("recordId", "5")
				.param("overwrite", "true"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/transfers/43"));
		ArgumentCaptor<ImportRequest> request = ArgumentCaptor.forClass(ImportRequest.class);
		verify(this.transfers).importData(request.capture(), eq("user"));
		assertThat(request.getValue().uploadId()).isEqualTo(id.group(1));
		assertThat(request.getValue().recordId()).isNull(); // only the chosen source is sent
		assertThat(request.getValue().overwrite()).isTrue();
		assertThat(request.getValue().storageType()).isEqualTo("nfs");
	}

	@Test
	void tooLargeUploadIsRefusedWithTheLimit() throws Exception {
		this.mvc.perform(upload(csrfHeader(post("/transfers/import/upload")), "1", zip("a.sql", "x".repeat(60_000) + Math.random())))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString("flash error"), containsString("larger than"))));
	}

	@Test
	void uploadNeedsTheCsrfHeaderAndTheOperatorRole() throws Exception {
		this.mvc.perform(upload(post("/transfers/import/upload"), "1", zip("a.sql", "A")))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.clusters);
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void viewerGetsNeitherFormNorUploadNorLaunch() throws Exception {
		this.mvc.perform(get("/transfers/import/new")).andExpect(status().isForbidden());
		this.mvc.perform(upload(csrfHeader(post("/transfers/import/upload")), "1", zip("a.sql", "A")))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/transfers/import/new").with(csrf()).param("clusterId", "1"))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.transfers);
	}

	@Test
	void s3SourceNeedsItsFieldsAndNeverEchoesTheSecret() throws Exception {
		this.mvc
			.perform(post("/transfers/import/new").with(csrf())
				.param("clusterId", "2")
				.param("source", "s3")
				.param("password", "db-Secret-1")
				.param("bucketUrl", "s3://dumps/x")
				.param("accessKey", "AKIA-1")
				.param("secretAccessKey", "s3-Secret-2"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(allOf(containsString("Enter the S3 endpoint."),
					containsString("value=\"s3://dumps/x\""), not(containsString("db-Secret-1")),
					not(containsString("s3-Secret-2")))));
		verifyNoInteractions(this.transfers);
	}

	@Test
	void nonEmptyTargetRefusalIsShownAtOverwrite() throws Exception {
		given(this.transfers.importData(any(), anyString())).willThrow(FerryException
			.invalid("target tables already hold data: shop.orders; set overwrite=true to replace them"));
		this.mvc
			.perform(post("/transfers/import/new").with(csrf())
				.param("clusterId", "1")
				.param("source", "record")
				.param("recordId", "5")
				.param("comment", "again"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(allOf(containsString("target tables already hold data: shop.orders"),
					containsString("id=\"record-5\" value=\"5\" checked=\"checked\""), containsString(">again</textarea>"))));
	}

	@Test
	void uploadSourceWithoutUploadIsNamed() throws Exception {
		this.mvc.perform(post("/transfers/import/new").with(csrf()).param("clusterId", "1").param("source", "upload"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Upload a zip first.")));
	}

	static MockHttpServletRequestBuilder csrfHeader(MockHttpServletRequestBuilder request) {
		return request.with(csrf().asHeader());
	}

	static MockHttpServletRequestBuilder upload(MockHttpServletRequestBuilder request, String clusterId, byte[] zip)
			throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"clusterId\"\r\n\r\n" + clusterId
				+ "\r\n--" + BOUNDARY
				+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dump.zip\"\r\nContent-Type: application/zip\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		out.write(zip);
		out.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return request.contentType("multipart/form-data; boundary=" + BOUNDARY).content(out.toByteArray());
	}

	static byte[] zip(String name, String content) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.setLevel(0);
			zip.putNextEntry(new ZipEntry(name));
			zip.write(content.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}

}

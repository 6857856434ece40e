package dev.ferry.web.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.ferry.audit.AuditLog;
import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterKind;
import dev.ferry.cluster.ClusterService;
import dev.ferry.config.FerryProperties;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.upload.UploadStore;
import dev.ferry.upload.UploadTicket;
import dev.ferry.web.upload.MultipartUploadReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The upload endpoint on a streamed multipart body, with the real {@link UploadStore} and low limits. */
@WebMvcTest(properties = "spring.servlet.multipart.enabled=false")
@ContextConfiguration(classes = { UploadApiController.class, MultipartUploadReceiver.class, ApiExceptionHandler.class,
		UploadApiControllerTests.Limits.class })
@WithMockUser
class UploadApiControllerTests {

	@TempDir
	static Path IMPORT_ROOT;

	static final String URL = "/api/v1/clusters/import/upload";

	@Autowired
	MockMvc mvc;

	@Autowired
	UploadStore store;

	@MockitoBean
	ClusterService clusters;

	@MockitoBean
	AuditLog audit;

	final List<UploadTicket> held = new ArrayList<>();

	@TestConfiguration
	static class Limits {

		@Bean
		UploadStore uploadStore() {
			return new UploadStore(IMPORT_ROOT, new FerryProperties.Files(20_000, 2, 1, 1L << 30, 100, 200));
		}

	}

	@BeforeEach
	void cluster() {
		given(this.clusters.get(anyString())).willAnswer((call) -> {
			String id = call.getArgument(0);
			if (!id.equals("7")) {
				throw new FerryException(ErrorCode.CLUSTER_NOT_FOUND, "cluster " + id + " not found");
			}
			return new Cluster(7, "shop", ClusterKind.MYSQL, "127.0.0.1", 3306, null, null, "root", null);
		});
	}

	@AfterEach
	void release() throws IOException {
		this.held.forEach(UploadTicket::close);
		assertThat(uploads()).as("nothing left behind but finished uploads").isEmpty();
	}

	@Test
	void fileBeforeClusterIdIsStagedAndAnswered() throws Exception {
		byte[] zip = zip("data/a.sql", "INSERT 1;", "data/b.sql", "INSERT 2;");

		String body = this.mvc.perform(upload(Part.file(zip), Part.field("clusterId", "7")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.code").value(0))
			.andExpect(jsonPath("$.data.clusterId").value("7"))
			.andExpect(jsonPath("$.data.size").value(zip.length))
			.andExpect(jsonPath("$.data.entries").value(2))
			.andReturn()
			.getResponse()
			.getContentAsString();

		String uploadId = body.replaceAll(".*\"uploadId\":\"([^\"]+)\".*", "$1");
		assertThat(IMPORT_ROOT.resolve("uploads").resolve(uploadId).resolve("upload.zip")).hasBinaryContent(zip);
		assertThat(this.store.find(uploadId)).hasValueSatisfying((u) -> assertThat(u.clusterId()).isEqualTo("7"));
		verify(this.audit).record("user", "upload.create", "upload " + uploadId,
				"cluster 7, " + zip.length + " bytes, 2 files");
	}

	@Test
	void clusterIdBeforeFileWorksToo() throws Exception {
		this.mvc.perform(upload(Part.field("clusterId", " 7 "), Part.file(zip("a.sql", "A"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.data.entries").value(1));
	}

	@Test
	void unknownClusterBeforeTheFileIsRefusedBeforeStaging() throws Exception {
		this.mvc.perform(upload(Part.field("clusterId", "99"), Part.file(zip("a.sql", "A"))))
			.andExpect(status().isNotFound())
			.andDo((result) -> verifyNoInteractions(this.audit))
			.andExpect(jsonPath("$.code").value(10003))
			.andExpect(jsonPath("$.message").value("cluster 99 not found"));
		assertThat(uploads()).isEmpty();
	}

	@Test
	void unknownClusterAfterTheFileRemovesTheUpload() throws Exception {
		this.mvc.perform(upload(Part.file(zip("a.sql", "A")), Part.field("clusterId", "99")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value(10003));
		assertThat(uploads()).isEmpty();
	}

	@Test
	void refusesWhatIsNotAnUpload() throws Exception {
		this.mvc.perform(post(URL).with(csrf()).contentType("application/json").content("{\"clusterId\":\"7\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value(10001))
			.andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("an upload must be a multipart")));
		this.mvc.perform(upload(Part.field("clusterId", "7")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("the upload has no part 'file' with the zip"));
		this.mvc.perform(upload(Part.file(zip("a.sql", "A"))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("the upload has no form field 'clusterId'"));
		this.mvc.perform(upload(Part.file("not a zip at all, just text".getBytes()), Part.field("clusterId", "7")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value(10001))
			.andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith(
					"the uploaded file is not a valid zip file: ")));
		assertThat(uploads()).isEmpty();
	}

	@Test
	void aFileOverTheLimitIsRefusedWhileStreaming() throws Exception {
		byte[] big = new byte[30_000];
		new java.util.Random(3).nextBytes(big);

		this.mvc.perform(upload(Part.file(big), Part.field("clusterId", "7")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value(60108))
			.andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith(
					"the uploaded file is larger than the upload limit of 19.53 KiB (20000 bytes)")));
		assertThat(uploads()).isEmpty();
	}

	@Test
	void aRequestDeclaringMoreThanTheLimitIsRefusedUnread() throws Exception {
		this.mvc.perform(upload(Part.file(new byte[5_000_000]), Part.field("clusterId", "7")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value(60108))
			.andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("the request is 4.769 MiB (5000254 bytes), larger than the upload limit of 19.53 KiB")));
	}

	@Test
	void refusesUploadsBeyondTheConcurrencyLimit() throws Exception {
		this.held.add(this.store.begin());
		this.held.add(this.store.begin());

		this.mvc.perform(upload(Part.file(zip("a.sql", "A")), Part.field("clusterId", "7")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value(60111))
			.andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("at most 2 uploads at once")));
	}

	@Test
	void aBodyCutOffMidFileIsAbortedAndRemoved() throws Exception {
		byte[] body = multipart(Part.file(zip("a.sql", "A".repeat(5000))), Part.field("clusterId", "7"));

		this.mvc.perform(post(URL).with(csrf()).contentType("multipart/form-data; boundary=" + BOUNDARY)
			.content(java.util.Arrays.copyOf(body, body.length / 2)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith(
					"the multipart request is malformed or was cut off")));
		assertThat(uploads()).isEmpty();
	}

	static final String BOUNDARY = "----ferry-test-boundary-8d1f";

	record Part(String name, byte[] content, boolean file) {

		static Part file(byte[] content) {
			return new Part("file", content, true);
		}

		static Part field(String name, String value) {
			return new Part(name, value.getBytes(StandardCharsets.UTF_8), false);
		}

	}

	static MockHttpServletRequestBuilder upload(Part... parts) throws IOException {
		return post(URL).with(csrf()).contentType("multipart/form-data; boundary=" + BOUNDARY).content(multipart(parts));
	}

	static byte[] multipart(Part... parts) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Part part : parts) {
			out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
					+ (part.file() ? "; filename=\"dump.zip\"\r\nContent-Type: application/zip" : "") + "\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			out.write(part.content());
			out.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		out.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	static byte[] zip(String... nameThenContent) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (int i = 0; i < nameThenContent.length; i += 2) {
				zip.putNextEntry(new ZipEntry(nameThenContent[i]));
				zip.write(nameThenContent[i + 1].getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	private static List<Path> uploads() throws IOException {
		Path root = IMPORT_ROOT.resolve("uploads");
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> children = Files.list(root)) {
			return children.filter((dir) -> !Files.exists(dir.resolve("upload.json"))).toList();
		}
	}

}

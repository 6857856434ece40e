package dev.ferry.web.launch;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterKind;
import dev.ferry.cluster.ClusterService;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.transfer.ExportRequest;
import dev.ferry.transfer.SpaceEstimate;
import dev.ferry.transfer.SpacePreflight;
import dev.ferry.transfer.TransferService;
import dev.ferry.transfer.TransferStarted;
import dev.ferry.web.console.ConsoleWebTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest
@ContextConfiguration(classes = { ExportFormController.class, ConsoleWebTest.class })
@WithMockUser(roles = { "OPERATOR", "VIEWER" })
class ExportFormControllerTests {

	static final Cluster SHOP = new Cluster(1, "shop", ClusterKind.MYSQL, "db1", 3306, null, null, "dumper", 7L);

	static final Cluster WAREHOUSE = new Cluster(2, "warehouse", ClusterKind.TIDB, "tidb1", 4000, null, null, "root",
			8L);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ClusterService clusters;

	@MockitoBean
	TransferService transfers;

	@MockitoBean
	SpacePreflight space;

	@BeforeEach
	void clusters() {
		given(this.clusters.list()).willReturn(List.of(SHOP, WAREHOUSE));
	}

	@Test
	void formPreselectsTheClusterAndItsUserAndDisablesCsvForMysql() throws Exception {
		this.mvc.perform(get("/transfers/export/new").param("cluster", "1"))
			.andExpect(status().isOk())
			.andExpect(view().name("launch/export"))
			.andExpect(content().string(allOf(containsString("<option value=\"1\" data-kind=\"MYSQL\" data-user=\"dumper\" selected=\"selected\""),
					containsString("id=\"userName\" autocomplete=\"off\" data-cluster-user"),
					containsString("value=\"dumper\""), containsString("<label for=\"clusterId\""),
					containsString("value=\"csv\" data-toggle data-needs-csv-chain disabled=\"disabled\""))));
	}

	@Test
	void tidbClusterLeavesCsvEnabled() throws Exception {
		this.mvc.perform(get("/transfers/export/new").param("cluster", "2"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("data-user=\"root\" selected=\"selected\""),
					not(containsString("value=\"csv\" data-toggle data-needs-csv-chain disabled")))));
	}

	@Test
	void launchSendsEachRuleAsItsOwnLineAndRedirectsToTheRecord() throws Exception {
		given(this.transfers.export(any(), eq("user"))).willReturn(new TransferStarted("42", "57"));
		this.mvc
			.perform(post("/transfers/export/new").with(csrf())
				.param("clusterId", "1")
				.param("userName", "dumper")
				.param("password", "")
				.param("storageType", "nfs")
				.param("fileType", "sql")
				.param("tables", "rules")
				.param("filters[0]", "shop.orders")
				.param("filters[1]", " !shop.tmp_*, x ")
				.param("filters[2]", "")
				.param("comment", "nightly"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/transfers/42"));
		ArgumentCaptor<ExportRequest> request = ArgumentCaptor.forClass(ExportRequest.class);
		verify(this.transfers).export(request.capture(), eq("user"));
		assertThat(request.getValue().filter()).isEqualTo("shop.orders\n!shop.tmp_*, x");
		assertThat(request.getValue().filter()).doesNotContain(";");
		assertThat(request.getValue().password()).isNull(); // empty: the cluster's stored password
		assertThat(request.getValue().userName()).isEqualTo("dumper");
		assertThat(request.getValue().comment()).isEqualTo("nightly");
		assertThat(request.getValue().zipName()).isNull();
	}

	@Test
	void theNativeChainSendsItsCompressionAndRowsPerFile() throws Exception {
		given(this.transfers.export(any(), eq("user"))).willReturn(new TransferStarted("43", "58"));
		this.mvc
			.perform(post("/transfers/export/new").with(csrf())
				.param("clusterId", "1")
				.param("storageType", "nfs")
				.param("fileType", "csv")
				.param("tables", "all")
				.param("toolChain", "native")
				.param("compression", "zstd")
				.param("chunkRows", " 5000 "))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/transfers/43"));
		ArgumentCaptor<ExportRequest> request = ArgumentCaptor.forClass(ExportRequest.class);
		verify(this.transfers).export(request.capture(), eq("user"));
		assertThat(request.getValue().toolChain()).isEqualTo("native");
		assertThat(request.getValue().compression()).isEqualTo("zstd");
		assertThat(request.getValue().chunkRows()).isEqualTo("5000");
		assertThat(request.getValue().fileType()).isEqualTo("csv");
	}

	@Test
	void theDefaultChainSendsNoNativeOptions() throws Exception {
		given(this.transfers.export(any(), eq("user"))).willReturn(new TransferStarted("44", "59"));
		this.mvc
			.perform(post("/transfers/export/new").with(csrf())
				.param("clusterId", "1")
				.param("storageType", "nfs")
				.param("fileType", "sql")
				.param("tables", "all")
				.param("toolChain", ""))
			.andExpect(status().is3xxRedirection());
		ArgumentCaptor<ExportRequest> request = ArgumentCaptor.forClass(ExportRequest.class);
		verify(this.transfers).export(request.capture(), eq("user"));
		assertThat(request.getValue().toolChain()).isNull();
		assertThat(request.getValue().compression()).isNull();
		assertThat(request.getValue().chunkRows()).isNull();
	}

	@Test
	void aRefusedCompressionIsShownAtItsFieldAndCsvStaysOpenForTheNativeChain() throws Exception {
		given(this.transfers.export(any(), any()))
			.willThrow(FerryException.invalid("chunkRows 5 is out of range: use 100 to 100000000"));
		this.mvc
			.perform(post("/transfers/export/new").with(csrf())
				.param("clusterId", "1")
				.param("storageType", "nfs")
				.param("fileType", "csv")
				.param("tables", "all")
				.param("toolChain", "native")
				.param("chunkRows", "5"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(allOf(containsString("chunkRows 5 is out of range"),
					containsString("id=\"chunkRows\" placeholder=\"250000\""),
					containsString("<option value=\"native\" selected=\"selected\""),
					not(containsString("value=\"csv\" data-toggle data-needs-csv-chain disabled")))));
	}

	@Test
	void engineRefusalOfOneRuleIsShownOnItsRowWithTheValuesKeptAndSecretsNotEchoed() throws Exception {
		given(this.transfers.export(any(), any())).willThrow(FerryException
			.invalid("filter rule 'shop' is not db.table (wildcards * ? [..] allowed, ! to exclude)"));
		this.mvc
			.perform(post("/transfers/export/new").with(csrf())
				.param("clusterId", "2")
				.param("userName", "other")
				.param("password", "db-Secret-1")
				.param("storageType", "s3")
				.param("endpointUrl", "http://127.0.0.1:9000")
				.param("bucketUrl", "s3://backups/ferry")
				.param("accessKey", "AKIA-visible")
				.param("secretAccessKey", "s3-Secret-2")
				.param("fileType", "sql")
				.param("tables", "rules")
				.param("filters[0]", "shop.orders")
				.param("filters[1]", "shop")
				.param("comment", "kept comment"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(view().name("launch/export"))
			.andExpect(content().string(allOf(containsString("filter rule &#39;shop&#39; is not db.table"),
					containsString("value=\"shop.orders\""), containsString("name=\"filters[1]\" value=\"shop\""), containsString("class=\"row invalid\""),
					containsString("kept comment"), containsString("value=\"AKIA-visible\""),
					containsString("value=\"s3://backups/ferry\""), containsString("Enter the password and the S3 secret key again"),
					not(containsString("db-Secret-1")), not(containsString("s3-Secret-2")))));
	}

	@Test
	void rowsWithSemicolonsAreRefusedBeforeTheEngine() throws Exception {
		this.mvc
			.perform(post("/transfers/export/new").with(csrf())
				.param("clusterId", "1")
				.param("storageType", "nfs")
				.param("fileType", "sql")
				.param("tables", "rules")
				.param("filters[0]", "shop.a;shop.b"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("One rule per row: put each part of &#39;shop.a;shop.b&#39; in its own row.")));
		verifyNoInteractions(this.transfers);
	}

	@Test
	void csvOnMysqlRefusalIsShownAtTheFileType() throws Exception {
		given(this.transfers.export(any(), any())).willThrow(FerryException.invalid("fileType csv is not supported by "
				+ "the mysql tool chain (mydumper 0.10 writes SQL only); use fileType sql, or the tidb tool chain"));
		this.mvc
			.perform(post("/transfers/export/new").with(csrf())
				.param("clusterId", "1")
				.param("storageType", "nfs")
				.param("fileType", "csv")
				.param("tables", "all"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(allOf(containsString("class=\"field invalid\" role=\"radiogroup\" aria-labelledby=\"fileType-label\""),
					containsString("fileType csv is not supported by the mysql tool chain"))));
	}

	@Test
	void missingS3FieldsAreNamedAndAFailingPreCheckIsAFormError() throws Exception {
		this.mvc
			.perform(post("/transfers/export/new").with(csrf())
				.param("clusterId", "1")
				.param("storageType", "s3")
				.param("fileType", "sql")
				.param("tables", "all"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(allOf(containsString("Enter the S3 endpoint."),
					containsString("Enter the bucket."), containsString("Enter the secret key."))));
		given(this.transfers.export(any(), any())).willThrow(new FerryException(
				ErrorCode.TIEM_TRANSPORT_SYSTEM_CONFIG_INVALID, "tool 'mydumper' not found or not executable"));
		this.mvc
			.perform(post("/transfers/export/new").with(csrf())
				.param("clusterId", "1")
				.param("storageType", "nfs")
				.param("fileType", "sql")
				.param("tables", "all"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(allOf(containsString("id=\"form-errors\""),
					containsString("tool &#39;mydumper&#39; not found or not executable"))));
	}

	@Test
	void postWithoutCsrfIsForbidden() throws Exception {
		this.mvc.perform(post("/transfers/export/new").param("clusterId", "1")).andExpect(status().isForbidden());
		verify(this.transfers, never()).export(any(), any());
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void viewerGetsNeitherTheFormNorTheLaunch() throws Exception {
		this.mvc.perform(get("/transfers/export/new")).andExpect(status().isForbidden());
		this.mvc.perform(post("/transfers/export/new").with(csrf()).param("clusterId", "1"))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.transfers);
	}

	@Test
	void theFormAsksForTheEstimateWithoutSendingSecretsAndWithoutInlineScript() throws Exception {
		this.mvc.perform(get("/transfers/export/new").param("cluster", "1"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"export-estimate\""),
					containsString("hx-get=\"/transfers/export/estimate\""),
					containsString("hx-include=\"#clusterId, #toolChain, #export-form [name=storageType], "
							+ "#export-form [name=tables], #filter-rows input\""),
					not(containsString("style=\"")), not(containsString("<script>")))));
	}

	@Test
	void estimateFragmentSaysTheSizeAndTheFreeSpace() throws Exception {
		given(this.space.estimateExport(eq("1"), eq("shop.*\n!shop.tmp_*"), eq("nfs"), isNull(), eq(false)))
			.willReturn(new SpaceEstimate(1288490189L, 14, 39728447488L, "/data/export", 1.2, null));

		this.mvc
			.perform(get("/transfers/export/estimate").header("HX-Request", "true")
				.param("clusterId", "1")
				.param("storageType", "nfs")
				.param("tables", "rules")
				.param("filters[0]", "shop.*")
				.param("filters[1]", "!shop.tmp_*"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("About 1.2 GiB in 14 tables"),
					containsString("; 37.0 GiB free on the export root."), not(containsString("warn-text")),
					not(containsString("<html")))));
	}

	@Test
	void estimateFragmentWarnsWhenTheExportWouldNotFit() throws Exception {
		given(this.space.estimateExport(eq("1"), isNull(), eq("nfs"), isNull(), eq(false)))
			.willReturn(new SpaceEstimate(30L << 20, 3, 4L << 20, "/data/export", 1.2, null));

		this.mvc
			.perform(get("/transfers/export/estimate").header("HX-Request", "true")
				.param("clusterId", "1")
				.param("storageType", "nfs")
				.param("tables", "all"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"estimate-summary\" class=\"warn-text\""),
					containsString("About 30.0 MiB in 3 tables"), containsString("4.0 MiB free"),
					containsString("It will not fit: the export needs 36.0 MiB (the estimate × margin 1.2, "
							+ "ferry.transfers.space-margin) and would be refused."))));
	}

	@Test
	void estimateFragmentShowsAWrongRuleAndAsksNothingWithoutACluster() throws Exception {
		given(this.space.estimateExport(eq("1"), eq("shop"), any(), any(), eq(false)))
			.willThrow(FerryException.invalid("filter rule 'shop' is not db.table"));

		this.mvc
			.perform(get("/transfers/export/estimate").header("HX-Request", "true")
				.param("clusterId", "1")
				.param("tables", "rules")
				.param("filters[0]", "shop"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("filter rule &#39;shop&#39; is not db.table")));
		this.mvc.perform(get("/transfers/export/estimate").header("HX-Request", "true").param("tables", "all"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Choose a cluster and tables to see the estimated size.")));
		verify(this.space, never()).estimateExport(isNull(), any(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean());
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void viewerGetsNoEstimate() throws Exception {
		this.mvc.perform(get("/transfers/export/estimate").header("HX-Request", "true").param("clusterId", "1"))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.space);
	}

}

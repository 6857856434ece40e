package dev.ferry.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.batch.core.BatchStatus;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seed's record statuses and how Spring Batch statuses map onto them. */
class RecordStatusTests {

	@ParameterizedTest
	@CsvSource({ "STARTING, Queued", "STARTED, Processing", "STOPPING, Processing", "COMPLETED, Finished",
			"FAILED, Failed", "ABANDONED, Failed", "UNKNOWN, Failed", "STOPPED, Stopped" })
	void mapsEachBatchStatus(BatchStatus batchStatus, RecordStatus expected) {
		assertThat(RecordStatus.ofBatchStatus(batchStatus.name())).isEqualTo(expected);
	}

	@Test
	void everyBatchStatusIsListedByExactlyOneRecordStatus() {
		List<String> listed = new ArrayList<>();
		for (RecordStatus status : RecordStatus.values()) {
			listed.addAll(status.batchStatuses());
		}

		assertThat(listed).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(BatchStatus.values()).map(BatchStatus::name).toList());
	}

	@Test
	void eachRecordStatusMapsBackFromTheBatchStatusesItLists() {
		for (RecordStatus status : RecordStatus.values()) {
			assertThat(status.batchStatuses()).isNotEmpty();
			for (String batchStatus : status.batchStatuses()) {
				assertThat(RecordStatus.ofBatchStatus(batchStatus)).as(batchStatus).isEqualTo(status);
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "RUNNING", "completed", "SUCCESS" })
	void anUnknownBatchStatusIsFailed(String batchStatus) {
		assertThat(RecordStatus.ofBatchStatus(batchStatus)).isEqualTo(RecordStatus.Failed);
	}

	@ParameterizedTest
	@CsvSource({ "queued, Queued", "processing, Processing", "FINISHED, Finished", "fAiLeD, Failed",
			"stopped, Stopped", "'  Finished  ', Finished" })
	void parseIgnoresCaseAndSurroundingWhitespace(String value, RecordStatus expected) {
		assertThat(RecordStatus.parse(value)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Done", "", "COMPLETED", "Finish" })
	void parseRejectsAnUnknownStatusListingTheValidOnes(String value) {
		assertThatThrownBy(() -> RecordStatus.parse(value))
			.isInstanceOfSatisfying(FerryException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.PARAMETER_INVALID))
			.hasMessageContaining("'" + value + "'")
			.hasMessageContaining("Queued")
			.hasMessageContaining("Processing")
			.hasMessageContaining("Finished")
			.hasMessageContaining("Failed")
			.hasMessageContaining("Stopped");
	}

}

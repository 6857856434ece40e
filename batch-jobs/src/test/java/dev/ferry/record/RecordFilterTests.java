package dev.ferry.record;

import org.junit.jupiter.api.Test;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Page bounds of the record list: a clear 400 outside 1..MAX_PAGE, and an offset that cannot overflow. */
class RecordFilterTests {

	@Test
	void pagesOutsideTheBoundsAreRefusedNamingThem() {
		for (int page : new int[] { 0, -1, RecordFilter.MAX_PAGE + 1, Integer.MAX_VALUE, Integer.MIN_VALUE }) {
			assertThatThrownBy(() -> filter(page, 10)).isInstanceOf(FerryException.class)
				.hasMessage("page must be between 1 and 1000000, was " + page)
				.extracting((ex) -> ((FerryException) ex).errorCode())
				.isEqualTo(ErrorCode.PARAMETER_INVALID);
		}
		assertThatThrownBy(() -> filter(1, 0)).hasMessage("pageSize must be 1 or more, was 0");
	}

	@Test
	void theOffsetIsComputedInLongs() {
		assertThat(filter(1, 10).offset()).isZero();
		assertThat(filter(3, 10).offset()).isEqualTo(20);
		assertThat(filter(RecordFilter.MAX_PAGE, Integer.MAX_VALUE).offset())
			.isEqualTo((RecordFilter.MAX_PAGE - 1L) * Integer.MAX_VALUE);
	}

	private static RecordFilter filter(int page, int pageSize) {
		return new RecordFilter(page, pageSize, null, null, null, null, null, null, null);
	}

}

package dev.ferry.schedule;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronRulesTests {

	@Test
	void nextFireTimesFollowTheExpressionInItsZone() {
		CronDescription daily = CronRules.describe("0 30 2 * * ?", ZoneId.of("Asia/Tokyo"), 5);

		assertThat(daily.nextFireTimes()).hasSize(5);
		assertThat(daily.timeZone()).isEqualTo("Asia/Tokyo");
		for (OffsetDateTime fire : daily.nextFireTimes()) {
			ZonedDateTime tokyo = fire.atZoneSameInstant(ZoneId.of("Asia/Tokyo"));
			assertThat(tokyo.getHour()).isEqualTo(2);
			assertThat(tokyo.getMinute()).isEqualTo(30);
			assertThat(fire.getOffset().getTotalSeconds()).isEqualTo(9 * 3600);
		}
		for (int i = 1; i < 5; i++) {
			assertThat(Duration.between(daily.nextFireTimes().get(i - 1), daily.nextFireTimes().get(i)))
				.isEqualTo(Duration.ofDays(1));
		}
		assertThat(daily.nextFireTimes().get(0)).isAfter(OffsetDateTime.now());
	}

	@Test
	void everyTenSecondsFiresOnTheTens() {
		List<OffsetDateTime> next = CronRules.describe("0/10 * * * * ?", ZoneId.of("UTC"), 5).nextFireTimes();

		assertThat(next).allSatisfy((t) -> assertThat(t.getSecond() % 10).isZero());
		assertThat(Duration.between(next.get(0), next.get(4))).isEqualTo(Duration.ofSeconds(40));
	}

	@Test
	void aDailyTimeStaysLocalAcrossADaylightSavingChange() {
		List<OffsetDateTime> next = CronRules.describe("0 0 12 * * ?", ZoneId.of("Europe/Berlin"), 400).nextFireTimes();

		assertThat(next).allSatisfy((t) -> assertThat(t.atZoneSameInstant(ZoneId.of("Europe/Berlin")).getHour())
			.isEqualTo(12));
		assertThat(next.stream().map(OffsetDateTime::getOffset).distinct()).as("CET and CEST").hasSize(2);
	}

	@Test
	void aCronThatFiresMoreOftenThanTheMinimumIntervalIsRefused() {
		Duration fiveMinutes = Duration.ofMinutes(5);
		assertThatThrownBy(() -> CronRules.checkInterval(CronRules.parse("* * * * * ?", ZoneId.of("UTC")), fiveMinutes))
			.isInstanceOf(dev.ferry.error.FerryException.class)
			.hasMessageStartingWith("cron '* * * * * ?' fires 1s apart (")
			.hasMessageEndingWith("schedules may fire at most once every 5m (ferry.schedules.min-interval, "
					+ "FERRY_SCHEDULE_MIN_INTERVAL)");
		assertThatThrownBy(() -> CronRules.checkInterval(CronRules.parse("0 */4 * * * ?", ZoneId.of("UTC")), fiveMinutes))
			.hasMessageContaining("fires 4m apart");
		assertThatThrownBy(
				() -> CronRules.checkInterval(CronRules.parse("0,1 0 2 * * ?", ZoneId.of("UTC")), fiveMinutes))
			.as("two fire times a second apart once a day")
			.hasMessageContaining("fires 1s apart");
		CronRules.checkInterval(CronRules.parse("0 */5 * * * ?", ZoneId.of("UTC")), fiveMinutes);
		CronRules.checkInterval(CronRules.parse("0 0 2 * * ?", ZoneId.of("UTC")), fiveMinutes);
		CronRules.checkInterval(CronRules.parse("0/3 * * * * ?", ZoneId.of("UTC")), Duration.ofSeconds(2));
	}

	@Test
	void aNumberOutOfRangeIsRefusedWithoutJavaInTheMessage() {
		assertThatThrownBy(() -> CronRules.parse("9223372036854775808", ZoneId.of("UTC")))
			.hasMessageStartingWith("cron '9223372036854775808' is not a valid Quartz cron expression: ")
			.hasMessageNotContaining("java.")
			.hasMessageNotContaining("Exception");
	}

	@Test
	void describesTheExpressionInWords() {
		assertThat(CronRules.words("0 0/15 * * * ?")).containsIgnoringCase("15 minutes");
		assertThat(CronRules.describe("0 30 2 * * ?", ZoneId.of("UTC"), 1).description()).contains("02:30");
	}

	@Test
	void invalidExpressionsAreParameterInvalidWithTheReason() {
		assertInvalid(() -> CronRules.parse("0 0 25 * * ?", ZoneId.of("UTC")), "not a valid Quartz cron expression");
		assertInvalid(() -> CronRules.parse("* * * *", ZoneId.of("UTC")), "Quartz cron format");
		assertInvalid(() -> CronRules.parse("0 0 2 * * *", ZoneId.of("UTC")), "day-of-week");
		assertInvalid(() -> CronRules.parse("0 0 2 1 1 ? 2001", ZoneId.of("UTC")), "never fires again");
		assertInvalid(() -> CronRules.parse(" ", ZoneId.of("UTC")), "cron is required");
		assertInvalid(() -> CronRules.zone("Mars/Olympus"), "timeZone 'Mars/Olympus' is not a valid time zone");
		assertThat(CronRules.zone("+02:00").getId()).isEqualTo("+02:00");
		assertThat(CronRules.zone(null)).isEqualTo(ZoneId.systemDefault());
	}

	@Test
	void retentionAgeIsAnIsoDuration() {
		assertThat(ScheduleValidator.maxAge("P30D")).isEqualTo(30L * 24 * 3600);
		assertThat(ScheduleValidator.maxAge("PT12H")).isEqualTo(12L * 3600);
		assertThat(ScheduleValidator.maxAge(null)).isNull();
		assertInvalid(() -> ScheduleValidator.maxAge("30 days"), "not an ISO-8601 duration");
		assertInvalid(() -> ScheduleValidator.maxAge("-P1D"), "must be positive");
		assertInvalid(() -> ScheduleValidator.check(new ScheduleDraft("n", "0 0 2 * * ?", "UTC", null, 0, null,
				null), Duration.ofMinutes(5)), "keepLast 0 is invalid");
		assertInvalid(() -> ScheduleValidator.check(new ScheduleDraft("n", "0 * * * * ?", "UTC", null, null, null,
				null), Duration.ofMinutes(5)), "fires 1m apart");
	}

	private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
		assertThatThrownBy(call).isInstanceOfSatisfying(FerryException.class,
				(ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.PARAMETER_INVALID))
			.hasMessageContaining(message);
	}

}

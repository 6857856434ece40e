package dev.ferry.web.schedules;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

import dev.ferry.schedule.Schedule;
import dev.ferry.schedule.ScheduleDraft;
import dev.ferry.schedule.ScheduleDrill;
import dev.ferry.transfer.ExportRequest;
import dev.ferry.web.launch.ExportOptionsForm;

/**
 * The schedule form as the browser posts it. Secrets (password, S3 keys) are write-only: a form built from a stored
 * schedule never holds them, and a blank one means "keep the stored secret". Filter rules are one entry per row and
 * reach the export joined by line breaks, never by {@code ;}.
 */
public class ScheduleForm extends ExportOptionsForm {

	private @Nullable String name;

	private @Nullable String toolChain;

	private @Nullable String cron;

	private String timeZone = ZoneId.systemDefault().getId();

	private @Nullable String keepLast;

	private @Nullable String maxAgeAmount;

	private String maxAgeUnit = "days";

	private boolean enabled = true;

	private @Nullable String drillClusterId;

	private boolean drillDrop = true;

	/** The form of a stored schedule, without its secrets. */
	static ScheduleForm of(Schedule schedule) {
		ScheduleForm form = new ScheduleForm();
		Schedule.Options e = schedule.export();
		form.name = schedule.name();
		form.clusterId = schedule.clusterId();
		form.userName = e.userName();
		form.fileType = e.fileType();
		form.toolChain = e.toolChain();
		form.sql = e.sql();
		List<String> rules = e.filter() == null ? List.of()
				: Arrays.stream(e.filter().split("[;\\r\\n]+")).map(String::strip).filter((r) -> !r.isEmpty()).toList();
		form.filters = new ArrayList<>(rules.isEmpty() ? List.of("") : rules);
		form.tables = e.sql() != null ? "sql" : rules.isEmpty() ? "all" : "rules";
		form.storageType = e.storageType();
		form.zipName = e.zipName();
		form.endpointUrl = e.endpointUrl();
		form.bucketUrl = e.bucketUrl();
		form.comment = e.comment();
		form.cron = schedule.cron();
		form.timeZone = schedule.timeZone();
		form.keepLast = schedule.keepLast() == null ? null : schedule.keepLast().toString();
		if (schedule.maxAge() != null) {
			MaxAge age = MaxAge.of(schedule.maxAge());
			form.maxAgeAmount = Long.toString(age.amount());
			form.maxAgeUnit = age.unit();
		}
		form.enabled = schedule.enabled();
		if (schedule.drill() != null) {
			form.drillClusterId = schedule.drill().clusterId();
			form.drillDrop = schedule.drill().drops();
		}
		return form;
	}

	/**
	 * The draft the service checks. Blank secrets become absent (keep the stored ones on edit); {@code keepLast} and
	 * the maximum age are checked here because the service takes them typed.
	 */
	ScheduleDraft toDraft(Errors errors) {
		Integer keep = null;
		if (!blank(this.keepLast)) {
			try {
				keep = Integer.valueOf(this.keepLast.strip());
			}
			catch (NumberFormatException ex) {
				errors.rejectValue("keepLast", "invalid", "keepLast '" + this.keepLast.strip() + "' is not a whole number");
			}
		}
		String maxAge = null;
		if (!blank(this.maxAgeAmount)) {
			try {
				maxAge = new MaxAge(Long.parseLong(this.maxAgeAmount.strip()), this.maxAgeUnit).iso();
			}
			catch (NumberFormatException ex) {
				errors.rejectValue("maxAgeAmount", "invalid",
						"max age '" + this.maxAgeAmount.strip() + "' is not a whole number");
			}
		}
		boolean s3 = "s3".equals(this.storageType);
		ExportRequest export = new ExportRequest(trim(this.clusterId), trim(this.userName), secret(this.password),
				this.fileType, "rules".equals(this.tables) ? filter() : null, "sql".equals(this.tables) ? trim(this.sql) : null,
				this.storageType, s3 ? null : trim(this.zipName), s3 ? trim(this.endpointUrl) : null,
				s3 ? trim(this.bucketUrl) : null, s3 ? secret(this.accessKey) : null,
				s3 ? secret(this.secretAccessKey) : null, trim(this.comment), trim(this.toolChain));
		return new ScheduleDraft(trim(this.name), trim(this.cron), trim(this.timeZone), this.enabled, keep, maxAge,
				export, blank(this.drillClusterId) ? null : new ScheduleDrill(this.drillClusterId.strip(), this.drillDrop));
	}

	/** The non-blank rules, one per line; absent if there is none. */
	@Nullable String filter() {
		List<String> rules = this.filters.stream().filter((r) -> r != null && !r.isBlank()).map(String::strip).toList();
		return rules.isEmpty() ? null : String.join("\n", rules);
	}

	/** Forgets every secret the browser sent, so that no page ever echoes one. */
	void forgetSecrets() {
		this.password = null;
		this.accessKey = null;
		this.secretAccessKey = null;
	}

	private static @Nullable String trim(@Nullable String value) {
		return blank(value) ? null : value.strip();
	}

	private static @Nullable String secret(@Nullable String value) {
		return value == null || value.isEmpty() ? null : value;
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	public @Nullable String getDrillClusterId() {
		return this.drillClusterId;
	}

	public void setDrillClusterId(@Nullable String drillClusterId) {
		this.drillClusterId = drillClusterId;
	}

	public boolean isDrillDrop() {
		return this.drillDrop;
	}

	public void setDrillDrop(boolean drillDrop) {
		this.drillDrop = drillDrop;
	}

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable String getToolChain() {
		return this.toolChain;
	}

	public void setToolChain(@Nullable String toolChain) {
		this.toolChain = toolChain;
	}

	public void setFilters(List<String> filters) {
		this.filters = filters.isEmpty() ? new ArrayList<>(List.of("")) : filters;
	}

	public @Nullable String getCron() {
		return this.cron;
	}

	public void setCron(@Nullable String cron) {
		this.cron = cron;
	}

	public String getTimeZone() {
		return this.timeZone;
	}

	public void setTimeZone(String timeZone) {
		this.timeZone = timeZone;
	}

	public @Nullable String getKeepLast() {
		return this.keepLast;
	}

	public void setKeepLast(@Nullable String keepLast) {
		this.keepLast = keepLast;
	}

	public @Nullable String getMaxAgeAmount() {
		return this.maxAgeAmount;
	}

	public void setMaxAgeAmount(@Nullable String maxAgeAmount) {
		this.maxAgeAmount = maxAgeAmount;
	}

	public String getMaxAgeUnit() {
		return this.maxAgeUnit;
	}

	public void setMaxAgeUnit(String maxAgeUnit) {
		this.maxAgeUnit = maxAgeUnit;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}

package dev.ferry.transfer;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What the space preflight found for an export: its estimated size, the free space where it is written, and whether
 * it fits with the margin. Either number is null when it was not found; the note then says why.
 *
 * @param bytes estimated size of the dump (the selected base tables by the source's statistics), null if unknown
 * @param tables base tables the estimate covers
 * @param freeBytes usable space of the storage the dump is written to, null if not checked
 * @param root where the dump is written (the export root), null when the tool writes to S3 itself
 * @param margin {@code ferry.transfers.space-margin}; 0: the check is off
 * @param note why a number is missing, or null
 */
public record SpaceEstimate(@Nullable Long bytes, int tables, @Nullable Long freeBytes, @Nullable String root,
		double margin, @Nullable String note) {

	static final String SETTING = "ferry.transfers.space-margin (FERRY_SPACE_MARGIN)";

	/** The space the export needs: its estimate times the margin (saturating); null if not estimated. */
	public @Nullable Long requiredBytes() {
		if (this.bytes == null) {
			return null;
		}
		double required = Math.ceil(this.bytes * this.margin);
		return (required >= Long.MAX_VALUE) ? Long.MAX_VALUE : (long) required;
	}

	/** False only when both numbers are known, the check is on, and the free space is below the required space. */
	public boolean fits() {
		Long required = requiredBytes();
		return this.margin == 0 || required == null || this.freeBytes == null || this.freeBytes >= required;
	}

	/** One line for people: "about 1.2 GiB in 14 tables; 37.0 GiB free on the export root /data/export". */
	public String summary() {
		StringBuilder text = new StringBuilder();
		text.append((this.bytes != null) ? "about " + bytes(this.bytes) + " in " + this.tables
				+ ((this.tables == 1) ? " table" : " tables") : "size not estimated");
		if (this.freeBytes != null) {
			text.append("; ").append(bytes(this.freeBytes)).append(" free on the export root ").append(this.root);
		}
		if (this.note != null) {
			text.append(" (").append(this.note).append(')');
		}
		return text.toString();
	}

	/** The refusal's message: the estimate, the margin, the free space and the setting. */
	String refusal() {
		return "the export needs about " + bytes(this.bytes) + " (" + this.tables + " tables, estimated from the "
				+ "source's information_schema.TABLES) × margin " + margin(this.margin) + " = "
				+ bytes(requiredBytes()) + ", but the export root " + this.root + " has only "
				+ bytes(this.freeBytes) + " free. Free space there, choose fewer tables, or change " + SETTING
				+ " (0 turns this check off)";
	}

	static String margin(double margin) {
		return String.format(Locale.ROOT, "%.2f", margin).replaceAll("\\.?0+$", "");
	}

	/** "1.2 GiB", "512 B". */
	static String bytes(@Nullable Long count) {
		if (count == null) {
			return "?";
		}
		String[] units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
		double value = count;
		int unit = 0;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return (unit == 0) ? count + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

}

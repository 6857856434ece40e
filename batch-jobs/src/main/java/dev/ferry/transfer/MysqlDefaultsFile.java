package dev.ferry.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.springframework.batch.core.step.StepExecution;

import dev.ferry.storage.FileModes;
import dev.ferry.storage.RunDirectory;

/**
 * A MySQL option file ({@code [client] password=…}) with mode 0600, so that mydumper and myloader get the password
 * through {@code --defaults-file} and never on their command line.
 */
final class MysqlDefaultsFile {

	private MysqlDefaultsFile() {
	}

	/**
	 * Where a tool's option file for one step execution lives:
	 * {@code <home>/run/<jobExecutionId>-<tool>-<stepExecutionId>.cnf} (see {@link RunDirectory}).
	 */
	static Path of(Path home, String tool, StepExecution stepExecution) {
		return RunDirectory.file(home, stepExecution.getJobExecutionId(), tool, stepExecution.getId(), "cnf");
	}

	/** Removes it once the tool is gone; a file left behind would keep a password on disk. */
	static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not remove the defaults file " + file, ex);
		}
	}

	static Path write(Path file, String password) throws IOException {
		Path dir = file.getParent();
		if (!Files.isDirectory(dir)) {
			FileModes.createPrivateDirectories(dir);
		}
		Files.deleteIfExists(file);
		Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(file, "[client]\npassword=\"" + escape(password) + "\"\n", StandardCharsets.UTF_8);
		return file;
	}

	/** Option-file escaping inside double quotes: backslash, quote and line breaks. */
	static String escape(String value) {
		StringBuilder out = new StringBuilder(value.length() + 8);
		for (char c : value.toCharArray()) {
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '"' -> out.append("\\\"");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

}

package dev.ferry.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tool exited with a non-zero code, or could not be started. The message names the tool and the exit code and
 * ends with the last lines of the tool's log.
 */
public class ToolFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** The exit code reported when there is none: the process could not be started or did not finish. */
	public static final int NO_EXIT_CODE = -1;

	/** Less than this free where a tool writes counts as a full disk. */
	static final long LOW_SPACE_BYTES = 1024 * 1024;

	private final int exitCode;

	public ToolFailedException(String message, int exitCode) {
		super(message);
		this.exitCode = exitCode;
	}

	public ToolFailedException(String message, int exitCode, Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
	}

	/** The process's exit code, or {@link #NO_EXIT_CODE}. */
	public int getExitCode() {
		return this.exitCode;
	}

	static ToolFailedException exited(ToolCommand command, int exitCode, String logTail) {
		return new ToolFailedException(withTail(command.displayName() + " exited with code " + exitCode
				+ fullDisk(command.workingDir()), logTail), exitCode);
	}

	/**
	 * Why a tool fails on a full file system is often not in its log (mydumper only says "Could not write", and the
	 * log itself may be on that file system): name it when the working directory's file system is (nearly) full.
	 */
	static String fullDisk(Path dir) {
		try {
			long free = Files.getFileStore(dir).getUsableSpace();
			return (free < LOW_SPACE_BYTES) ? ": no space left on device (" + free + " bytes free where it writes, "
					+ dir + ")" : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	static ToolFailedException cannotStart(ToolCommand command, IOException ex) {
		return new ToolFailedException(command.displayName() + ": cannot start " + command.executable() + ": "
				+ reason(ex), NO_EXIT_CODE, ex);
	}

	static String withTail(String message, String logTail) {
		return logTail.isEmpty() ? message : message + "\n" + logTail;
	}

	/** "No such file or directory" rather than "Cannot run program "x" (in directory "y"): error=2, No such...". */
	private static String reason(IOException ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		String message = String.valueOf(cause.getMessage());
		return message.replaceFirst("^error=\\d+, ", "");
	}

}

package dev.ferry.engine.sink;

/** The names a sink accepts: one plain file name, never a path. */
final class FileNameRules {

	private FileNameRules() {
	}

	static String check(String name) {
		if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
				|| name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("'" + name + "' is not a plain file name");
		}
		return name;
	}

}

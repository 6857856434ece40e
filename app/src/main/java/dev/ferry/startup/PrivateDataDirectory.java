package dev.ferry.startup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.ferry.storage.FileModes;

/**
 * Keeps Ferry's data directory private whatever the umask: {@code FERRY_HOME} at most 0750, and – on the embedded
 * default – the H2 database directory 0700 and its files 0600.
 * <p>
 * H2 creates its files itself, with the process umask, and Java cannot change the umask. So the directory is made
 * (or narrowed to) 0700 before the data source exists, which keeps every file H2 creates in it – now or later, such
 * as {@code .trace.db} or temporary files – out of other users' reach; once H2 has opened the database (Liquibase has
 * run, before the web server starts) the files in it are narrowed to 0600 as well.
 */
@Component
class PrivateDataDirectory implements BeanPostProcessor, SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(PrivateDataDirectory.class);

	private static final String H2_FILE = "jdbc:h2:file:";

	private final Environment environment;

	private boolean prepared;

	PrivateDataDirectory(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource && !this.prepared) {
			this.prepared = true;
			prepare();
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Path database = databaseDirectory(this.environment.getProperty("spring.datasource.url"));
		if (database != null) {
			FileModes.restrictTreeToOwner(database);
		}
	}

	private void prepare() {
		String home = this.environment.getProperty("ferry.home");
		if (home != null && !home.isBlank()) {
			try {
				Path dir = Path.of(home);
				FileModes.createDirectories(dir);
				FileModes.restrict(dir);
			}
			catch (IOException ex) {
				// the first writer reports a directory it cannot use in its own words
				log.warn("Could not make Ferry's home {} private: {}", home, ex.getMessage());
			}
		}
		Path database = databaseDirectory(this.environment.getProperty("spring.datasource.url"));
		if (database != null) {
			try {
				FileModes.createPrivateDirectories(database);
				FileModes.restrictTreeToOwner(database);
			}
			catch (IOException ex) {
				log.warn("Could not make the database directory {} private: {}", database, ex.getMessage());
			}
		}
	}

	/** The directory of an embedded H2 file database ({@code jdbc:h2:file:<dir>/<name>[;…]}), else null. */
	static @Nullable Path databaseDirectory(@Nullable String url) {
		if (url == null || !url.toLowerCase(Locale.ROOT).startsWith(H2_FILE)) {
			return null;
		}
		String path = url.substring(H2_FILE.length());
		int options = path.indexOf(';');
		if (options >= 0) {
			path = path.substring(0, options);
		}
		if (path.startsWith("~")) {
			path = System.getProperty("user.home") + path.substring(1);
		}
		Path parent = Path.of(path).toAbsolutePath().normalize().getParent();
		return (parent == null || parent.getParent() == null) ? null : parent; // never the file system's root
	}

}

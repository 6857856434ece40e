package dev.ferry.startup;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which directory holds the embedded database, from the JDBC URL. */
class PrivateDataDirectoryTests {

	@Test
	void theDirectoryOfAnH2FileDatabase() {
		assertThat(PrivateDataDirectory.databaseDirectory("jdbc:h2:file:/var/lib/ferry/db/ferry;DB_CLOSE_ON_EXIT=FALSE"))
			.isEqualTo(Path.of("/var/lib/ferry/db"));
		assertThat(PrivateDataDirectory.databaseDirectory("jdbc:h2:file:./data/db/ferry"))
			.isEqualTo(Path.of("data/db").toAbsolutePath());
		assertThat(PrivateDataDirectory.databaseDirectory("jdbc:h2:file:~/ferry/db/ferry"))
			.isEqualTo(Path.of(System.getProperty("user.home"), "ferry", "db"));
	}

	@Test
	void noDirectoryForOtherDatabasesOrTheFileSystemsRoot() {
		assertThat(PrivateDataDirectory.databaseDirectory("jdbc:mariadb://127.0.0.1:3306/ferry")).isNull();
		assertThat(PrivateDataDirectory.databaseDirectory("jdbc:h2:mem:test")).isNull();
		assertThat(PrivateDataDirectory.databaseDirectory(null)).isNull();
		assertThat(PrivateDataDirectory.databaseDirectory("jdbc:h2:file:/ferry")).isNull();
	}

}

package dev.ferry.web.security;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.ferry.support.FerrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/** The first user: created once, with the configured password or a generated one printed once. */
class FirstAdminInitializerTests {

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private JdbcClient jdbc;

	private UserAccounts users;

	@BeforeEach
	void freshDatabase() throws Exception {
		DataSource dataSource = FerrySchema.inMemoryH2();
		this.jdbc = JdbcClient.create(dataSource);
		this.users = new UserAccounts(this.jdbc, this.encoder);
	}

	@Test
	void configuredPasswordIsStoredAsAHashAndNeverPrinted() {
		String out = captureStdout(() -> new FirstAdminInitializer(this.users, "Chosen pässword").afterSingletonsInstantiated());

		String hash = storedHash();
		assertThat(hash).startsWith("{bcrypt}").doesNotContain("Chosen");
		assertThat(this.encoder.matches("Chosen pässword", hash)).isTrue();
		assertThat(out).doesNotContain("Chosen");
		assertThat(role()).isEqualTo("ADMIN");
	}

	@Test
	void generatedPasswordIsPrintedOnceAndWorks() {
		String first = captureStdout(() -> new FirstAdminInitializer(this.users, "").afterSingletonsInstantiated());
		String second = captureStdout(() -> new FirstAdminInitializer(this.users, "").afterSingletonsInstantiated());

		Matcher printed = Pattern.compile("admin / (\\S{20})").matcher(first);
		assertThat(printed.find()).as(first).isTrue();
		assertThat(this.encoder.matches(printed.group(1), storedHash())).isTrue();
		assertThat(second).as("printed only at the first start").isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM FERRY_USER").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void existingUsersAreLeftAlone() {
		this.users.create("someone", "pw", Role.OPERATOR);

		new FirstAdminInitializer(this.users, "ignored").afterSingletonsInstantiated();

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM FERRY_USER WHERE USERNAME = 'admin'").query(Long.class).single())
			.isZero();
	}

	private String storedHash() {
		return this.jdbc.sql("SELECT PASSWORD_HASH FROM FERRY_USER WHERE USERNAME = 'admin'").query(String.class).single();
	}

	private String role() {
		return this.jdbc.sql("SELECT ROLE FROM FERRY_USER WHERE USERNAME = 'admin'").query(String.class).single();
	}

	private static String captureStdout(Runnable action) {
		PrintStream original = System.out;
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
		try {
			action.run();
		}
		finally {
			System.setOut(original);
		}
		return buffer.toString(StandardCharsets.UTF_8);
	}

}

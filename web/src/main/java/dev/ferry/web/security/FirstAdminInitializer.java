package dev.ferry.web.security;

import java.security.SecureRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Creates the first user, {@code admin}, when there is none: with {@code FERRY_ADMIN_PASSWORD}, or with a generated
 * password printed once to the console (it is stored only as a hash).
 */
@Component
class FirstAdminInitializer implements SmartInitializingSingleton {

	static final String ADMIN = "admin";

	private static final Logger log = LoggerFactory.getLogger(FirstAdminInitializer.class);

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final UserAccounts users;

	private final @Nullable String configuredPassword;

	FirstAdminInitializer(UserAccounts users, @Value("${FERRY_ADMIN_PASSWORD:}") @Nullable String configuredPassword) {
		this.users = users;
		this.configuredPassword = configuredPassword;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.users.count() > 0) {
			return;
		}
		boolean generated = this.configuredPassword == null || this.configuredPassword.isEmpty();
		String password = generated ? generate() : this.configuredPassword;
		try {
			this.users.create(ADMIN, password, Role.ADMIN);
		}
		catch (DuplicateKeyException ex) {
			return; // another node created it at the same moment
		}
		if (generated) {
			// Printed once, to the console only: the log file never holds it.
			System.out.printf("%n  Ferry's first user: admin / %s%n  (set FERRY_ADMIN_PASSWORD to choose it; "
					+ "change it after logging in)%n%n", password);
			log.warn("Created user 'admin' with a generated password, printed once on the console");
		}
		else {
			log.info("Created user 'admin' with the password from FERRY_ADMIN_PASSWORD");
		}
	}

	private static String generate() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder(20);
		for (int i = 0; i < 20; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}

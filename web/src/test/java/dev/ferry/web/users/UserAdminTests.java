package dev.ferry.web.users;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.ferry.audit.AuditLog;
import dev.ferry.support.FerrySchema;
import dev.ferry.web.security.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** The guards and the audit trail of {@link UserAdmin}, on the real schema (H2 with the Liquibase changelog). */
class UserAdminTests {

	final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	final AuditLog audit = mock(AuditLog.class);

	UserDirectory directory;

	JdbcClient jdbc;

	UserAdmin admin;

	@BeforeEach
	void freshDatabase() {
		this.jdbc = JdbcClient.create(FerrySchema.inMemoryH2());
		this.directory = new UserDirectory(this.jdbc);
		this.admin = new UserAdmin(this.directory, this.encoder, this.audit);
		this.admin.create("setup", "root", Role.ADMIN, "root-password-1");
		this.admin.create("setup", "olga", Role.OPERATOR, "olga-password-1");
	}

	@Test
	void createStoresAHashAndAudits() {
		this.admin.create("root", "vic", Role.VIEWER, "a long enough pw");

		UserAccount vic = user("vic");
		assertThat(vic.role()).isEqualTo(Role.VIEWER);
		assertThat(vic.enabled()).isTrue();
		verify(this.audit).record("root", "user.create", "vic", "role=VIEWER");
		assertThatThrownBy(() -> this.admin.create("root", "vic", Role.ADMIN, "a long enough pw"))
			.isInstanceOf(DuplicateKeyException.class);
		assertThatThrownBy(() -> this.admin.create("root", "tom", Role.ADMIN, "short"))
			.isInstanceOf(UserChangeRefused.class)
			.hasMessage("users.password.tooShort");
	}

	@Test
	void theLastEnabledAdminCanBeNeitherDisabledNorDemoted() {
		long root = user("root").id();
		assertThatThrownBy(() -> this.admin.setEnabled("olga", root, false)).isInstanceOf(UserChangeRefused.class)
			.hasMessage("users.refused.lastAdmin");
		assertThatThrownBy(() -> this.admin.changeRole("root", root, Role.OPERATOR))
			.isInstanceOf(UserChangeRefused.class)
			.hasMessage("users.refused.lastAdmin");
		assertThat(user("root").enabledAdmin()).isTrue();
		verify(this.audit, never()).record(anyString(), org.mockito.ArgumentMatchers.eq("user.disable"), anyString(),
				anyString());

		// with a second enabled admin both become possible
		this.admin.changeRole("root", user("olga").id(), Role.ADMIN);
		this.admin.changeRole("olga", root, Role.VIEWER);
		assertThat(user("root").role()).isEqualTo(Role.VIEWER);
		verify(this.audit).record("olga", "user.role", "root", "ADMIN -> VIEWER");
		assertThatThrownBy(() -> this.admin.setEnabled("root", user("olga").id(), false))
			.as("olga is now the last enabled admin")
			.hasMessage("users.refused.lastAdmin");
	}

	@Test
	void aDisabledAdminDoesNotCountAsTheLastOne() {
		this.admin.create("root", "ada", Role.ADMIN, "ada-password-12");
		this.admin.setEnabled("root", user("ada").id(), false);
		assertThat(user("ada").enabled()).isFalse();
		assertThatThrownBy(() -> this.admin.setEnabled("olga", user("root").id(), false))
			.hasMessage("users.refused.lastAdmin");
		verify(this.audit).record("root", "user.disable", "ada", "");
	}

	@Test
	void nobodyDisablesThemselves() {
		this.admin.changeRole("root", user("olga").id(), Role.ADMIN);
		assertThatThrownBy(() -> this.admin.setEnabled("root", user("root").id(), false))
			.hasMessage("users.refused.disableSelf");
		assertThat(user("root").enabled()).isTrue();
	}

	@Test
	void disableEnableAndResetPasswordAreAudited() {
		long olga = user("olga").id();
		this.admin.setEnabled("root", olga, false);
		assertThat(user("olga").enabled()).isFalse();
		this.admin.setEnabled("root", olga, true);
		assertThat(user("olga").enabled()).isTrue();
		this.admin.resetPassword("root", olga, "brand new password");

		verify(this.audit).record("root", "user.disable", "olga", "");
		verify(this.audit).record("root", "user.enable", "olga", "");
		verify(this.audit).record("root", "user.password", "olga", "password reset by an admin");
		assertThatThrownBy(() -> this.admin.resetPassword("root", olga, "x".repeat(73)))
			.hasMessage("users.password.tooLong");
		assertThatThrownBy(() -> this.admin.setEnabled("root", 999, false)).hasMessage("users.notFound");
	}

	@Test
	void aPasswordResetARoleChangeAndADisableEachRaiseTheCredentialsVersion() {
		long olga = user("olga").id();
		assertThat(version("olga")).isZero();
		this.admin.resetPassword("root", olga, "brand new password");
		assertThat(version("olga")).isEqualTo(1);
		this.admin.changeRole("root", olga, Role.VIEWER);
		assertThat(version("olga")).isEqualTo(2);
		this.admin.setEnabled("root", olga, false);
		assertThat(version("olga")).isEqualTo(3);
		this.admin.changeRole("root", olga, Role.VIEWER);
		assertThat(version("olga")).as("no change, no new version").isEqualTo(3);
		assertThat(version("root")).as("other users keep theirs").isZero();
	}

	@Test
	void passwordPolicyCountsCharactersAndBytes() {
		assertThat(PasswordPolicy.problem("elevenchars")).isEqualTo("users.password.tooShort");
		assertThat(PasswordPolicy.problem("twelve chars")).isNull();
		assertThat(PasswordPolicy.problem("ä".repeat(36))).isNull(); // 72 bytes
		assertThat(PasswordPolicy.problem("ä".repeat(37))).isEqualTo("users.password.tooLong");
		assertThat(PasswordPolicy.problem(null)).isEqualTo("users.password.tooShort");
	}

	private int version(String name) {
		return this.jdbc.sql("SELECT CREDENTIALS_VERSION FROM FERRY_USER WHERE USERNAME = ?")
			.param(name)
			.query(Integer.class)
			.single();
	}

	private UserAccount user(String name) {
		return this.directory.list().stream().filter((u) -> u.username().equals(name)).findFirst().orElseThrow();
	}

}

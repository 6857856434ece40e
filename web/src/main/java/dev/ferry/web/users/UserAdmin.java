package dev.ferry.web.users;

import java.util.List;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ferry.audit.AuditLog;
import dev.ferry.web.security.Role;

/**
 * Changes to user accounts, each audited (never with a password). Guards: the last enabled ADMIN cannot be
 * disabled or demoted, and nobody disables themselves. Each change runs in one transaction that first locks the
 * enabled admins' rows, so concurrent changes cannot together remove the last one.
 */
@Service
class UserAdmin {

	private final UserDirectory users;

	private final PasswordEncoder encoder;

	private final AuditLog audit;

	UserAdmin(UserDirectory users, PasswordEncoder encoder, AuditLog audit) {
		this.users = users;
		this.encoder = encoder;
		this.audit = audit;
	}

	List<UserAccount> list() {
		return this.users.list();
	}

	/** Adds an enabled user; a taken name fails with {@link org.springframework.dao.DuplicateKeyException}. */
	@Transactional
	void create(String actor, String username, Role role, String password) {
		checkPassword(password);
		this.users.insert(username, this.encoder.encode(password), role);
		this.audit.record(actor, "user.create", username, "role=" + role);
	}

	@Transactional
	UserAccount setEnabled(String actor, long id, boolean enabled) {
		List<String> admins = this.users.lockEnabledAdmins();
		UserAccount user = find(id);
		if (!enabled) {
			if (user.username().equals(actor)) {
				throw new UserChangeRefused("users.refused.disableSelf");
			}
			if (user.enabledAdmin() && admins.size() <= 1) {
				throw new UserChangeRefused("users.refused.lastAdmin", user.username());
			}
		}
		if (user.enabled() != enabled) {
			this.audit.record(actor, enabled ? "user.enable" : "user.disable", user.username(), "");
			this.users.setEnabled(id, enabled);
		}
		return user;
	}

	@Transactional
	UserAccount changeRole(String actor, long id, Role role) {
		List<String> admins = this.users.lockEnabledAdmins();
		UserAccount user = find(id);
		if (user.enabledAdmin() && role != Role.ADMIN && admins.size() <= 1) {
			throw new UserChangeRefused("users.refused.lastAdmin", user.username());
		}
		if (user.role() != role) {
			this.audit.record(actor, "user.role", user.username(), user.role() + " -> " + role);
			this.users.setRole(id, role);
		}
		return user;
	}

	@Transactional
	UserAccount resetPassword(String actor, long id, String password) {
		checkPassword(password);
		UserAccount user = find(id);
		this.audit.record(actor, "user.password", user.username(), "password reset by an admin");
		this.users.setPasswordHash(id, this.encoder.encode(password));
		return user;
	}

	private UserAccount find(long id) {
		return this.users.find(id).orElseThrow(() -> new UserChangeRefused("users.notFound", id));
	}

	private static void checkPassword(String password) {
		String problem = PasswordPolicy.problem(password);
		if (problem != null) {
			throw new UserChangeRefused(problem, PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_BYTES);
		}
	}

}

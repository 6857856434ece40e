package dev.ferry.web.users;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.ferry.web.security.Role;

/** The "add user" form; the password is checked by {@link PasswordPolicy}. */
record NewUserForm(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]*") @Nullable String username,
		@NotNull @Nullable Role role, @Nullable String password) {

	static NewUserForm empty() {
		return new NewUserForm("", Role.VIEWER, "");
	}

}

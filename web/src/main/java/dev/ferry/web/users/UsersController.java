package dev.ferry.web.users;

import java.security.Principal;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ferry.web.console.ConsoleController;
import dev.ferry.web.security.Role;

/**
 * The users page. Adding a user re-renders the form with inline errors (422) or redirects with a flash; the row
 * actions always redirect back to the page with a flash saying what happened or why it was refused.
 */
@ConsoleController
class UsersController {

	static final String FORM = "newUser";

	static final int UNPROCESSABLE = 422;

	private final UserAdmin admin;

	private final MessageSource messages;

	UsersController(UserAdmin admin, MessageSource messages) {
		this.admin = admin;
		this.messages = messages;
	}

	@GetMapping("/users")
	String page(Model model) {
		model.addAttribute(FORM, NewUserForm.empty());
		fill(model);
		return "users/list";
	}

	@PostMapping("/users")
	String create(@Valid @ModelAttribute(FORM) @Nullable NewUserForm form, BindingResult result, Principal actor,
			Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes flash) {
		return created(bound(form, result, request, model), result, actor, model, response, flash) ? "redirect:/users"
				: "users/list";
	}

	@HxRequest
	@PostMapping("/users")
	String createFromFragment(@Valid @ModelAttribute(FORM) @Nullable NewUserForm form, BindingResult result,
			Principal actor, Model model, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes flash) {
		return created(bound(form, result, request, model), result, actor, model, response, flash)
				? "redirect:htmx:/users" : "users/list :: new-user";
	}

	/**
	 * The form as bound, or, when a value could not be converted ({@code role=GOD}) and so no form was built, the
	 * texts as sent with that field left empty; the conversion error stays on its field.
	 */
	private static NewUserForm bound(@Nullable NewUserForm form, BindingResult result, HttpServletRequest request,
			Model model) {
		if (form != null) {
			return form;
		}
		NewUserForm sent = new NewUserForm(request.getParameter("username"), null, request.getParameter("password"));
		model.addAttribute(FORM, sent);
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + FORM, result);
		return sent;
	}

	private boolean created(NewUserForm form, BindingResult result, Principal actor, Model model,
			HttpServletResponse response, RedirectAttributes flash) {
		String problem = PasswordPolicy.problem(form.password());
		if (problem != null && !result.hasFieldErrors("password")) {
			result.rejectValue("password", problem, new Object[] { PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_BYTES },
					null);
		}
		if (!result.hasErrors()) {
			try {
				this.admin.create(actor.getName(), form.username(), form.role(), form.password());
				flash.addFlashAttribute("flashSuccess", text("users.created", form.username(), form.role()));
				return true;
			}
			catch (DuplicateKeyException ex) {
				result.rejectValue("username", "users.exists");
			}
		}
		response.setStatus(UNPROCESSABLE);
		fill(model);
		return false;
	}

	@PostMapping("/users/{id}/disable")
	String disable(@PathVariable long id, Principal actor, RedirectAttributes flash,
			@RequestHeader(name = "HX-Request", required = false) boolean htmx) {
		return act(flash, htmx, () -> text("users.disabled", this.admin.setEnabled(actor.getName(), id, false).username()));
	}

	@PostMapping("/users/{id}/enable")
	String enable(@PathVariable long id, Principal actor, RedirectAttributes flash,
			@RequestHeader(name = "HX-Request", required = false) boolean htmx) {
		return act(flash, htmx, () -> text("users.enabled", this.admin.setEnabled(actor.getName(), id, true).username()));
	}

	@PostMapping("/users/{id}/role")
	String role(@PathVariable long id, @RequestParam Role role, Principal actor, RedirectAttributes flash,
			@RequestHeader(name = "HX-Request", required = false) boolean htmx) {
		return act(flash, htmx,
				() -> text("users.roleChanged", this.admin.changeRole(actor.getName(), id, role).username(), role));
	}

	@PostMapping("/users/{id}/password")
	String password(@PathVariable long id, @RequestParam String password, Principal actor, RedirectAttributes flash,
			@RequestHeader(name = "HX-Request", required = false) boolean htmx) {
		return act(flash, htmx,
				() -> text("users.passwordReset", this.admin.resetPassword(actor.getName(), id, password).username()));
	}

	private String act(RedirectAttributes flash, boolean htmx, java.util.function.Supplier<String> change) {
		try {
			flash.addFlashAttribute("flashSuccess", change.get());
		}
		catch (UserChangeRefused refused) {
			flash.addFlashAttribute("flashError", text(refused.messageKey(), refused.arguments()));
		}
		return htmx ? "redirect:htmx:/users" : "redirect:/users";
	}

	private void fill(Model model) {
		model.addAttribute("users", this.admin.list());
		model.addAttribute("roles", Role.values());
		model.addAttribute("minPasswordLength", PasswordPolicy.MIN_LENGTH);
	}

	private String text(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

}

package dev.ferry.web.tokens;

import java.security.Principal;
import java.time.LocalDateTime;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ferry.web.console.ConsoleController;

/**
 * The logged-in user's own API tokens. A new token is shown once, in the answer to the POST that created it (not
 * through a redirect, so it never sits in the session); the list shows only the first characters.
 */
@ConsoleController
class TokensController {

	static final String FORM = "newToken";

	static final int UNPROCESSABLE = 422;

	private final ApiTokens tokens;

	private final MessageSource messages;

	TokensController(ApiTokens tokens, MessageSource messages) {
		this.tokens = tokens;
		this.messages = messages;
	}

	@GetMapping("/tokens")
	String page(Principal user, Model model) {
		model.addAttribute(FORM, NewTokenForm.empty());
		fill(user, model);
		return "tokens/list";
	}

	@PostMapping("/tokens")
	String create(@Valid @ModelAttribute(FORM) @Nullable NewTokenForm form, BindingResult result, Principal user,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		createToken(bound(form, result, request, model), result, user, model, response);
		return "tokens/list";
	}

	@HxRequest
	@PostMapping("/tokens")
	String createFragment(@Valid @ModelAttribute(FORM) @Nullable NewTokenForm form, BindingResult result,
			Principal user, Model model, HttpServletRequest request, HttpServletResponse response) {
		createToken(bound(form, result, request, model), result, user, model, response);
		return "tokens/list :: tokens";
	}

	/**
	 * The form as bound, or, when the lifetime could not be converted ({@code expiresInDays=abc}) and so no form was
	 * built, the name as sent and the default lifetime; the conversion error stays on its field.
	 */
	private static NewTokenForm bound(@Nullable NewTokenForm form, BindingResult result, HttpServletRequest request,
			Model model) {
		if (form != null) {
			return form;
		}
		NewTokenForm sent = new NewTokenForm(request.getParameter("name"), NewTokenForm.empty().expiresInDays());
		model.addAttribute(FORM, sent);
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + FORM, result);
		return sent;
	}

	private void createToken(NewTokenForm form, BindingResult result, Principal user, Model model,
			HttpServletResponse response) {
		if (!form.lifetimeOffered()) {
			result.rejectValue("expiresInDays", "tokens.expires.invalid");
		}
		if (result.hasErrors()) {
			response.setStatus(UNPROCESSABLE);
		}
		else {
			ApiTokens.Created created = this.tokens.create(user.getName(), form.name().strip(), form.lifetime());
			model.addAttribute("created", created);
			model.addAttribute(FORM, NewTokenForm.empty());
		}
		fill(user, model);
	}

	@PostMapping("/tokens/{id}/revoke")
	String revoke(@PathVariable long id, Principal user, RedirectAttributes flash,
			@RequestHeader(name = "HX-Request", required = false) boolean htmx) {
		if (this.tokens.revoke(user.getName(), id)) {
			flash.addFlashAttribute("flashSuccess", text("tokens.revoked"));
		}
		else {
			flash.addFlashAttribute("flashError", text("tokens.notFound"));
		}
		return htmx ? "redirect:htmx:/tokens" : "redirect:/tokens";
	}

	private void fill(Principal user, Model model) {
		model.addAttribute("tokens", this.tokens.list(user.getName()));
		model.addAttribute("lifetimes", NewTokenForm.LIFETIMES);
		model.addAttribute("now", LocalDateTime.now());
	}

	private String text(String key) {
		return this.messages.getMessage(key, null, LocaleContextHolder.getLocale());
	}

}

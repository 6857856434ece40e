package dev.ferry.web.settings;

import java.util.EnumMap;
import java.util.Map;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ferry.audit.AuditLog;
import dev.ferry.config.FerryProperties;
import dev.ferry.config.Setting;
import dev.ferry.config.SettingsService;
import dev.ferry.web.console.ConsoleController;

/**
 * {@code /settings} (ADMIN): the editable settings with where each value comes from, a live check of each tool and
 * root while it is typed ({@code GET /settings/check/{setting}}, htmx), and the limits that only a restart changes.
 * A save stores only the values that differ from the defaults and applies to transfers started from then on.
 */
@ConsoleController
class SettingsController {

	private final SettingsService settings;

	private final HealthChecks checks;

	private final AuditLog audit;

	SettingsController(SettingsService settings, HealthChecks checks, AuditLog audit) {
		this.settings = settings;
		this.checks = checks;
		this.audit = audit;
	}

	@GetMapping("/settings")
	String page(Model model) {
		model.addAttribute("form", SettingsForm.of(this.settings.current()));
		return show(model);
	}

	@PostMapping("/settings")
	String save(@ModelAttribute("form") SettingsForm form, BindingResult result,
			@RequestParam(name = "reset", required = false) @Nullable Setting reset, Model model,
			HttpServletResponse response, RedirectAttributes redirect, java.security.Principal user) {
		if (reset != null) {
			form.getValues().put(reset.field(), this.settings.defaultText(reset));
		}
		FerryProperties before = this.settings.current();
		Map<Setting, String> valid = SettingsValidator.validate(form, SettingsForm.of(before), result);
		if (result.hasErrors()) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return show(model);
		}
		Map<Setting, String> changed = new EnumMap<>(Setting.class);
		valid.forEach((setting, value) -> {
			if (!value.equals(SettingsForm.of(before).value(setting))) {
				changed.put(setting, value);
			}
		});
		if (!changed.isEmpty()) {
			this.audit.record(user.getName(), "settings.update", "settings", changed.toString());
			this.settings.save(changed);
		}
		redirect.addFlashAttribute("flashSuccess",
				changed.isEmpty() ? "Nothing changed." : "Saved: " + String.join(", ", changed.keySet().stream()
					.map(Setting::key)
					.toList()) + ". It applies to transfers started from now on.");
		return "redirect:/settings";
	}

	/** The live check of one value as it is typed: a tool's version or a root's state. */
	@HxRequest
	@GetMapping("/settings/check/{setting}")
	String check(@PathVariable("setting") Setting which, HttpServletRequest request, Model model) {
		String value = request.getParameter("values[" + which.field() + "]");
		model.addAttribute("setting", which);
		model.addAttribute("result", HealthChecks.check(which, value == null ? "" : value));
		return "settings/page :: check";
	}

	private String show(Model model) {
		Map<Setting, String> stored = this.settings.stored();
		Map<Setting, String> defaults = new EnumMap<>(Setting.class);
		for (Setting setting : Setting.values()) {
			defaults.put(setting, this.settings.defaultText(setting));
		}
		Map<Setting, Object> results = new EnumMap<>(Setting.class);
		this.checks.tools().forEach(results::put);
		this.checks.storage().forEach(results::put);
		model.addAttribute("settings", Setting.values());
		model.addAttribute("stored", stored);
		model.addAttribute("defaults", defaults);
		model.addAttribute("results", results);
		model.addAttribute("fixed", this.settings.defaults());
		model.addAttribute("stagingDir",
				this.settings.defaults().importRoot().toAbsolutePath().normalize().resolve("uploads").toString());
		return "settings/page";
	}

}

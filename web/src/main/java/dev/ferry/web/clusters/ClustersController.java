package dev.ferry.web.clusters;

import java.security.Principal;
import java.util.List;
import java.util.Set;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterService;
import dev.ferry.cluster.ConnectionCheck;
import dev.ferry.error.FerryException;
import dev.ferry.web.console.ConsoleController;

/**
 * {@code /clusters}: every registered cluster (VIEWER and up); register, edit, delete and test the connection
 * (ADMIN: testing connects with the stored password). The connection test answers an htmx fragment in the row.
 */
@ConsoleController
class ClustersController {

	private static final Set<String> FIELDS = Set.of("name", "kind", "host", "port", "statusPort", "pdAddress", "user",
			"password");

	private final ClusterService clusters;

	ClustersController(ClusterService clusters) {
		this.clusters = clusters;
	}

	@InitBinder("form")
	void binder(WebDataBinder binder) {
		binder.setDisallowedFields("id", "clusterId");
	}

	@GetMapping("/clusters")
	String list(Model model) {
		model.addAttribute("clusters", this.clusters.list());
		return "clusters/list";
	}

	@GetMapping("/clusters/new")
	String create(Model model) {
		model.addAttribute("form", new ClusterForm());
		return "clusters/form";
	}

	@PostMapping("/clusters")
	String register(@ModelAttribute("form") ClusterForm form, BindingResult result, Model model,
			HttpServletResponse response, RedirectAttributes redirect, Principal principal) {
		if (!result.hasErrors()) {
			try {
				Cluster cluster = this.clusters.create(form.toDraft(false), principal.getName());
				redirect.addFlashAttribute("flashSuccess", "Cluster " + cluster.name() + " registered.");
				return "redirect:/clusters";
			}
			catch (FerryException ex) {
				reject(ex, result);
			}
		}
		return refused(form, response);
	}

	@GetMapping("/clusters/{clusterId}/edit")
	String edit(@PathVariable String clusterId, Model model) {
		Cluster cluster = this.clusters.get(clusterId);
		model.addAttribute("cluster", cluster);
		model.addAttribute("form", ClusterForm.of(cluster));
		return "clusters/form";
	}

	@PostMapping("/clusters/{clusterId}")
	String update(@PathVariable String clusterId, @ModelAttribute("form") ClusterForm form, BindingResult result,
			Model model, HttpServletResponse response, RedirectAttributes redirect, Principal principal) {
		Cluster existing = this.clusters.get(clusterId);
		model.addAttribute("cluster", existing);
		if (!result.hasErrors()) {
			try {
				Cluster cluster = this.clusters.update(clusterId, form.toDraft(true), principal.getName());
				redirect.addFlashAttribute("flashSuccess", "Cluster " + cluster.name() + " saved.");
				return "redirect:/clusters";
			}
			catch (FerryException ex) {
				reject(ex, result);
			}
		}
		return refused(form, response);
	}

	@PostMapping("/clusters/{clusterId}/delete")
	String delete(@PathVariable String clusterId, RedirectAttributes redirect, Principal principal) {
		redirect.addFlashAttribute("flashSuccess", deleteChecked(clusterId, principal));
		return "redirect:/clusters";
	}

	/**
	 * The htmx delete: {@code HX-Redirect} to the list, the flash saved for it (a view resolver's
	 * {@code redirect:htmx:} would be taken by Thymeleaf's resolver, which orders first, as a plain 302).
	 */
	@HxRequest
	@PostMapping("/clusters/{clusterId}/delete")
	ResponseEntity<Void> deleteHtmx(@PathVariable String clusterId, HttpServletRequest request,
			HttpServletResponse response, Principal principal) {
		String message = deleteChecked(clusterId, principal);
		FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
		flash.put("flashSuccess", message);
		RequestContextUtils.saveOutputFlashMap("/clusters", request, response);
		return ResponseEntity.noContent().header("HX-Redirect", request.getContextPath() + "/clusters").build();
	}

	/** Deletes the cluster (refused while it is in use); answers the flash message. */
	private String deleteChecked(String clusterId, Principal principal) {
		Cluster cluster = this.clusters.get(clusterId);
		this.clusters.delete(clusterId, principal.getName());
		return "Cluster " + cluster.name() + " deleted.";
	}

	@HxRequest
	@PostMapping("/clusters/{clusterId}/test")
	String test(@PathVariable String clusterId, Model model) {
		model.addAttribute("check", this.clusters.testConnection(clusterId));
		return "clusters/list :: check";
	}

	/** Without htmx: the result as a flash on the list. */
	@PostMapping("/clusters/{clusterId}/test")
	String testPage(@PathVariable String clusterId, RedirectAttributes redirect) {
		Cluster cluster = this.clusters.get(clusterId);
		ConnectionCheck check = this.clusters.testConnection(clusterId);
		redirect.addFlashAttribute(check.connected() ? "flashSuccess" : "flashError", cluster.name() + ": "
				+ (check.connected() ? "connected, server version " + check.version() : check.error()));
		return "redirect:/clusters";
	}

	private static String refused(ClusterForm form, HttpServletResponse response) {
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		form.forgetPassword();
		return "clusters/form";
	}

	/** ClusterValidator names every problem in one message ("invalid cluster: a; b"): each goes to its field. */
	static void reject(FerryException ex, BindingResult result) {
		String message = ex.getMessage() == null ? "" : ex.getMessage();
		if (message.startsWith("a cluster named")) {
			result.rejectValue("name", "engine", message);
			return;
		}
		if (!message.startsWith("invalid cluster: ")) {
			result.reject("engine", message);
			return;
		}
		for (String problem : List.of(message.substring("invalid cluster: ".length()).split("; "))) {
			String field = problem.split("[ ']", 2)[0];
			if (FIELDS.contains(field)) {
				result.rejectValue(field, "engine", problem);
			}
			else {
				result.reject("engine", problem);
			}
		}
	}

}

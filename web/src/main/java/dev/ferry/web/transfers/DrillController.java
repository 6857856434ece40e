package dev.ferry.web.transfers;

import java.security.Principal;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ferry.transfer.DrillRequest;
import dev.ferry.transfer.RestoreDrills;
import dev.ferry.transfer.TransferStarted;

/** "Drill now" on an export's page: a restore drill into the chosen cluster; back to the export, which shows it. */
@Controller
class DrillController {

	private final RestoreDrills drills;

	private final MessageSource messages;

	DrillController(RestoreDrills drills, MessageSource messages) {
		this.drills = drills;
		this.messages = messages;
	}

	@PostMapping("/transfers/{recordId}/drill")
	String drill(@PathVariable String recordId, @RequestParam(required = false) String clusterId,
			@RequestParam(defaultValue = "false") boolean dropAfterwards, Principal user, RedirectAttributes flash) {
		TransferStarted started = this.drills.drill(recordId, new DrillRequest(clusterId, dropAfterwards),
				user.getName());
		flash.addFlashAttribute("flashSuccess", this.messages.getMessage("action.drilled",
				new Object[] { recordId, started.recordId() }, LocaleContextHolder.getLocale()));
		return "redirect:/transfers/" + recordId;
	}

}

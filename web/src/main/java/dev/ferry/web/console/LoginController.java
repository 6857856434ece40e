package dev.ferry.web.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page; Spring Security handles the POST. After a failed login it says whether the attempt was throttled
 * (too many failures) or simply wrong, never whether the user name exists.
 */
@Controller
class LoginController {

	@GetMapping("/login")
	String login(HttpServletRequest request, Model model) {
		HttpSession session = request.getSession(false);
		Object failure = (session != null) ? session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) : null;
		model.addAttribute("locked", failure instanceof LockedException);
		return "login";
	}

}

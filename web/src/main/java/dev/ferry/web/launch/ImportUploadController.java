package dev.ferry.web.launch;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;

import dev.ferry.error.FerryException;
import dev.ferry.upload.StagedUpload;
import dev.ferry.web.console.ConsoleController;
import dev.ferry.web.upload.MultipartUploadReceiver;

/**
 * {@code POST /transfers/import/upload}: the import form's upload, sent by the browser as a multipart XHR (with the
 * CSRF header, so that its progress can be shown and cancelled) and streamed to the same staging store as the API's
 * upload. Answers an HTML fragment for the form: the upload id as a hidden field plus a summary, or the refusal.
 */
@ConsoleController
class ImportUploadController {

	private final MultipartUploadReceiver receiver;

	ImportUploadController(MultipartUploadReceiver receiver) {
		this.receiver = receiver;
	}

	@PostMapping("/transfers/import/upload")
	String upload(HttpServletRequest request, HttpServletResponse response, Model model) {
		try {
			StagedUpload staged = this.receiver.receive(request);
			model.addAttribute("upload", staged);
			return ImportFormController.VIEW + " :: uploaded";
		}
		catch (FerryException ex) {
			response.setStatus(ex.errorCode().httpStatus());
			model.addAttribute("message", ex.getMessage());
			return ImportFormController.VIEW + " :: uploadRefused";
		}
	}

}

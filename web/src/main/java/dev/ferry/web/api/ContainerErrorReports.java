package dev.ferry.web.api;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import dev.ferry.error.ErrorCode;

/**
 * Errors that Tomcat answers itself, before any servlet runs — a request whose headers exceed
 * {@code server.max-http-request-header-size}, a malformed request line: {@code /api/**} gets the API's envelope,
 * everything else a plain HTML page (instead of Tomcat's report page). The valve replaces Tomcat's
 * {@link ErrorReportValve} on the host.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorReports {

	@Bean
	TomcatContextCustomizer envelopeErrorReports() {
		return (context) -> {
			Container host = context.getParent();
			host.addLifecycleListener((event) -> {
				if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
					for (Valve valve : host.getPipeline().getValves()) {
						if (valve instanceof ErrorReportValve) {
							host.getPipeline().removeValve(valve);
						}
					}
					if (host instanceof StandardHost standard) {
						standard.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
					}
					host.getPipeline().addValve(new EnvelopeErrorReportValve());
				}
			});
		};
	}

	/** Writes the container's own error answers: the envelope for the API, a plain page otherwise. */
	static class EnvelopeErrorReportValve extends ErrorReportValve {

		@Override
		protected void report(Request request, Response response, @Nullable Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			AtomicBoolean ioAllowed = new AtomicBoolean();
			response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
			if (!ioAllowed.get()) {
				return;
			}
			String uri = request.getRequestURI();
			boolean api = uri != null && uri.startsWith("/api/");
			try {
				response.setContentType(api ? "application/json" : "text/html");
				response.setCharacterEncoding("UTF-8");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(api ? json(status) : html(status));
				}
				response.finishResponse();
			}
			catch (IOException | IllegalStateException ex) {
				// the client is gone or the response was already committed: nothing more to say
			}
		}

		static String json(int status) {
			int code = (status < 500) ? ErrorCode.PARAMETER_INVALID.code() : ApiResponse.INTERNAL_ERROR;
			return "{\"code\":" + code + ",\"message\":\"" + message(status) + "\"}";
		}

		static String html(int status) {
			return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status
					+ " – Ferry</title></head><body><h1>" + reason(status) + "</h1><p>" + message(status)
					+ "</p><p><a href=\"/\">Back to Ferry</a></p></body></html>";
		}

		/** A constant per status: nothing of the request is echoed. */
		private static String message(int status) {
			if (status == 400) {
				return "HTTP 400 Bad Request: the request could not be read (a malformed request line, or headers "
						+ "larger than the server accepts)";
			}
			return "HTTP " + status + " " + reason(status);
		}

		private static String reason(int status) {
			HttpStatus known = HttpStatus.resolve(status);
			return (known != null) ? known.getReasonPhrase() : "Error";
		}

	}

}

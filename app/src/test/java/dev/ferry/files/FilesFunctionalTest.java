package dev.ferry.files;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.ferry.support.FunctionalTest;

/**
 * The full-stack base with Spring's multipart resolver off (uploads are streamed by Ferry itself) and upload limits low
 * enough to hit over HTTP: 512 KiB per upload, 2 uploads at once. These properties make its application context a
 * different one from the plain {@link FunctionalTest}'s (same repository database and home).
 */
abstract class FilesFunctionalTest extends FunctionalTest {

	static final long MAX_UPLOAD_BYTES = 512 * 1024;

	static final int MAX_UPLOADS = 2;

	@DynamicPropertySource
	static void fileLimits(DynamicPropertyRegistry registry) {
		registry.add("spring.servlet.multipart.enabled", () -> "false");
		registry.add("ferry.files.max-upload-bytes", () -> Long.toString(MAX_UPLOAD_BYTES));
		registry.add("ferry.files.max-concurrent-uploads", () -> Integer.toString(MAX_UPLOADS));
	}

	static String basicAuthorization() {
		return "Basic " + Base64.getEncoder()
			.encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

}

package dev.ferry.web.console;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The console's error handling alone, for console {@code @WebMvcTest}s that bring their own security configuration
 * ({@link dev.ferry.web.security.ConsoleSecurityTestConfiguration}).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ConsoleExceptionHandler.class)
public class ConsoleErrorHandling {

}

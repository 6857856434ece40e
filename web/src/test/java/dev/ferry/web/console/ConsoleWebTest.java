package dev.ferry.web.console;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import dev.ferry.web.security.ConsoleSecurity;

/**
 * What a console {@code @WebMvcTest} needs besides its controller: the console's error handling, the {@code @fmt}
 * helper the templates call, and the real security rules.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ ConsoleExceptionHandler.class, ConsoleFormat.class, ConsoleSecurity.class })
public class ConsoleWebTest {

}

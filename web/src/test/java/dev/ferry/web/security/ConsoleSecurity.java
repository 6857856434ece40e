package dev.ferry.web.security;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** The real security rules (both filter chains) for console {@code @WebMvcTest}s in other packages. */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
public class ConsoleSecurity {

}

package dev.ferry.web.security;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** Ferry's real filter chains and role rules, for console slice tests in other packages. */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
public class ConsoleSecurity {

}

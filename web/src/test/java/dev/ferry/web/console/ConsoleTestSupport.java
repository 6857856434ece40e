package dev.ferry.web.console;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** The console's shared web parts (error handling), for slice tests of console controllers in other packages. */
@TestConfiguration(proxyBeanMethods = false)
@Import({ ConsoleExceptionHandler.class, ConsoleConfiguration.class })
public class ConsoleTestSupport {

}

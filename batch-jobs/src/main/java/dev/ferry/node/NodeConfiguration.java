package dev.ferry.node;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The node's loops ({@link NodeMonitor}) run on Spring's task scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NodeConfiguration {

}

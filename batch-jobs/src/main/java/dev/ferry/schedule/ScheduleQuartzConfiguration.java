package dev.ferry.schedule;

import java.util.Properties;

import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.ferry.node.LocalNode;

/**
 * Quartz runs clustered on the JDBC job store (settings under {@code spring.quartz} in {@code application.yml}); its
 * instance id is the Ferry node id, so Quartz's cluster view and Ferry's agree on who is who.
 */
@Configuration(proxyBeanMethods = false)
class ScheduleQuartzConfiguration {

	@Bean
	SchedulerFactoryBeanCustomizer ferryQuartzInstanceId(QuartzProperties quartz, LocalNode node) {
		return (factory) -> {
			Properties properties = new Properties();
			properties.putAll(quartz.getProperties());
			properties.setProperty("org.quartz.scheduler.instanceId", node.id());
			factory.setQuartzProperties(properties);
		};
	}

}

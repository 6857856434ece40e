package dev.ferry.transfer;

import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.ferry.config.FerryProperties;

/**
 * How the job repository runs transfers. Execution contexts are stored as JSON (readable by operators, and checked
 * by tests for leaked secrets) rather than base64 Java serialization.
 * <p>
 * The executor the {@code JobOperator} launches transfers on: at most {@code ferry.max-concurrent-transfers} run at
 * once; later launches wait in its queue (their executions stay STARTING until a thread is free).
 */
@Configuration(proxyBeanMethods = false)
class TransferBatchConfiguration {

	@Bean
	@BatchTaskExecutor
	ThreadPoolTaskExecutor transferExecutor(FerryProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("transfer-");
		executor.setCorePoolSize(properties.maxConcurrentTransfers());
		executor.setMaxPoolSize(properties.maxConcurrentTransfers());
		executor.setWaitForTasksToCompleteOnShutdown(false);
		return executor;
	}

	@Bean
	ExecutionContextSerializer executionContextSerializer() {
		return new JacksonExecutionContextStringSerializer();
	}

}

package dev.ferry.transfer;

import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/** The transfer executor resized on a real ThreadPoolTaskExecutor, both ways (the pool refuses core > max). */
class TransferCapacityTests {

	@Test
	void growsAndShrinksTheRunningExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(4);
		executor.setMaxPoolSize(4);
		executor.initialize();
		try {
			TransferCapacity capacity = new TransferCapacity(executor, null);
			capacity.resize(10);
			assertThat(executor.getThreadPoolExecutor().getMaximumPoolSize()).isEqualTo(10);
			assertThat(executor.getThreadPoolExecutor().getCorePoolSize()).isEqualTo(10);
			capacity.resize(2);
			assertThat(executor.getThreadPoolExecutor().getCorePoolSize()).isEqualTo(2);
			assertThat(executor.getThreadPoolExecutor().getMaximumPoolSize()).isEqualTo(2);
		}
		finally {
			executor.shutdown();
		}
	}

}

package dev.ferry.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * API calls all released at the same moment, each on its own client; prints how fast they were answered and with
 * which statuses.
 */
public final class SimultaneousCalls {

	private SimultaneousCalls() {
	}

	/** The replies of {@code n} calls, in call order; call {@code i} is {@code call.apply(i)}. */
	public static List<FerryClient.Reply> run(String label, int n, Supplier<FerryClient> clients,
			IntFunction<Function<FerryClient, FerryClient.Reply>> call) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			List<Future<FerryClient.Reply>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				FerryClient client = clients.get();
				Function<FerryClient, FerryClient.Reply> one = call.apply(i);
				futures.add(pool.submit(() -> {
					start.await();
					return one.apply(client);
				}));
			}
			long t0 = System.nanoTime();
			start.countDown();
			List<FerryClient.Reply> replies = new ArrayList<>();
			for (Future<FerryClient.Reply> future : futures) {
				replies.add(future.get());
			}
			System.out.printf("[%s] %d simultaneous calls answered in %d ms: %s%n", label, n,
					(System.nanoTime() - t0) / 1_000_000, replies.stream().map(FerryClient.Reply::status).toList());
			return replies;
		}
		finally {
			pool.shutdown();
		}
	}

}

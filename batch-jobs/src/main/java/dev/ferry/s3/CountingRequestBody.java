package dev.ferry.s3;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;

/** A request body that counts the bytes handed to the HTTP client (the latest attempt's), for progress. */
final class CountingRequestBody implements AsyncRequestBody {

	private final AsyncRequestBody delegate;

	private final AtomicLong transferred = new AtomicLong();

	CountingRequestBody(AsyncRequestBody delegate) {
		this.delegate = delegate;
	}

	long transferred() {
		return this.transferred.get();
	}

	@Override
	public Optional<Long> contentLength() {
		return this.delegate.contentLength();
	}

	@Override
	public String contentType() {
		return this.delegate.contentType();
	}

	@Override
	public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
		this.transferred.set(0); // a retry starts again
		this.delegate.subscribe(new Subscriber<ByteBuffer>() {

			@Override
			public void onSubscribe(Subscription subscription) {
				subscriber.onSubscribe(subscription);
			}

			@Override
			public void onNext(ByteBuffer buffer) {
				CountingRequestBody.this.transferred.addAndGet(buffer.remaining());
				subscriber.onNext(buffer);
			}

			@Override
			public void onError(Throwable failure) {
				subscriber.onError(failure);
			}

			@Override
			public void onComplete() {
				subscriber.onComplete();
			}

		});
	}

}

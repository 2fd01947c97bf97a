package org.acai.sdk.transfer;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/** A request body that reports each chunk's size as the HTTP client takes it. */
final class CountingPublisher implements HttpRequest.BodyPublisher {
  private final HttpRequest.BodyPublisher delegate;
  private final LongConsumer counter;

  CountingPublisher(HttpRequest.BodyPublisher delegate, LongConsumer counter) {
    this.delegate = delegate;
    this.counter = counter;
  }

  @Override
  public long contentLength() {
    return delegate.contentLength();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    delegate.subscribe(
        new Flow.Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscriber.onSubscribe(subscription);
          }

          @Override
          public void onNext(ByteBuffer item) {
            counter.accept(item.remaining());
            subscriber.onNext(item);
          }

          @Override
          public void onError(Throwable throwable) {
            subscriber.onError(throwable);
          }

          @Override
          public void onComplete() {
            subscriber.onComplete();
          }
        });
  }
}

package org.acai.sdk.transfer;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/** A response body subscriber that reports the size of each chunk before passing it on. */
final class CountingSubscriber<T> implements HttpResponse.BodySubscriber<T> {
  private final HttpResponse.BodySubscriber<T> delegate;
  private final LongConsumer counter;

  CountingSubscriber(HttpResponse.BodySubscriber<T> delegate, LongConsumer counter) {
    this.delegate = delegate;
    this.counter = counter;
  }

  @Override
  public CompletionStage<T> getBody() {
    return delegate.getBody();
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    delegate.onSubscribe(subscription);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    long size = 0;
    for (ByteBuffer buffer : item) {
      size += buffer.remaining();
    }
    counter.accept(size);
    delegate.onNext(item);
  }

  @Override
  public void onError(Throwable throwable) {
    delegate.onError(throwable);
  }

  @Override
  public void onComplete() {
    delegate.onComplete();
  }
}

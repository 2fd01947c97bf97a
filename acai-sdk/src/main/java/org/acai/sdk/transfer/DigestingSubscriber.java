package org.acai.sdk.transfer;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * A response body subscriber that hashes each chunk and reports its size before passing it on, so
 * that a download is hashed while it arrives instead of in a second pass over the file.
 */
final class DigestingSubscriber<T> implements HttpResponse.BodySubscriber<T> {
  private final HttpResponse.BodySubscriber<T> delegate;
  private final MessageDigest digest;
  private final LongConsumer counter;

  DigestingSubscriber(
      HttpResponse.BodySubscriber<T> delegate, MessageDigest digest, LongConsumer counter) {
    this.delegate = delegate;
    this.digest = digest;
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
      digest.update(buffer.duplicate());
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

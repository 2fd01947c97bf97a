package org.acai.sdk.transfer;

/** A failed attempt worth repeating: a 5xx answer, or bytes that arrived damaged. */
final class TransientFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TransientFailure(String message) {
    super(message);
  }
}

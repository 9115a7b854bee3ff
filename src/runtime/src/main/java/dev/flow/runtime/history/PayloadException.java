package dev.flow.runtime.history;

/** A value read back from a store does not fit the type its step declares (the model changed, or the store is damaged). */
public final class PayloadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PayloadException(String message) {
    super(message);
  }

  public PayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.flow.runtime.store;

/** A store cannot do what was asked (a disk error, a damaged file, a locked directory), in words. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

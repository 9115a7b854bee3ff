package dev.flow.runtime;

/**
 * A replay asked for a different step than the history recorded at that point: the workflow
 * changed under a running instance (deploy a new version instead), or its code is not
 * deterministic. The instance stops as failed with this message.
 */
public final class NonDeterminismException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NonDeterminismException(String message) {
    super(message);
  }
}

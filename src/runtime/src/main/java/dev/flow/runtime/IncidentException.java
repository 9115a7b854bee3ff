package dev.flow.runtime;

/**
 * A request about an incident was refused (no such incident, already resolved, no operator named).
 * Nothing changed.
 */
public class IncidentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IncidentException(String message) {
    super(message);
  }
}

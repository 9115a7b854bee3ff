package dev.flow.runtime;

/**
 * A request to the task inbox was refused (unknown task, not allowed, already done, a bad form).
 * Nothing changed.
 */
public class TaskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TaskException(String message) {
    super(message);
  }
}

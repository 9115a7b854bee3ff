package dev.flow.runtime;

import java.util.ArrayList;
import java.util.List;

/** A form was rejected: nothing changed. The message lists every problem. */
public final class FormException extends TaskException {
  private static final long serialVersionUID = 1L;

  private final ArrayList<String> problems;

  public FormException(List<String> problems) {
    super("the form was rejected: " + String.join("; ", problems));
    this.problems = new ArrayList<>(problems);
  }

  /** Each problem, one per field. */
  public List<String> problems() {
    return List.copyOf(problems);
  }
}

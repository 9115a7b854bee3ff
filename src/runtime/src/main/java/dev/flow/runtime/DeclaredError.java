package dev.flow.runtime;

/**
 * A business outcome a connector ends an action with, declared by the action
 * ({@code action charge(…): Text fails CardDeclined}): not a technical failure, so the engine
 * does not retry it; the step fails at once with the error's value, which a
 * {@code catch declined: CardDeclined} of the workflow receives. The compiler generates one
 * subclass per {@code error} declaration ({@code CardDeclinedException}); a connector throws
 * that. An error the action does not declare is a technical failure like any other exception.
 */
public abstract class DeclaredError extends Exception {
  private static final long serialVersionUID = 1L;

  /** The error's value: the generated record of its {@code error} declaration. Not serialized with the exception. */
  private final transient Record error;

  protected DeclaredError(Record error) {
    super(describe(error), null, false, false);
    this.error = error;
  }

  /** The error's value. */
  public Record error() {
    return error;
  }

  private static String describe(Record error) {
    if (error == null) {
      throw new NullPointerException("error");
    }
    return Expressions.text(error);
  }
}

package dev.flow.runtime;

/**
 * What a connector may ask about the call it is serving, through {@link #current()}: above all
 * the idempotency key, the same for every attempt of one step occurrence, so that a connector
 * can make a retried call harmless.
 *
 * @param instanceId the instance
 * @param workflow its workflow's qualified name
 * @param step the step's name
 * @param attempt the attempt, from 1
 * @param idempotencyKey instance id and step occurrence
 */
public record ActionContext(String instanceId, String workflow, String step, long attempt, String idempotencyKey) {
  private static final ThreadLocal<ActionContext> CURRENT = new ThreadLocal<>();

  /**
   * The call being served on this thread.
   *
   * @throws IllegalStateException outside a connector call made by the engine
   */
  public static ActionContext current() {
    ActionContext context = CURRENT.get();
    if (context == null) {
      throw new IllegalStateException("ActionContext.current() is only available inside a connector call made by the engine");
    }
    return context;
  }

  /**
   * Makes {@code context} the current call's on this thread (the engine does this around each
   * connector call); returns the one it replaces, to be put back after.
   */
  public static ActionContext swap(ActionContext context) {
    ActionContext previous = CURRENT.get();
    // set(null), not remove(): removing makes the thread's map clean up its slots on every call.
    CURRENT.set(context);
    return previous;
  }
}

package dev.flow.runtime;

import java.util.Objects;

/**
 * What a connector may ask about the call it is serving, through {@link #current()}: above all
 * the idempotency key, the same for every attempt of one step occurrence, so that a connector
 * can make a retried call harmless.
 *
 * <p>An immutable value (equal when its five parts are). The engine makes one only when a
 * connector asks for it ({@link #current()}), once per attempt, and joins the idempotency key's
 * text only when the connector asks for that.
 */
public final class ActionContext {
  private final String instanceId;
  private final String workflow;
  private final String step;
  private final long attempt;
  /** The step occurrence, when the key is still to be made from it. */
  private final String occurrence;
  private String idempotencyKey;

  /**
   * @param instanceId the instance
   * @param workflow its workflow's qualified name
   * @param step the step's name
   * @param attempt the attempt, from 1
   * @param idempotencyKey instance id and step occurrence
   */
  public ActionContext(String instanceId, String workflow, String step, long attempt, String idempotencyKey) {
    this(instanceId, workflow, step, attempt, idempotencyKey, null);
  }

  private ActionContext(String instanceId, String workflow, String step, long attempt, String idempotencyKey,
      String occurrence) {
    this.instanceId = instanceId;
    this.workflow = workflow;
    this.step = step;
    this.attempt = attempt;
    this.idempotencyKey = idempotencyKey;
    this.occurrence = occurrence;
  }

  /**
   * The context of an attempt of a step occurrence: its idempotency key is
   * {@code instanceId + "/" + occurrence}.
   */
  public static ActionContext of(String instanceId, String workflow, String step, long attempt, String occurrence) {
    return new ActionContext(instanceId, workflow, step, attempt, null, occurrence);
  }

  /** The instance. */
  public String instanceId() {
    return instanceId;
  }

  /** Its workflow's qualified name. */
  public String workflow() {
    return workflow;
  }

  /** The step's name. */
  public String step() {
    return step;
  }

  /** The attempt, from 1. */
  public long attempt() {
    return attempt;
  }

  /** Instance id and step occurrence: the same for every attempt of one step occurrence, and after a restart. */
  public String idempotencyKey() {
    String key = idempotencyKey;
    if (key == null && occurrence != null) {
      key = instanceId + "/" + occurrence;
      idempotencyKey = key;
    }
    return key;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ActionContext that && attempt == that.attempt && Objects.equals(instanceId, that.instanceId)
        && Objects.equals(workflow, that.workflow) && Objects.equals(step, that.step)
        && Objects.equals(idempotencyKey(), that.idempotencyKey());
  }

  @Override
  public int hashCode() {
    return Objects.hash(instanceId, workflow, step, attempt, idempotencyKey());
  }

  @Override
  public String toString() {
    return "ActionContext[instanceId=" + instanceId + ", workflow=" + workflow + ", step=" + step + ", attempt=" + attempt
        + ", idempotencyKey=" + idempotencyKey() + "]";
  }

  /**
   * This thread's call: either one made by the engine with {@link #enter} (its context is made
   * only when the connector asks for it) or one set with {@link #swap}.
   */
  private static final ThreadLocal<Calls> CURRENT = ThreadLocal.withInitial(Calls::new);

  /**
   * A thread's current call, reused from call to call: a connector that never asks costs no object.
   * The engine holds it across one call ({@link #calls()}), so that entering and leaving the call
   * look the thread's slot up once, not twice.
   */
  public static final class Calls {
    /** Whether the parts below are the current call (set by {@link #enter}). */
    boolean entered;
    String instanceId;
    String workflow;
    String step;
    long attempt;
    String occurrence;
    /** The entered call's context, once made; or the context set by {@link #swap}. */
    ActionContext context;

    private Calls() {}

    /** Makes these parts the current call's ({@code entered}), or none of them, with {@code context} as it stands. */
    void set(boolean entered, String instanceId, String workflow, String step, long attempt, String occurrence,
        ActionContext context) {
      this.entered = entered;
      this.instanceId = instanceId;
      this.workflow = workflow;
      this.step = step;
      this.attempt = attempt;
      this.occurrence = occurrence;
      this.context = context;
    }

    /** As {@link ActionContext#enter}, on this thread's calls. */
    public ActionContext enter(String instanceId, String workflow, String step, long attempt, String occurrence) {
      ActionContext previous = context();
      set(true, instanceId, workflow, step, attempt, occurrence, null);
      return previous;
    }

    /** As {@link ActionContext#leave}, on this thread's calls. */
    public void leave(ActionContext previous) {
      set(false, null, null, null, 0, null, previous);
    }

    ActionContext context() {
      ActionContext made = context;
      if (made == null && entered) {
        made = of(instanceId, workflow, step, attempt, occurrence);
        context = made;
      }
      return made;
    }
  }

  /**
   * The call being served on this thread.
   *
   * @throws IllegalStateException outside a connector call made by the engine
   */
  public static ActionContext current() {
    ActionContext context = CURRENT.get().context();
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
    // Kept in the slot, not removed: removing makes the thread's map clean up its slots on every call.
    ActionContext previous = CURRENT.get().context();
    leave(context);
    return previous;
  }

  /**
   * Makes the attempt of a step occurrence the current call on this thread, as
   * {@code swap(ActionContext.of(…))} does, but its context is made only if the connector asks
   * for it; returns the call it replaces, to be put back after with {@link #leave}.
   */
  public static ActionContext enter(String instanceId, String workflow, String step, long attempt, String occurrence) {
    return CURRENT.get().enter(instanceId, workflow, step, attempt, occurrence);
  }

  /**
   * This thread's calls: what {@link #enter} and {@link #leave} use, for a caller (the engine) that
   * enters and leaves a call on one thread and would rather look the thread's slot up once.
   * Only for the thread that asked.
   */
  public static Calls calls() {
    return CURRENT.get();
  }

  /**
   * Ends the call {@link #enter} began and puts back the one it replaced ({@code previous}), as
   * {@link #swap} does, without making the ended call's context if no one asked for it.
   */
  public static void leave(ActionContext previous) {
    CURRENT.get().leave(previous);
  }
}

package dev.flow.runtime.replay;

import dev.flow.runtime.FlowError;
import dev.flow.runtime.NonDeterminismException;

/**
 * The exceptions the context uses to unwind a run. They carry no stack trace (they are control
 * flow, thrown often) and generated code never catches them.
 */
public final class Signals {
  private Signals() {}

  /** Base of the signals: no stack trace, no suppression. */
  public abstract static class Signal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Signal(String message) {
      super(message, null, false, false);
    }
  }

  /** The run must wait: something it needs has no outcome yet. */
  public static final class Suspend extends Signal {
    private static final long serialVersionUID = 1L;
    public static final Suspend INSTANCE = new Suspend();

    private Suspend() {
      super("the instance waits");
    }
  }

  /** A parked run is let go of (its instance left memory or ended otherwise): it unwinds and is not replayed from here. */
  public static final class Abandoned extends Signal {
    private static final long serialVersionUID = 1L;
    public static final Abandoned INSTANCE = new Abandoned();

    private Abandoned() {
      super("the run was let go of");
    }
  }

  /** The run must start again from the top (a {@code first} was decided in it). */
  public static final class Replay extends Signal {
    private static final long serialVersionUID = 1L;
    static final Replay INSTANCE = new Replay();

    private Replay() {
      super("the run starts again");
    }
  }

  /** A branch of a decided {@code first} lost: it stops at its first step without an outcome. */
  public static final class BranchCancelled extends Signal {
    private static final long serialVersionUID = 1L;
    static final BranchCancelled INSTANCE = new BranchCancelled();

    private BranchCancelled() {
      super("the branch was cancelled");
    }
  }

  /** {@code go to STEP}. */
  public static final class Jump extends Signal {
    private static final long serialVersionUID = 1L;
    private final String target;

    Jump(String target) {
      super("go to " + target);
      this.target = target;
    }

    public String target() {
      return target;
    }
  }

  /** Continue-as-new: the instance ends here and its workflow starts over as a new one with this input. */
  public static final class ContinueAsNew extends Signal {
    private static final long serialVersionUID = 1L;
    private final transient Object input;

    ContinueAsNew(Object input) {
      super("continue as new");
      this.input = input;
    }

    public Object input() {
      return input;
    }
  }

  /** {@code complete}. */
  public static final class Completion extends Signal {
    private static final long serialVersionUID = 1L;
    private final transient Object output;

    Completion(Object output) {
      super("complete");
      this.output = output;
    }

    public Object output() {
      return output;
    }
  }

  /** {@code cancel REASON}: not caught by {@code try}. */
  public static final class Cancellation extends Signal {
    private static final long serialVersionUID = 1L;
    private final String reason;

    Cancellation(String reason) {
      super("cancel: " + reason);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  /** A failure that a {@code try} may catch: a step's failure, a timeout, a failed call, {@code fail}. */
  public static final class Failure extends Signal {
    private static final long serialVersionUID = 1L;
    private final transient FlowError error;
    private final boolean uncaught;

    Failure(FlowError error) {
      this(error, false);
    }

    /** @param uncaught whether it fails the instance past any {@code try} (a branch that failed after its join went on) */
    Failure(FlowError error, boolean uncaught) {
      super(error.step() + ": " + error.message());
      this.error = error;
      this.uncaught = uncaught;
    }

    /** Whether no {@code try} may catch it. */
    public boolean uncaught() {
      return uncaught;
    }

    public FlowError error() {
      return error;
    }
  }

  /** Whether a throwable is one of the signals (as opposed to a bug in expression code). */
  public static boolean isSignal(Throwable t) {
    return t instanceof Signal || t instanceof NonDeterminismException;
  }
}

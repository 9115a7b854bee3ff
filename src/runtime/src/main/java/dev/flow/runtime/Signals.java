package dev.flow.runtime;

/**
 * The exceptions the context uses to unwind a run. They carry no stack trace (they are control
 * flow, thrown often) and generated code never catches them.
 */
final class Signals {
  private Signals() {}

  /** Base of the signals: no stack trace, no suppression. */
  abstract static class Signal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Signal(String message) {
      super(message, null, false, false);
    }
  }

  /** The run must wait: something it needs has no outcome yet. */
  static final class Suspend extends Signal {
    private static final long serialVersionUID = 1L;
    static final Suspend INSTANCE = new Suspend();

    private Suspend() {
      super("the instance waits");
    }
  }

  /** A branch of a decided {@code first} lost: it stops at its first step without an outcome. */
  static final class BranchCancelled extends Signal {
    private static final long serialVersionUID = 1L;
    static final BranchCancelled INSTANCE = new BranchCancelled();

    private BranchCancelled() {
      super("the branch was cancelled");
    }
  }

  /** {@code go to STEP}. */
  static final class Jump extends Signal {
    private static final long serialVersionUID = 1L;
    final String target;

    Jump(String target) {
      super("go to " + target);
      this.target = target;
    }
  }

  /** {@code complete}. */
  static final class Completion extends Signal {
    private static final long serialVersionUID = 1L;
    final transient Object output;

    Completion(Object output) {
      super("complete");
      this.output = output;
    }
  }

  /** {@code cancel REASON}: not caught by {@code try}. */
  static final class Cancellation extends Signal {
    private static final long serialVersionUID = 1L;
    final String reason;

    Cancellation(String reason) {
      super("cancel: " + reason);
      this.reason = reason;
    }
  }

  /** A failure that a {@code try} may catch: a step's failure, a timeout, a failed call, {@code fail}. */
  static final class Failure extends Signal {
    private static final long serialVersionUID = 1L;
    final transient FlowError error;

    Failure(FlowError error) {
      super(error.step() + ": " + error.message());
      this.error = error;
    }
  }

  /** Whether a throwable is one of the signals (as opposed to a bug in expression code). */
  static boolean isSignal(Throwable t) {
    return t instanceof Signal || t instanceof NonDeterminismException;
  }
}

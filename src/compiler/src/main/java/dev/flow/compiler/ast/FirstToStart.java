package dev.flow.compiler.ast;

/**
 * How a branch of {@code first to start} starts, by its leading statement: a person's step
 * ({@code step … by ROLE}, {@code approval}) starts when its task is claimed (or completed without
 * a claim); a wait ({@code receive}, {@code wait}, {@code wait until}, {@code wait for}) when it
 * ends; any other statement only when the branch ends.
 */
public final class FirstToStart {
  private FirstToStart() {
  }

  /** Whether {@code lead} (a branch's first statement, or {@code null}) is a person's step. */
  public static boolean personFirst(Stmt lead) {
    return lead instanceof Stmt.HumanStep || lead instanceof Stmt.Approval;
  }

  /** Whether {@code lead} (a branch's first statement, or {@code null}) waits for an event, a time or a signal. */
  public static boolean waitsFirst(Stmt lead) {
    return lead instanceof Stmt.Receive || lead instanceof Stmt.Wait || lead instanceof Stmt.WaitUntil
        || lead instanceof Stmt.WaitFor;
  }
}

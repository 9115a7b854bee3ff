package dev.flow.runtime.engine;

/** What the tests of other packages ask of {@link TaskDesk}'s package-private rules. */
public final class TaskDeskAccess {
  private TaskDeskAccess() {}

  /** {@link TaskDesk#mayLead}. */
  public static boolean mayLead(String stepId) {
    return TaskDesk.mayLead(stepId);
  }
}

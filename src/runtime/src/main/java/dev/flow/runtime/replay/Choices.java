package dev.flow.runtime.replay;

import dev.flow.runtime.TaskException;
import dev.flow.runtime.history.HistoryEntry;
import java.util.List;
import java.util.Map;

/**
 * A {@code first to start} as the inbox of either backend decides it for the branches that begin
 * with a person's step: the first claim (or a completion without one) of such a task decides the
 * {@code first} for its branch, in the same commit ({@code FirstDecided}); the run that follows
 * withdraws the other branches' work, as when a branch of a plain {@code first} ends. A release
 * after the decision does not undo it. The run learns which tasks lead a branch from its waits
 * ({@link Wait#choice}), so the history needs no new entry or field.
 */
public final class Choices {
  private static final String LOST = "branch `";

  private Choices() {
  }

  /**
   * What a claim or completion of the task {@code stepId} commits with it to decide its {@code
   * first to start}: nothing when it leads no branch of an undecided one, or its branch won.
   *
   * @param waits what the instance's last run waits for
   * @throws TaskException when another branch has won already (its task is about to be withdrawn)
   */
  public static List<HistoryEntry> deciding(History history, Map<String, Wait> waits, String taskId, String stepId) {
    Wait wait = waits.get(stepId);
    if (wait == null || wait.choice() == null) {
      return List.of();
    }
    String branch = branchOf(stepId);
    StepRecord first = history.step(wait.choice());
    String winner = first == null ? null : first.winner();
    if (winner == null) {
      return List.of(new HistoryEntry.FirstDecided(wait.choice(), branch));
    }
    if (winner.equals(branch)) {
      return List.of();
    }
    throw new TaskException("task " + taskId + " was withdrawn: " + lost(winner));
  }

  /** Whether {@code entries} decide a {@code first} (the run must go on to withdraw the other branches). */
  public static boolean decides(List<HistoryEntry> entries) {
    for (HistoryEntry entry : entries) {
      if (entry instanceof HistoryEntry.FirstDecided) {
        return true;
      }
    }
    return false;
  }

  /** Why a losing branch's work is withdrawn: {@code winner} started first. */
  static String lost(String winner) {
    return LOST + winner + "` of the same `first to start` was started first";
  }

  /**
   * The refusal of an act on a withdrawn task: why, when its branch lost a {@code first to start}
   * (the withdrawal's reason says so), else that its instance no longer waits for it.
   */
  public static TaskException withdrawn(String taskId, StepRecord step) {
    String reason = step.withdrawnReason();
    return new TaskException("task " + taskId + " was withdrawn: "
        + (reason != null && reason.startsWith(LOST) ? reason : "its instance no longer waits for it"));
  }

  /** The branch a leading task belongs to: the last part of its scope. */
  private static String branchOf(String stepId) {
    String scope = History.scopeOf(stepId);
    return scope.substring(scope.lastIndexOf('/') + 1);
  }
}

package dev.flow.runtime.replay;

import dev.flow.runtime.TaskException;
import dev.flow.runtime.history.HistoryEntry;
import java.util.List;
import java.util.Map;

/**
 * The critical section of an {@code interleaved} block as the inbox of either backend keeps it
 * for the branches that begin with a person's step: their tasks are offered at once, outside the
 * section; the first claim (or a completion without one) of such a task enters the section for
 * its branch, in the same commit, under the id {@link #entryOf}; while another branch holds the
 * section, claims and completions of the others are refused; a release before the task is
 * completed leaves it. The branch leaves it when its body ends ({@link Interpreter#exclusiveByClaim}).
 */
public final class Sections {
  private static final String ENTRY = "~section";

  private Sections() {
  }

  /** The id under which the leading task {@code taskStepId} enters its section. */
  public static String entryOf(String taskStepId) {
    return taskStepId + ENTRY;
  }

  static boolean isEntry(String stepId) {
    return stepId.endsWith(ENTRY);
  }

  /**
   * What a claim or completion of the task {@code stepId} commits with it to take its section:
   * nothing when it is no leading task or its branch holds the section already.
   *
   * @param waits what the instance's last run waits for
   * @throws TaskException when another branch of the same block holds the section
   */
  public static List<HistoryEntry> taking(History history, Map<String, Wait> waits, String taskId, String stepId) {
    Wait wait = waits.get(stepId);
    if (wait == null || wait.section() == null) {
      return List.of();
    }
    String holder = history.exclusiveHolder(wait.section());
    String entry = entryOf(stepId);
    if (entry.equals(holder)) {
      return List.of();
    }
    if (holder != null) {
      throw new TaskException("task " + taskId + " is held back: branch " + branchOf(holder)
          + " of the same interleaved block is in progress (its branches run one at a time)");
    }
    return List.of(new HistoryEntry.ExclusiveEntered(entry, wait.section()));
  }

  /** What a release of the task {@code stepId} commits with it: its branch gives its section back, if it took it. */
  public static List<HistoryEntry> giving(History history, Map<String, Wait> waits, String stepId) {
    Wait wait = waits.get(stepId);
    if (wait == null || wait.section() == null || !entryOf(stepId).equals(history.exclusiveHolder(wait.section()))) {
      return List.of();
    }
    return List.of(new HistoryEntry.ExclusiveLeft(entryOf(stepId), wait.section()));
  }

  /** Whether a branch of the run waits to enter {@code section} (a release that gives it back must wake the run). */
  public static boolean awaited(Map<String, Wait> waits, String section) {
    for (Wait wait : waits.values()) {
      if (wait.kind() == Wait.Kind.EXCLUSIVE && wait.step().equals(section)) {
        return true;
      }
    }
    return false;
  }

  /** The branch whose block or leading task holds a section: the last part of the holder's scope. */
  private static String branchOf(String holder) {
    String scope = History.scopeOf(holder);
    String branch = scope.substring(scope.lastIndexOf('/') + 1);
    return "`" + (branch.isEmpty() ? scope : branch) + "`";
  }
}

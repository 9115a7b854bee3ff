package dev.flow.runtime.store;

/**
 * A commit expected an instance's history to end at one sequence, and it ends at another:
 * another writer appended first, or (actual sequence 0) the store does not hold the instance: it
 * was never started, or it ended and the retention dropped it. Nothing of the commit was written,
 * and an unknown instance stays unknown (every store: the TCK holds them to it).
 */
public final class AppendConflict extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String instanceId;
  private final long expected;
  private final long actual;

  public AppendConflict(String instanceId, long expected, long actual) {
    super(actual == 0 && expected > 0
        ? "instance " + instanceId + " is not in the store (never started, or ended and dropped by the retention):"
            + " this commit expected " + expected + " history entries"
        : "instance " + instanceId + " has " + actual + " history entries, not the " + expected
            + " this commit expected: another writer appended first");
    this.instanceId = instanceId;
    this.expected = expected;
    this.actual = actual;
  }

  public String instanceId() {
    return instanceId;
  }

  public long expected() {
    return expected;
  }

  public long actual() {
    return actual;
  }
}

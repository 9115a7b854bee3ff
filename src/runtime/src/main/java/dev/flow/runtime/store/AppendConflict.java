package dev.flow.runtime.store;

/**
 * A commit expected an instance's history to end at one sequence, and it ends at another:
 * another writer appended first. Nothing of the commit was written.
 */
public final class AppendConflict extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String instanceId;
  private final long expected;
  private final long actual;

  public AppendConflict(String instanceId, long expected, long actual) {
    super("instance " + instanceId + " has " + actual + " history entries, not the " + expected
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

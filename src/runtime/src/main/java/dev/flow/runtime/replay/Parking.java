package dev.flow.runtime.replay;

/**
 * Lets a run wait where it stands instead of unwinding: a backend that keeps the run's thread
 * in memory parks it at the wait and, when something arrives for the instance, lets it go on
 * from there, so a resume costs the steps after the wait, not a replay of everything before it.
 * Only a run that waits outside any {@code parallel} or {@code first} parks (there the other
 * branches must go on); everywhere else the run unwinds as it does without parking.
 */
public interface Parking {
  /**
   * Blocks the run at its wait until it is to go on, and returns then; the run checks its
   * history again, so it may find the outcome it waits for, or wait again.
   *
   * @throws Signals.Abandoned when the backend lets go of the run (it will be replayed if needed)
   */
  void park();
}

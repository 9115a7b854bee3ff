package dev.flow.runtime.replay;

import java.util.function.Predicate;

/**
 * Something a suspended run waits for, by its id in the history: a task, a timer, a receive (with
 * its condition, checked on each event offered to it), a child, a running action, a signal
 * ({@code wait for}), an incident.
 *
 * @param id the step occurrence, or the timer's id
 * @param kind what it is
 * @param step the step's name
 * @param where a receive's condition, or {@code null}
 * @param descriptor the step as the workflow code gave it (a task's form, doc and limits), or {@code null}
 * @param section for the leading task of an {@code interleaved} branch, offered before its branch
 *     has the construct's critical section: that section's name (its first claim or completion
 *     takes it, see {@link Sections}); otherwise {@code null}
 * @param choice for the leading task of a branch of an undecided {@code first to start}: the
 *     {@code first}'s id (its first claim or completion decides it, see {@link Choices}); otherwise
 *     {@code null}
 */
public record Wait(String id, Kind kind, String step, Predicate<Object> where, dev.flow.runtime.Step descriptor,
    String section, String choice) {
  /** A wait that is not an interleaved branch's or a {@code first to start} branch's leading task. */
  public Wait(String id, Kind kind, String step, Predicate<Object> where, dev.flow.runtime.Step descriptor) {
    this(id, kind, step, where, descriptor, null, null);
  }

  /** A wait that may be an interleaved branch's leading task. */
  public Wait(String id, Kind kind, String step, Predicate<Object> where, dev.flow.runtime.Step descriptor,
      String section) {
    this(id, kind, step, where, descriptor, section, null);
  }

  /** What a wait is for. */
  public enum Kind {
    TASK,
    TIMER,
    RECEIVE,
    CHILD,
    ACTION,
    /** A {@code wait for NAME}: its step is the signal's name. */
    SIGNAL,
    /** An {@code exclusive NAME} block waiting for its critical section: its step is the name. */
    EXCLUSIVE,
    /** An action step whose retries are exhausted, waiting for an operator to retry or fail it. */
    INCIDENT
  }
}

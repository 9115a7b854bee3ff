package dev.flow.runtime;

/**
 * A named step of a workflow, as its definition lists it: the key of its outcomes in an
 * instance's history, the activity in the event log, a node of its diagram.
 */
public sealed interface Step permits ActionStep, TaskStep, ApprovalStep, ReceiveStep, CallStep {
  /** The step's name, unique in its workflow. */
  String name();

  /** Its doc comment, or the empty string. */
  String doc();

  /** What kind of step it is: {@code action}, {@code task}, {@code approval}, {@code receive} or {@code call}. */
  String kind();
}

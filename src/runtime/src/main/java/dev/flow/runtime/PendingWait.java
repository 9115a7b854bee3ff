package dev.flow.runtime;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** Something a suspended run waits for; the engine turns these into tasks, timers and subscriptions. */
sealed interface PendingWait {
  /** Identifies the wait across runs. */
  String key();

  /** The scope (branch, iteration) that asked for it, so that a cancelled branch's waits can be dropped. */
  String scope();

  /** The step occurrence. */
  String stepId();

  /** The step's name. */
  String step();

  WorkflowInstance.Wait describe();

  /** A task or approval in the inbox. */
  record TaskWait(String scope, String stepId, String step, String kind, String role, String escalateTo,
      Optional<java.time.Duration> within, Form<?> form, String doc, Instant created) implements PendingWait {
    @Override
    public String key() {
      return "task:" + stepId;
    }

    @Override
    public WorkflowInstance.Wait describe() {
      return new WorkflowInstance.Wait(kind, stepId, step, role, within.map(created::plus));
    }
  }

  /** A timer: a {@code wait}, a retry's pause, or a {@code receive}'s time limit. */
  record TimerWait(String scope, String stepId, String step, String timerKey, Instant due, boolean receiveTimeout)
      implements PendingWait {
    @Override
    public String key() {
      return "timer:" + timerKey;
    }

    @Override
    public WorkflowInstance.Wait describe() {
      return new WorkflowInstance.Wait(receiveTimeout ? "timeout" : "timer", stepId, step, due.toString(), Optional.of(due));
    }
  }

  /** A {@code receive}, with its correlation. */
  record ReceiveWait(String scope, String stepId, String step, Class<?> event, Predicate<Object> where)
      implements PendingWait {
    @Override
    public String key() {
      return "receive:" + stepId;
    }

    @Override
    public WorkflowInstance.Wait describe() {
      return new WorkflowInstance.Wait("receive", stepId, step, event.getSimpleName(), Optional.empty());
    }
  }

  /** A called workflow's end. */
  record ChildWait(String scope, String stepId, String step, String childId) implements PendingWait {
    @Override
    public String key() {
      return "call:" + stepId;
    }

    @Override
    public WorkflowInstance.Wait describe() {
      return new WorkflowInstance.Wait("call", stepId, step, childId, Optional.empty());
    }
  }

  /** An action call running on another thread. */
  record ActionWait(String scope, String stepId, String step, String system) implements PendingWait {
    @Override
    public String key() {
      return "action:" + stepId;
    }

    @Override
    public WorkflowInstance.Wait describe() {
      return new WorkflowInstance.Wait("action", stepId, step, system, Optional.empty());
    }
  }
}

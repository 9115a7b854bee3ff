package dev.flow.runtime.engine;

import dev.flow.runtime.ManualClock;
import dev.flow.runtime.Trigger;
import dev.flow.runtime.WorkflowDefinition;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.TimerPurpose;
import dev.flow.runtime.replay.StepRecord;
import dev.flow.runtime.replay.Words;
import dev.flow.runtime.store.TimerRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fires due timers (from the store's index by due time) and starts workflows on their
 * {@code starts every} schedules, whose next firings are kept in the store as engine-wide facts.
 * With a {@link ManualClock} each timer fires at its own time as the clock advances; with a real
 * clock a daemon thread wakes at the next due time.
 */
public final class Timers {
  private final Core core;
  private final TreeMap<Instant, List<WorkflowDefinition<?, ?>>> schedules = new TreeMap<>();
  /**
   * Whether {@link #schedules} has any, set under this object's lock as it changes: {@link #poke}
   * reads it without the lock, so that a start on an engine without schedules takes no lock here.
   */
  private volatile boolean scheduled;
  private final Object wake = new Object();
  private volatile boolean closed;
  private volatile Thread ticker;

  public Timers(Core core) {
    this.core = core;
  }

  /** Plans the next firing of every schedule: the one the store remembers, or the next after now. */
  public synchronized void planSchedules() {
    for (WorkflowDefinition<?, ?> definition : core.registry().newest()) {
      Optional<String> remembered = core.store().fact(key(definition));
      Instant next = remembered.map(Instant::parse).orElseGet(() -> nextFiring(definition, core.now()));
      if (next != null) {
        schedules.computeIfAbsent(next, k -> new ArrayList<>()).add(definition);
      }
    }
    scheduled = !schedules.isEmpty();
  }

  private static String key(WorkflowDefinition<?, ?> definition) {
    return "schedule:" + definition.name();
  }

  private Instant nextFiring(WorkflowDefinition<?, ?> definition, Instant after) {
    Instant next = null;
    for (Trigger<?> trigger : definition.triggers()) {
      if (trigger instanceof Trigger.Every<?> every) {
        Optional<Instant> at = every.schedule().next(after.atZone(core.zone), core.zone).map(t -> t.toInstant());
        if (at.isPresent() && (next == null || at.get().isBefore(next))) {
          next = at.get();
        }
      }
    }
    return next;
  }

  /** When the next timer or schedule falls due. */
  public synchronized Optional<Instant> nextDue() {
    Optional<Instant> timer = core.store().nextDue();
    if (schedules.isEmpty()) {
      return timer;
    }
    Instant schedule = schedules.firstKey();
    return Optional.of(timer.isPresent() && timer.get().isBefore(schedule) ? timer.get() : schedule);
  }

  /** Fires everything due by now. */
  public void fireDue() {
    fireUntil(core.now(), null);
  }

  /** Fires, in order, everything due by {@code target}; a manual clock is set to each due time first. */
  public void fireUntil(Instant target, ManualClock manual) {
    java.util.Set<TimerRow> tried = new java.util.HashSet<>();
    // A closed engine stays among a manual clock's drivers: it fires nothing (its store may be closed too).
    while (!closed) {
      Optional<Instant> next = nextDue();
      if (next.isEmpty() || next.get().isAfter(target)) {
        return;
      }
      if (manual != null && next.get().isAfter(manual.instant())) {
        manual.set(next.get());
      }
      Instant due = next.get();
      boolean fireSchedulesReported = fireSchedules(due);
      boolean fired = fireSchedulesReported;
      for (TimerRow row : core.store().dueTimers(due, 1000)) {
        if (tried.add(row)) {
          fire(row);
          fired = true;
        }
      }
      core.drain();
      if (!fired) {
        return; // what is left due belongs to no instance this engine can advance
      }
    }
  }

  /** Starts what the schedules due at {@code due} start; returns whether any was due. */
  private boolean fireSchedules(Instant due) {
    List<WorkflowDefinition<?, ?>> starting;
    synchronized (this) {
      if (schedules.isEmpty() || schedules.firstKey().isAfter(due)) {
        return false;
      }
      starting = schedules.pollFirstEntry().getValue();
      scheduled = !schedules.isEmpty();
    }
    for (WorkflowDefinition<?, ?> definition : starting) {
      Instant next = nextFiring(definition, due);
      for (Trigger<?> trigger : definition.triggers()) {
        if (trigger instanceof Trigger.Every<?> every && fires(every, due)) {
          core.create(definition, every.input().get(), null, null, null,
              next == null ? Map.of() : Map.of(key(definition), next.toString()));
        }
      }
      if (next != null) {
        synchronized (this) {
          schedules.computeIfAbsent(next, k -> new ArrayList<>()).add(definition);
          scheduled = true;
        }
      }
    }
    core.drain();
    return true;
  }

  private boolean fires(Trigger.Every<?> every, Instant due) {
    return every.schedule().next(due.minusSeconds(1).atZone(core.zone), core.zone)
        .map(t -> t.toInstant().equals(due)).orElse(false);
  }

  /** Fires one timer, if it is still set. */
  private void fire(TimerRow row) {
    Optional<dev.flow.runtime.store.InstanceRow> owner = core.store().instance(row.instanceId());
    if (owner.isEmpty() || owner.get().state().isTerminal()) {
      return;
    }
    if (core.registry().definition(owner.get().workflow(), owner.get().version()).isEmpty()) {
      return; // blocked until its version is deployed: the timer fires then
    }
    core.with(row.instanceId(), instance -> {
      StepRecord timer = instance.history.step(row.timerId());
      if (instance.ended() || timer == null || !timer.timerSet()) {
        return null;
      }
      String id = row.timerId();
      List<HistoryEntry> entries = new ArrayList<>();
      entries.add(new HistoryEntry.TimerFired(id));
      boolean resume = true;
      switch (row.purpose()) {
        case RECEIVE_LIMIT -> {
          String receive = id.substring(0, id.length() - "~within".length());
          StepRecord waiting = instance.history.step(receive);
          if (waiting != null && waiting.receiveOpen()) {
            entries.add(new HistoryEntry.ReceiveTimedOut(receive));
          }
        }
        case TASK_LIMIT -> {
          resume = false;
          breachTask(instance, id.substring(0, id.length() - "~limit".length()), entries);
        }
        case DEADLINE -> {
          resume = false;
          breachDeadline(instance, entries);
        }
        default -> {
          // A wait or a retry's pause: the run goes on.
        }
      }
      core.commit(instance, entries);
      for (HistoryEntry entry : entries) {
        if (entry instanceof HistoryEntry.NotifyRequested request) {
          core.outbox().send(instance, request);
        }
      }
      if (resume) {
        core.resume(instance);
      } else if (row.purpose() == TimerPurpose.DEADLINE
          && instance.definition.atDeadline() != WorkflowDefinition.AtDeadline.GO_ON) {
        core.endAtDeadline(instance, instance.definition.deadlineMessage(input(instance)));
      }
      return null;
    });
  }

  /**
   * A task past its time limit: breached, and offered to its escalation role. What the limit and
   * the escalation were is read from the task's own {@code TaskCreated} entry, not from the
   * workflow's code, so it is right for a limit computed at run time and for an instance that is
   * not held in memory (its code has not run again since it was loaded).
   */
  private void breachTask(Instance instance, String taskId, List<HistoryEntry> entries) {
    StepRecord task = instance.history.step(taskId);
    if (task == null || !task.taskOpen() || task.taskCreatedEntry() == null) {
      return;
    }
    dev.flow.runtime.history.Recorded recorded = task.taskCreatedEntry();
    HistoryEntry.TaskCreated created = (HistoryEntry.TaskCreated) recorded.entry();
    String name = Views.stepName(taskId);
    Duration limit = created.due() == null ? Duration.ZERO : Duration.between(recorded.at(), created.due());
    String escalateTo = created.escalateTo();
    entries.add(new HistoryEntry.Breached(taskId, name, limit, escalateTo));
    if (escalateTo != null) {
      entries.add(new HistoryEntry.NotifyRequested(taskId + "~escalation", escalateTo, null, null,
          "The " + created.kind() + " `" + name + "` of " + instance.definition.simpleName() + " " + instance.id
              + " is overdue (time limit " + Words.duration(limit) + "); it is now offered to you"));
    }
  }

  /** The inputs the instance started with. */
  private static Object input(Instance instance) {
    return instance.history.started().input().as(instance.definition.inputType());
  }

  private void breachDeadline(Instance instance, List<HistoryEntry> entries) {
    Duration limit = instance.definition.deadlineFor(input(instance)).orElseThrow();
    String escalateTo = instance.definition.escalateTo();
    entries.add(new HistoryEntry.Breached("", instance.definition.simpleName(), limit, escalateTo));
    if (escalateTo != null) {
      entries.add(new HistoryEntry.NotifyRequested("@deadline~notify", escalateTo, null, null,
          instance.definition.simpleName() + " " + instance.id + " passed its deadline of " + Words.duration(limit)));
    }
  }

  /** Lets a manual clock drive the timers, or starts the thread that fires them on a real clock. */
  public void start(java.time.Clock clock) {
    if (clock instanceof ManualClock manual) {
      manual.drive((m, target) -> fireUntil(target, m));
      return;
    }
    Thread thread = new Thread(this::tick, "flow-engine-timers");
    thread.setDaemon(true);
    ticker = thread;
    thread.start();
  }

  private void tick() {
    while (!closed) {
      try {
        fireDue();
      } catch (RuntimeException e) {
        System.getLogger("dev.flow.runtime").log(System.Logger.Level.ERROR, "firing timers failed; trying again", e);
      }
      synchronized (wake) {
        // Planned under the lock that poke() takes to wake it, so a timer set meanwhile is either
        // seen here or wakes the wait.
        long wait = Math.max(1, Math.min(1000, nextDue().map(d -> Duration.between(core.now(), d).toMillis()).orElse(1000L)));
        wakesAt = System.currentTimeMillis() + wait;
        try {
          wake.wait(wait);
        } catch (InterruptedException e) {
          return;
        } finally {
          wakesAt = AWAKE;
        }
      }
    }
  }

  /** {@link #wakesAt} while the ticker runs: it plans its next wait afresh before it waits again. */
  private static final long AWAKE = 0L;
  /** When the waiting ticker wakes by itself (wall-clock milliseconds), or {@link #AWAKE}. */
  private volatile long wakesAt = AWAKE;

  /**
   * Wakes the ticker if a timer is now due before it would wake by itself: after every start and
   * publish, so it must cost little when no timer was set (it does not wake a thread then).
   */
  public void poke() {
    if (ticker == null) {
      return;
    }
    // Without schedules, the store's next timer is all there is (a volatile read there, no lock here).
    Optional<Instant> due = scheduled ? nextDue() : core.store().nextDue();
    if (due.isEmpty()) {
      return;
    }
    long planned = wakesAt;
    if (planned != AWAKE && Duration.between(core.now(), due.get()).toMillis() >= planned - System.currentTimeMillis()) {
      return;
    }
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  public void close() {
    closed = true;
    Thread thread = ticker;
    if (thread != null) {
      thread.interrupt();
    }
  }

}

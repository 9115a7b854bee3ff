package dev.flow.bench;

import dev.flow.bench.flows.Calc;
import dev.flow.bench.flows.FlowsModule;
import dev.flow.runtime.Engine;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import java.util.concurrent.locks.LockSupport;

/**
 * The one place where the benchmarks build engines and wait for them, through the public API
 * only ({@code Engine.builder()}, {@code start}, {@code publish}, {@code inbox()},
 * {@code instance()}). When the engine's API changes, this class changes, not the benchmarks.
 */
public final class FlowEngines {
  private FlowEngines() {}

  /** An engine in memory, history kept, with every workflow of the benchmarks. */
  public static Engine inMemory() {
    return Engine.builder()
        .withoutSchedules()
        .module(FlowsModule.INSTANCE)
        .connector(Calc.class, new Adder())
        .build();
  }

  /**
   * An engine in memory that keeps no decoded history of a waiting instance ({@code cacheSize(0)}):
   * every resume reads the instance back from its store and replays it, as after an eviction.
   */
  public static Engine evicting() {
    return Engine.builder()
        .withoutSchedules()
        .cacheSize(0)
        .module(FlowsModule.INSTANCE)
        .connector(Calc.class, new Adder())
        .build();
  }

  /**
   * Waits until an instance has ended. The v1 engine runs an instance inline in
   * {@code start}, so this returns at once there; an engine that runs instances on a pool is
   * measured to the end of the instance all the same.
   */
  public static void awaitEnd(Engine engine, String instanceId) {
    InstanceState state = engine.state(instanceId);
    for (int round = 0; !state.isTerminal(); round++) {
      pause(round);
      state = engine.state(instanceId);
    }
    if (state != InstanceState.COMPLETED) {
      throw new IllegalStateException("instance " + instanceId + " ended " + state);
    }
  }

  /**
   * Waits until the instance has an open task of {@code step} other than
   * {@code previousTaskId} (which may be {@code null}), and returns it.
   */
  public static Task awaitTask(Engine engine, String instanceId, String step, String previousTaskId) {
    for (int round = 0; ; round++) {
      try {
        Task task = engine.inbox().task(instanceId, step);
        if (!task.id().equals(previousTaskId)) {
          return task;
        }
      } catch (TaskException notYet) {
        // not created yet: the instance is still running
      }
      if (engine.state(instanceId).isTerminal()) {
        throw new IllegalStateException("instance " + instanceId + " ended while a task was awaited");
      }
      pause(round);
    }
  }

  /**
   * Spins for the first rounds, then parks for 10 µs a round: many benchmark threads waiting on
   * two cores must leave them to the engine's own threads.
   */
  private static void pause(int round) {
    if (round < 100) {
      Thread.onSpinWait();
    } else {
      LockSupport.parkNanos(10_000L);
    }
  }
}

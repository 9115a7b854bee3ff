package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.CLERK;
import static dev.flow.runtime.Flows.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.AppendConflict;
import dev.flow.runtime.store.Commit;
import dev.flow.runtime.store.ForwardingStore;
import dev.flow.runtime.store.InstanceRow;
import dev.flow.runtime.store.MemoryStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An instance whose end is on its way to the store (handed over, not written yet: the journal's
 * group commit waits for its fsync) is still the engine's one copy of it: a thread that asks for
 * it then (a recovery, a cancel) waits for it or sees it held, and does not read the half-ended
 * history back as a second copy and write to it (found by the crash check: an AppendConflict of a
 * recovery racing the timer thread that ended the instance).
 */
class EndRaceTest {
  private final ManualClock clock = ManualClock.at("2026-12-06T09:00:00Z");
  private final WorkflowDefinition<In, Out> ending = workflow("Ending", (ctx, in) -> {
    ctx.task(TaskStep.of("check", CLERK));
    return new Out("checked " + in.name());
  }).build();

  @Test
  void aRecoveryWhileAnEndIsBeingWrittenLeavesTheInstanceToItsThread() throws Exception {
    HoldingStore store = new HoldingStore();
    try (Engine engine = Engine.builder().clock(clock).store(store).workflow(ending).build()) {
      String id = engine.start(ending, new In("a"));
      Thread completing = completeOnAThread(engine, id, store);
      List<String> recovered = engine.recover();
      store.release();
      completing.join(10_000);
      assertEquals(List.of(), recovered, "the instance is held by the thread that ends it");
      assertEndedOnce(engine, id, "a");
    }
  }

  @Test
  void aCancelWhileAnEndIsBeingWrittenWaitsForItAndIsToldItEnded() throws Exception {
    HoldingStore store = new HoldingStore();
    try (Engine engine = Engine.builder().clock(clock).store(store).workflow(ending).build()) {
      String id = engine.start(ending, new In("b"));
      Thread completing = completeOnAThread(engine, id, store);
      AtomicReference<Throwable> cancelFailed = new AtomicReference<>();
      Thread cancelling = new Thread(() -> {
        try {
          engine.cancel(id, "no longer needed");
        } catch (Throwable t) {
          cancelFailed.set(t);
        }
      }, "cancelling");
      cancelling.start();
      // Until the cancel waits for the instance's lock (or, were it let through, has written).
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (cancelling.getState() != Thread.State.WAITING && cancelling.getState() != Thread.State.TERMINATED
          && System.nanoTime() < until) {
        Thread.sleep(1);
      }
      store.release();
      completing.join(10_000);
      cancelling.join(10_000);
      assertTrue(cancelFailed.get() instanceof IllegalStateException, () -> "the cancel got: " + cancelFailed.get());
      assertEquals("instance " + id + " has already ended (COMPLETED)", cancelFailed.get().getMessage());
      assertEndedOnce(engine, id, "b");
    }
  }

  /** Completes the instance's task on a thread of its own, and returns once its end is held on its way to the store. */
  private static Thread completeOnAThread(Engine engine, String id, HoldingStore store) throws InterruptedException {
    Task task = engine.inbox().task(id, "check");
    store.holdEnds();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread completing = new Thread(() -> {
      try {
        engine.inbox().complete(task.id(), ALICE);
      } catch (Throwable t) {
        failed.set(t);
      }
    }, "completing");
    completing.start();
    assertTrue(store.endHeld.await(10, TimeUnit.SECONDS), "the end reaches the store");
    assertNull(failed.get());
    return completing;
  }

  private static void assertEndedOnce(Engine engine, String id, String name) {
    assertEquals(InstanceState.COMPLETED, engine.instance(id).state());
    assertEquals(new Out("checked " + name), engine.instance(id).output(Out.class));
    long ends = engine.history(id).stream().map(Recorded::entry).filter(e -> e instanceof HistoryEntry.InstanceEnded).count();
    assertEquals(1, ends, "one end: " + engine.history(id));
  }

  /**
   * A memory store that, once armed, holds the commit of an instance's end on its way (as the
   * journal holds a commit until its fsync): it conflicts with commits that do not follow it, as
   * the journal does, but shows in reads only once released.
   */
  static final class HoldingStore extends ForwardingStore {
    private final MemoryStore memory;
    private final Map<String, Long> tails = new HashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    final CountDownLatch endHeld = new CountDownLatch(1);
    private boolean holding;

    HoldingStore() {
      this(new MemoryStore());
    }

    private HoldingStore(MemoryStore memory) {
      super(memory);
      this.memory = memory;
    }

    synchronized void holdEnds() {
      holding = true;
    }

    void release() {
      released.countDown();
    }

    @Override
    public boolean outlivesProcess() {
      return true;
    }

    @Override
    public void append(Commit commit) {
      appendAsync(commit).join();
    }

    @Override
    public synchronized CompletableFuture<Void> appendAsync(Commit commit) {
      for (Commit.Append part : commit.appends()) {
        Long queued = tails.get(part.instanceId());
        long last = queued != null ? queued : memory.instance(part.instanceId()).map(InstanceRow::lastSequence).orElse(0L);
        if (last != part.expectedSequence()) {
          return CompletableFuture.failedFuture(new AppendConflict(part.instanceId(), part.expectedSequence(), last));
        }
      }
      boolean ends = commit.appends().stream().flatMap(a -> a.entries().stream())
          .anyMatch(e -> e instanceof HistoryEntry.InstanceEnded);
      if (!holding || !ends) {
        if (!tails.isEmpty()) {
          return CompletableFuture.failedFuture(new IllegalStateException("a commit while another is held: " + commit));
        }
        memory.append(commit);
        return CompletableFuture.completedFuture(null);
      }
      holding = false;
      for (Commit.Append part : commit.appends()) {
        tails.put(part.instanceId(), part.expectedSequence() + part.entries().size());
      }
      endHeld.countDown();
      return CompletableFuture.runAsync(() -> {
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        synchronized (this) {
          memory.append(commit);
          tails.clear();
        }
      });
    }
  }

}

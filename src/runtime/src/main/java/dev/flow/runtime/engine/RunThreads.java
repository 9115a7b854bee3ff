package dev.flow.runtime.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that kept runs ({@link Continuation}) live on, at most {@code limit} at once:
 * virtual threads where the JVM has them (Java 21 and later), else daemon platform threads from a
 * cached pool. A run that finds none free is not kept: it runs on the caller's thread and is
 * replayed on its next resume, as every run is without kept runs.
 */
final class RunThreads {
  /** The default limit on platform threads: each parked one holds a thread's stack. */
  static final int PLATFORM_DEFAULT = 1_000;
  private static final long STACK_SIZE = 4L << 20;

  private final int limit;
  private final AtomicInteger inUse = new AtomicInteger();
  private final ExecutorService threads;
  private volatile boolean closed;

  /**
   * @param requested the most runs to keep at once; negative for the default (every cached instance
   *     on virtual threads, {@value #PLATFORM_DEFAULT} on platform threads); {@code 0} keeps none
   * @param cacheSize how many instances the engine keeps in memory: no more runs than that are kept
   */
  RunThreads(int requested, int cacheSize) {
    ExecutorService virtual = virtualThreads();
    int wanted = requested >= 0 ? requested : virtual != null ? cacheSize : PLATFORM_DEFAULT;
    this.limit = Math.max(0, Math.min(wanted, cacheSize));
    if (limit == 0) {
      threads = null;
      if (virtual != null) {
        virtual.shutdown();
      }
    } else if (virtual != null) {
      threads = virtual;
    } else {
      AtomicInteger number = new AtomicInteger();
      threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(null, runnable, "flow-run-" + number.incrementAndGet(), STACK_SIZE);
        thread.setDaemon(true);
        return thread;
      });
    }
  }

  /** Java 21's executor of a virtual thread per task, found by reflection (the runtime is built for Java 17). */
  private static ExecutorService virtualThreads() {
    try {
      return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Whether a run may be kept now. */
  boolean available() {
    return !closed && inUse.get() < limit;
  }

  /** Runs a kept run's body on a thread of its own. */
  void execute(Runnable body) {
    inUse.incrementAndGet();
    try {
      threads.execute(() -> {
        try {
          body.run();
        } finally {
          inUse.decrementAndGet();
        }
      });
    } catch (RejectedExecutionException e) {
      inUse.decrementAndGet();
      throw new IllegalStateException("the engine is closed", e);
    }
  }

  /** Lets the threads end once their runs have unwound. */
  void close() {
    closed = true;
    if (threads != null) {
      threads.shutdown();
    }
  }
}

package dev.flow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.InstanceState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many commits per second the journal acknowledges with fsync on, from several threads (group
 * commit lets them share one fsync). Measured and logged, not asserted.
 */
class JournalThroughputTest {
  @TempDir
  Path dir;

  @Test
  void groupCommitWithFsync() throws Exception {
    int threads = 16;
    int instancesEach = 100;
    try (JournalStore store = JournalStore.open(dir, JournalOptions.defaults())) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long start = System.nanoTime();
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int base = t * instancesEach;
          done.add(pool.submit(() -> {
            for (int i = 1; i <= instancesEach; i++) {
              String id = "Order-" + (base + i);
              store.append(Histories.start(id, Histories.scheduled("charge")));
              store.append(Histories.commit(i, id, 2, Histories.ended(InstanceState.COMPLETED)));
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int commits = threads * instancesEach * 2;
      System.out.printf("throughput: %d commits (%d instances) from %d threads with fsync in %.2f s: %.0f commits/s, "
          + "%.0f instances/s%n", commits, commits / 2, threads, seconds, commits / seconds, commits / 2 / seconds);
      assertEquals(0, store.openInstances().size());
    }
  }

  @Test
  void groupCommitWithFsyncAndAsyncAppends() {
    int instances = 5_000;
    try (JournalStore store = JournalStore.open(dir, JournalOptions.defaults())) {
      long start = System.nanoTime();
      List<java.util.concurrent.CompletableFuture<Void>> pending = new ArrayList<>();
      for (int i = 1; i <= instances; i++) {
        String id = "Order-" + i;
        pending.add(store.appendAsync(Histories.start(id, Histories.scheduled("charge"))));
        pending.add(store.appendAsync(Histories.commit(i, id, 2, Histories.ended(InstanceState.COMPLETED))));
        if (pending.size() >= 512) {
          pending.forEach(java.util.concurrent.CompletableFuture::join);
          pending.clear();
        }
      }
      pending.forEach(java.util.concurrent.CompletableFuture::join);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("throughput: %d instances (2 commits each) from one thread with appendAsync, up to 512 in flight,"
          + " with fsync in %.2f s: %.0f instances/s%n", instances, seconds, instances / seconds);
      assertEquals(0, store.openInstances().size());
    }
  }
}

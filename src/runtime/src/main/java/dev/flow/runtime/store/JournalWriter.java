package dev.flow.runtime.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The journal's one writer thread: group commit. It takes every commit waiting in its queue (up to
 * {@link JournalOptions#maxBatch}), writes their records one after another, forces the file once,
 * then applies them to the indexes in order and only then tells each appender that its commit is
 * durable. Compaction runs on this thread too, between two batches, so it never races a write.
 * After a write fails, every later commit fails at once: the journal's tail is then unknown until
 * the store is opened again (which cuts a torn record).
 */
final class JournalWriter implements Runnable {
  /** A commit (or a kept event, then {@code commit} is null) to write: its record, already framed by the appending thread. */
  record Write(Commit commit, EventRow event, ByteBuffer frame, CompletableFuture<Void> done) {}

  /** A compaction to run. */
  record Compact(CompletableFuture<Void> done) {}

  private static final Object STOP = new Object();

  private final JournalFiles files;
  private final JournalCompactor compactor;
  private final Consumer<Commit> applied;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile StoreException failure;

  /**
   * @param applied called on this thread after each commit is applied to the indexes (before its appender is told)
   */
  JournalWriter(JournalFiles files, Consumer<Commit> applied) {
    this.files = files;
    this.compactor = new JournalCompactor(files);
    this.applied = applied;
    this.thread = new Thread(this, "flow-journal-writer " + files.dir.getFileName());
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Why the journal cannot be written, or {@code null}. */
  StoreException failure() {
    return failure;
  }

  /** Queues a commit; the caller has reserved its sequences. */
  CompletableFuture<Void> submit(Commit commit, ByteBuffer frame) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    queue.add(new Write(commit, null, frame, done));
    return done;
  }

  /** Queues a kept event; the caller has reserved its sequence. */
  CompletableFuture<Void> submit(EventRow event, ByteBuffer frame) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    queue.add(new Write(null, event, frame, done));
    return done;
  }

  /** Queues a compaction. */
  CompletableFuture<Void> compact() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    queue.add(new Compact(done));
    return done;
  }

  /** Waits for a queued task, without giving up when interrupted (a queued commit cannot be taken back). */
  static void await(CompletableFuture<Void> done) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          done.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException cause) {
            throw cause;
          }
          throw new StoreException("the journal writer failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Writes what is queued, then stops the thread. */
  void stop() {
    queue.add(STOP);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void run() {
    List<Object> batch = new ArrayList<>();
    while (true) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue;
      }
      queue.drainTo(batch, files.options.maxBatch() - 1);
      List<Write> writes = new ArrayList<>(batch.size());
      boolean stop = false;
      for (Object task : batch) {
        if (task == STOP) {
          stop = true;
        } else if (task instanceof Write write) {
          writes.add(write);
        } else if (task instanceof Compact compact) {
          writeAll(writes);
          writes.clear();
          runCompaction(compact.done());
        }
      }
      writeAll(writes);
      if (stop) {
        failRest(new StoreException("the journal in " + files.dir + " is closed"));
        return;
      }
      if (failure == null && files.compactionDue()) {
        runCompaction(new CompletableFuture<>());
      }
    }
  }

  private void writeAll(List<Write> writes) {
    if (writes.isEmpty()) {
      return;
    }
    if (failure != null) {
      writes.forEach(w -> w.done().completeExceptionally(failure));
      return;
    }
    long[] positions = new long[writes.size()];
    try {
      List<ByteBuffer> frames = new ArrayList<>(writes.size());
      for (Write write : writes) {
        frames.add(write.frame());
      }
      files.writeAll(frames, positions);
      files.force();
    } catch (IOException | RuntimeException e) {
      failure = new StoreException("cannot write the journal in " + files.dir + ": " + e.getMessage()
          + "; the commits not yet acknowledged are not committed. Open the journal again to go on", e);
      writes.forEach(w -> w.done().completeExceptionally(failure));
      return;
    }
    for (int i = 0; i < writes.size(); i++) {
      Write write = writes.get(i);
      try {
        if (write.commit() == null) {
          files.addEvent(write.event(), write.frame().limit());
        } else {
          // A part for an ended instance that the retention dropped after the commit was checked (by a
          // commit queued before it): committed, and dropped with its instance, as an open replays it.
          files.apply(files.withoutDropped(write.commit()), positions[i]);
          applied.accept(write.commit());
        }
        write.done().complete(null);
      } catch (RuntimeException e) {
        // Written but not applied: the indexes no longer match the files, so nothing more is taken.
        failure = new StoreException("a commit written to the journal in " + files.dir + " could not be applied to its"
            + " indexes (" + e.getMessage() + "); open the journal again to rebuild them", e);
        write.done().completeExceptionally(failure);
      }
    }
  }

  private void runCompaction(CompletableFuture<Void> done) {
    if (failure != null) {
      done.completeExceptionally(failure);
      return;
    }
    try {
      compactor.compact();
      done.complete(null);
    } catch (IOException | RuntimeException e) {
      failure = new StoreException("compaction of the journal in " + files.dir + " failed: " + e.getMessage()
          + "; the journal is as it was before, open it again to go on", e);
      done.completeExceptionally(failure);
    }
  }

  private void failRest(StoreException closed) {
    List<Object> rest = new ArrayList<>();
    queue.drainTo(rest);
    for (Object task : rest) {
      if (task instanceof Write write) {
        write.done().completeExceptionally(closed);
      } else if (task instanceof Compact compact) {
        compact.done().completeExceptionally(closed);
      }
    }
  }
}

package dev.flow.compiler.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * Independent pieces of the front end's work on more than one thread, their results in the order
 * of the pieces: what parsing, resolving the workflow bodies and the flow checks share
 * (architecture.md, "Threads"). The threads are the calling thread and tasks of the common
 * {@link java.util.concurrent.ForkJoinPool} (daemon threads), each taking the next piece not yet
 * taken until none is left; a task that no worker has started when the caller is done is run (and
 * finds nothing left) by the caller itself, so a busy pool delays nothing. Whoever puts the
 * results together does so in the order of the pieces, so the outcome is the same on any number
 * of threads.
 */
public final class Parallel {
  private Parallel() {}

  /**
   * {@code piece.apply(i)} for every {@code i} from 0 to {@code n - 1}, on up to {@code threads}
   * threads ({@code 1}: one after the other on the calling thread), the results in the order of
   * {@code i}.
   */
  public static <T> List<T> map(int n, int threads, IntFunction<T> piece) {
    if (threads <= 1 || n <= 1) {
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(piece.apply(i));
      }
      return out;
    }
    Object[] out = new Object[n];
    AtomicInteger next = new AtomicInteger();
    Runnable work = () -> {
      for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
        out[i] = piece.apply(i);
      }
    };
    List<ForkJoinTask<?>> tasks = new ArrayList<>(threads);
    for (int t = 0; t < Math.min(threads, n); t++) {
      tasks.add(ForkJoinTask.adapt(work));
    }
    ForkJoinTask.invokeAll(tasks); // the tasks' writes to out happen-before invokeAll returns
    @SuppressWarnings("unchecked")
    List<T> results = (List<T>) Arrays.asList(out);
    return results;
  }

  /**
   * {@code items} cut into at most {@code count} runs of consecutive items of about the same
   * weight, in order (their concatenation is {@code items}); none is empty.
   */
  public static <T> List<List<T>> chunks(List<T> items, int count, ToLongFunction<T> weight) {
    List<List<T>> out = new ArrayList<>();
    if (items.isEmpty()) {
      return out;
    }
    long total = 0;
    for (T item : items) {
      total += Math.max(1, weight.applyAsLong(item));
    }
    int runs = Math.max(1, Math.min(count, items.size()));
    long done = 0;
    int from = 0;
    for (int i = 0; i < items.size(); i++) {
      done += Math.max(1, weight.applyAsLong(items.get(i)));
      // the run ends once it reaches its share of the weight (the last one at the last item)
      if (done * runs >= total * (out.size() + 1) || i == items.size() - 1) {
        out.add(items.subList(from, i + 1));
        from = i + 1;
      }
    }
    return out;
  }
}

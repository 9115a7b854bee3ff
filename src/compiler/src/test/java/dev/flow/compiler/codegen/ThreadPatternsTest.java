package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The multi-merge, multiple-instance and thread patterns of Russell, ter Hofstede, van der Aalst
 * and Mulyar (2006) that Flow restates in its block structure (docs/language.md §9): workflows of
 * {@code execution/joins.flow} run on the engine, within one case.
 */
class ThreadPatternsTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/joins.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  /** The steps of the instance's open tasks, sorted (Temporal lists them in another order). */
  private List<String> open(String id) {
    return run.runtime().inbox().forInstance(id).stream().map(Task::step).sorted().toList();
  }

  private void complete(String id, String step, int index) {
    List<Task> tasks = run.runtime().inbox().forInstance(id).stream().filter(t -> t.step().equals(step)).toList();
    run.runtime().inbox().complete(tasks.get(index).id(), run.everyone, Map.of("note", "done"));
    run.settle();
  }

  private long occurrences(String id, String step) {
    return run.history(id).stream().filter(e -> e.startsWith("TASK_CREATED ") && e.endsWith("/" + step)).count();
  }

  @Test
  void wcp08MultiMerge() {
    String id = run.start("MultiMergeInCase", Map.of());
    assertEquals(List.of("perform(fast)", "perform(after fast)"), run.calls,
        "the first path to reach the merge passes it at once, without waiting for the other");
    assertEquals(List.of("review"), open(id), "the other path is still under way");
    assertEquals(InstanceState.WAITING, run.state(id));
    complete(id, "review", 0);
    assertEquals(List.of("perform(fast)", "perform(after fast)", "perform(after slow)"), run.calls,
        "the merge passes control on once more, for the second path: what follows runs twice");
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(1, run.instances().size(), "all in one case");
  }

  @Test
  void wcp12MultipleInstancesWithoutSynchronization() {
    String id = run.start("InstancesWithoutSync", Map.of("documents", List.of("a", "b", "c")));
    assertEquals(List.of("perform(carry on)"), run.calls, "the thread of control goes on without waiting");
    assertEquals(3, occurrences(id, "file"), "one instance of the task per document, in this case");
    assertEquals(List.of("close", "file", "file", "file"), open(id));
    complete(id, "file", 1);
    assertEquals(List.of("close", "file", "file"), open(id), "the instances run independently");
    run.approve(id, "close", true);
    assertEquals(List.of("file", "file"), open(id), "the main thread ended; nothing waits for the instances");
    assertEquals(InstanceState.WAITING, run.state(id), "the case lasts while an instance runs");
    complete(id, "file", 0);
    complete(id, "file", 0);
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(1, run.instances().size(), "all in one case");
  }

  @Test
  void wcp42ThreadSplit() {
    String id = run.start("Threads", Map.of());
    assertEquals(List.of("perform(prepare)"), run.calls);
    assertEquals(List.of("bill", "pick", "pick", "pick"), open(id), "three threads start at one point of one branch");
    assertEquals(3, occurrences(id, "pick"), "each thread its own occurrence of the same work");
    complete(id, "pick", 2);
    complete(id, "pick", 0);
    assertEquals(List.of("bill", "pick"), open(id), "each thread runs on its own");
    assertEquals(1, run.instances().size(), "all in one case");
  }

  @Test
  void wcp41ThreadMerge() {
    String id = run.start("Threads", Map.of());
    complete(id, "pick", 0);
    complete(id, "pick", 0);
    assertEquals(List.of("perform(prepare)"), run.calls, "two of the three threads have not merged yet");
    complete(id, "pick", 0);
    assertEquals(List.of("perform(prepare)", "perform(pack)"), run.calls, "the three threads merge into one: `pack` runs once");
    assertEquals(List.of("bill"), open(id), "the other branch is not merged");
    run.approve(id, "bill", true);
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(List.of("perform(prepare)", "perform(pack)"), run.calls);
  }

  @Test
  void wcp42ThreadSplitWithParallelTimes() {
    String id = run.start("ThreadsTimes", Map.of("pickers", 3L));
    assertEquals(List.of("perform(prepare)"), run.calls);
    assertEquals(List.of("bill", "pick", "pick", "pick"), open(id), "`parallel 3 times` starts three threads at one point");
    assertEquals(3, occurrences(id, "pick"), "each thread its own occurrence of the same work");
    complete(id, "pick", 2);
    complete(id, "pick", 0);
    assertEquals(List.of("bill", "pick"), open(id), "each thread runs on its own");
    assertEquals(List.of("perform(prepare)"), run.calls, "the merge waits for the last thread");
    assertEquals(1, run.instances().size(), "all in one case");
  }

  @Test
  void wcp41ThreadMergeWithParallelTimes() {
    String id = run.start("ThreadsTimes", Map.of("pickers", 4L));
    assertEquals(4, occurrences(id, "pick"), "the count is an expression, here an input");
    for (int i = 0; i < 3; i++) {
      complete(id, "pick", 0);
    }
    assertEquals(List.of("perform(prepare)"), run.calls, "three of the four threads have not merged the branch yet");
    complete(id, "pick", 0);
    assertEquals(List.of("perform(prepare)", "perform(pack)"), run.calls, "the four threads merge into one: `pack` runs once");
    assertEquals(List.of("bill"), open(id), "the other branch is not merged");
    run.approve(id, "bill", true);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void parallelTimesWithALiteralCount() {
    String id = run.start("ThreeThreads", Map.of());
    assertEquals(List.of("pick", "pick", "pick"), open(id));
    assertEquals(List.of("thread[1]/pick", "thread[2]/pick", "thread[3]/pick"),
        run.instance(id).historyOf("pick").stream().filter(e -> e.type() == HistoryEvent.Type.TASK_CREATED)
            .map(HistoryEvent::stepId).sorted().toList(), "each thread its own occurrence, numbered");
    complete(id, "pick", 1);
    complete(id, "pick", 0);
    assertEquals(List.of(), run.calls);
    complete(id, "pick", 0);
    assertEquals(List.of("perform(pack)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void parallelTimesWithNoThreadsGoesOn() {
    String id = run.start("ThreadsTimes", Map.of("pickers", 0L));
    assertEquals(List.of("perform(prepare)", "perform(pack)"), run.calls, "a count below 1 at run time runs no thread");
    assertEquals(List.of("bill"), open(id));
  }

  @Test
  void eachThreadReadsItsOwnNumberOnceFromOneToN() {
    String id = run.start("NumberedThreads", Map.of("pickers", 4L));
    assertEquals(List.of("pick", "pick", "pick", "pick"), open(id), "the four threads run at once");
    assertEquals(List.of("picker[1]/pick", "picker[2]/pick", "picker[3]/pick", "picker[4]/pick"),
        run.instance(id).historyOf("pick").stream().filter(e -> e.type() == HistoryEvent.Type.TASK_CREATED)
            .map(HistoryEvent::stepId).sorted().toList(), "the history names each thread by its number");
    complete(id, "pick", 2);
    complete(id, "pick", 0);
    complete(id, "pick", 1);
    assertEquals(3, run.calls.size(), "three threads labelled, one still picking");
    complete(id, "pick", 0);
    assertEquals(List.of("perform(thread 1 of 4)", "perform(thread 2 of 4)", "perform(thread 3 of 4)",
        "perform(thread 4 of 4)"), run.calls.subList(0, 4).stream().sorted().toList(),
        "each thread saw a different number, and the numbers are exactly 1 to N");
    assertEquals(List.of("perform(pack)"), run.calls.subList(4, run.calls.size()), "then the threads merge");
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  /** The step ids of the instance's history entries of a type for a step, sorted. */
  private List<String> ids(String id, String step, HistoryEvent.Type type) {
    return run.instance(id).historyOf(step).stream().filter(e -> e.type() == type).map(HistoryEvent::stepId).sorted()
        .toList();
  }

  @Test
  void wcp08MultiMergeWithAfterEachBranch() {
    String id = run.start("MultiMerge", Map.of());
    assertEquals(List.of("perform(fast)", "perform(after fast)"), run.calls,
        "the first branch to end passes the merge at once, without waiting for the other");
    assertEquals(List.of("check", "review"), open(id), "its run of `after each branch` and the other branch run side by side");
    complete(id, "check", 0);
    assertEquals(List.of("perform(fast)", "perform(after fast)", "perform(noted fast: done)"), run.calls,
        "the run reads its own step results");
    assertEquals(List.of("review"), open(id));
    assertEquals(InstanceState.WAITING, run.state(id), "what follows the statement waits for the other branch");
    complete(id, "review", 0);
    assertEquals(List.of("perform(fast)", "perform(after fast)", "perform(noted fast: done)", "perform(after slow)"),
        run.calls, "the merge passes control on once more, for the second branch: the block runs again");
    assertEquals(List.of("check"), open(id));
    complete(id, "check", 0);
    assertEquals(List.of("perform(fast)", "perform(after fast)", "perform(noted fast: done)", "perform(after slow)",
        "perform(noted slow: done)", "perform(done)"), run.calls,
        "once per branch that ran (not for the one whose `when` did not hold); the statement ends after the last run");
    assertEquals(List.of("fast/after[1]/merged", "slow/after[1]/merged"), ids(id, "merged", HistoryEvent.Type.ACTION_COMPLETED),
        "each run its own occurrence of the block's steps");
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(1, run.instances().size(), "all in one case");
  }

  @Test
  void wcp08MultiMergeRunsOverlap() {
    String id = run.start("MultiMerge", Map.of());
    complete(id, "review", 0);
    assertEquals(List.of("check", "check"), open(id), "two runs of the block at once, one per branch");
    assertEquals(2, occurrences(id, "check"));
    complete(id, "check", 1);
    complete(id, "check", 0);
    assertEquals(List.of("perform(fast)", "perform(after fast)", "perform(after slow)"), run.calls.subList(0, 3));
    assertEquals("perform(done)", run.calls.get(run.calls.size() - 1));
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void aSingleNumberedThreadIsNumberOne() {
    String id = run.start("NumberedThreads", Map.of("pickers", 1L));
    complete(id, "pick", 0);
    assertEquals(List.of("perform(thread 1 of 1)", "perform(pack)"), run.calls);
  }

  @Test
  void wcp12MultipleInstancesWithStartEach() {
    String id = run.start("StartEach", Map.of("documents", List.of("a", "b", "c")));
    assertEquals(List.of("perform(carry on)"), run.calls, "the thread of control goes on at once, without waiting");
    assertEquals(3, occurrences(id, "file"), "one instance of the block per document, in this case");
    assertEquals(List.of("document[1]/file", "document[2]/file", "document[3]/file"),
        ids(id, "file", HistoryEvent.Type.TASK_CREATED));
    assertEquals(List.of("close", "file", "file", "file"), open(id));
    complete(id, "file", 1);
    assertEquals(1, run.calls.stream().filter(c -> c.startsWith("perform(filed ")).count(), "the instances run independently");
    assertEquals(List.of("close", "file", "file"), open(id));
    run.approve(id, "close", true);
    assertEquals(List.of("file", "file"), open(id), "the main thread ended; nothing waited for the instances");
    assertEquals(InstanceState.WAITING, run.state(id), "the case lasts while an instance runs (WCP 11)");
    complete(id, "file", 0);
    complete(id, "file", 0);
    assertEquals(3, run.calls.stream().filter(c -> c.startsWith("perform(filed ")).count());
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(1, run.instances().size(), "all in one case");
  }

  @Test
  void startEachWithNoItemsGoesOn() {
    String id = run.start("StartEach", Map.of("documents", List.of()));
    assertEquals(List.of("perform(carry on)"), run.calls);
    run.approve(id, "close", true);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void completeCancelsTheInstancesOfStartEach() {
    String id = run.start("StartEachThenComplete", Map.of());
    assertEquals(List.of("close", "file", "file"), open(id));
    run.approve(id, "close", true);
    assertEquals(InstanceState.COMPLETED, run.state(id), "`complete` ends the instance without waiting");
    assertEquals(List.of(), open(id), "the instances still running are withdrawn");
  }
}

package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The state-based and trigger patterns of Russell, ter Hofstede, van der Aalst and Mulyar (2006)
 * that in-case signals ({@code signal NAME}, {@code wait for NAME}) express, with {@code first},
 * and the critical section ({@code exclusive NAME}):
 * workflows of {@code execution/joins.flow}, compiled to Java and run on the engine.
 */
class SignalPatternsTest {
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

  @Test
  void wcp18Milestone() {
    String id = run.start("Milestone", Map.of());
    assertEquals(List.of("check"), run.openSteps(id), "before the milestone is reached the correction is not offered");
    assertEquals(0, run.count(id, HistoryEvent.Type.SIGNAL_RAISED));
    run.approve(id, "check", true);
    assertEquals(List.of("dispatch", "correctOrder"), run.openSteps(id), "while the milestone holds the correction is offered");
    run.complete(id, "correctOrder", Map.of("change", "two more"));
    assertEquals(Task.Status.COMPLETED, run.taskStatus(id, "correctOrder"), "done while the milestone held");
    run.approve(id, "dispatch", true);
    assertEquals(InstanceState.COMPLETED, run.state(id));

    String late = run.start("Milestone", Map.of());
    run.approve(late, "check", true);
    run.approve(late, "dispatch", true);
    assertEquals(InstanceState.COMPLETED, run.state(late), "once past the milestone, the correction is no longer possible");
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(late, "correctOrder"), "its offer is withdrawn");
  }

  @Test
  void wcp24PersistentTrigger() {
    String id = run.start("PersistentTrigger", Map.of());
    assertEquals(1, run.count(id, HistoryEvent.Type.SIGNAL_RAISED), "the trigger is sent before anyone waits for it");
    assertEquals(List.of(), run.calls);
    run.approve(id, "prepare", true);
    assertEquals(List.of("perform(proceed)"), run.calls, "it was kept, and the branch takes it when it gets there");
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(1, run.count(id, HistoryEvent.Type.SIGNAL_TAKEN));
  }

  @Test
  void wcp25CancelRegion() {
    String done = run.start("CancelRegion", Map.of());
    run.approve(done, "goOn", true);
    run.complete(done, "taskOne", Map.of("note", "1"));
    run.complete(done, "taskTwo", Map.of("note", "2"));
    assertEquals(Map.of("outcome", "done"), run.output(done));

    String aborted = run.start("CancelRegion", Map.of());
    run.complete(aborted, "taskOne", Map.of("note", "1"));
    assertEquals(List.of("taskTwo", "goOn"), run.openSteps(aborted));
    run.approve(aborted, "goOn", false);
    assertEquals(Map.of("outcome", "aborted"), run.output(aborted), "a signal from inside the region cancels it");
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(aborted, "taskTwo"), "every open task of the region is withdrawn");
    assertEquals(Task.Status.COMPLETED, run.taskStatus(aborted, "taskOne"), "what was done stays done");
  }

  @Test
  void wcp25CancelRegionFromOutsideIt() {
    String id = run.start("CancelRegionFromOutside", Map.of());
    assertEquals(List.of("goOn", "taskOne", "taskTwo"), run.openSteps(id).stream().sorted().toList());
    run.complete(id, "taskOne", Map.of("note", "1"));
    run.approve(id, "goOn", false);
    assertEquals(List.of("perform(outside done)", "perform(region cancelled)"), run.calls.stream().sorted().toList(),
        "the signal from outside cancels the region; the branch outside goes on");
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "taskTwo"), "the region's open task is withdrawn");
    assertEquals(Task.Status.COMPLETED, run.taskStatus(id, "taskOne"), "what was done stays done");
    assertEquals(InstanceState.COMPLETED, run.state(id));

    run.calls.clear();
    String kept = run.start("CancelRegionFromOutside", Map.of());
    run.approve(kept, "goOn", true);
    assertEquals(List.of("perform(outside done)"), run.calls, "no signal: the region runs on");
    run.complete(kept, "taskOne", Map.of("note", "1"));
    run.complete(kept, "taskTwo", Map.of("note", "2"));
    assertEquals(List.of("perform(outside done)", "perform(region done)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(kept));
  }

  @Test
  void oneSignalLetsOneWaitGoOn() {
    String id = run.start("SignalTwice", Map.of());
    assertEquals(List.of("perform(one)"), run.calls, "one signal, one waiting branch goes on (the first in source order)");
    run.approve(id, "more", true);
    assertEquals(List.of("perform(one)", "perform(two)"), run.calls, "the second signal lets the other go on");
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp39CriticalSection() {
    String id = run.start("CriticalSection", Map.of());
    assertEquals(List.of("bookSale"), run.openSteps(id), "one block of the section runs; the other waits to enter it");
    assertEquals(List.of("perform(prepare refund)"), run.calls, "work outside the section goes on");
    run.complete(id, "bookSale", Map.of("amount", 5));
    assertEquals(List.of("bookRefund"), run.openSteps(id), "once the first block has ended, the other enters");
    assertEquals(List.of("perform(prepare refund)", "perform(post sale)"), run.calls);
    run.complete(id, "bookRefund", Map.of("amount", 2));
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(List.of("perform(prepare refund)", "perform(post sale)", "perform(post refund)"), run.calls);
    assertEquals(2, run.count(id, HistoryEvent.Type.EXCLUSIVE_ENTERED));
    assertEquals(2, run.count(id, HistoryEvent.Type.EXCLUSIVE_LEFT));
  }

  @Test
  void wcp40InterleavedRouting() {
    String id = run.start("InterleavedRouting", Map.of());
    assertEquals(List.of("checkA", "checkB", "checkC"), sortedOpen(id),
        "every branch's task is offered at once: the order is decided at run time, by who picks what");
    run.claim(id, "checkC", "ann");
    assertEquals(1, run.count(id, HistoryEvent.Type.EXCLUSIVE_ENTERED), "the claim of the last branch's task takes the section");
    TaskException held = assertThrows(TaskException.class, () -> run.claim(id, "checkA", "bob"));
    assertTrue(held.getMessage().contains("held back") && held.getMessage().contains("branch `c`"), held.getMessage());
    assertThrows(TaskException.class, () -> run.completeAs(id, "checkB", "bob", Map.of("note", "b")),
        "no two branches at the same time: a completion is held back as a claim is");
    assertEquals(List.of("checkA", "checkB", "checkC"), sortedOpen(id), "the others stay offered, once each");

    run.release(id, "checkC", "ann");
    assertEquals(1, run.count(id, HistoryEvent.Type.EXCLUSIVE_LEFT), "a release gives the section back");
    run.claim(id, "checkB", "bob");
    assertThrows(TaskException.class, () -> run.claim(id, "checkC", "ann"), "now b holds it");
    run.completeAs(id, "checkB", "bob", Map.of("note", "b"));
    assertEquals(List.of("checkA", "checkC"), sortedOpen(id));

    run.completeAs(id, "checkC", "ann", Map.of("note", "c"));
    assertEquals(List.of(), run.calls, "the work after waits for every branch");
    run.complete(id, "checkA", Map.of("note", "a"));
    assertEquals(List.of("perform(after)"), run.calls, "each task ran once, then the join");
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(3, run.count(id, HistoryEvent.Type.TASK_CREATED), "each task was offered once");
    assertEquals(3, run.count(id, HistoryEvent.Type.TASK_COMPLETED), "and done once");
    assertEquals(4, run.count(id, HistoryEvent.Type.EXCLUSIVE_ENTERED), "c (released), then b, c and a in turn");
    assertEquals(4, run.count(id, HistoryEvent.Type.EXCLUSIVE_LEFT));
  }

  @Test
  void wcp17InterleavedByClaim() {
    String id = run.start("InterleavedByClaim", Map.of());
    assertEquals(List.of("checkInvoice", "countGoods"), sortedOpen(id), "both branches' first tasks are offered");
    run.claim(id, "countGoods", "ann");
    run.completeAs(id, "countGoods", "ann", Map.of("note", "12"));
    assertEquals(List.of("perform(shelve goods)"), run.calls, "the goods branch goes on, its steps in their order");
    assertEquals(List.of("checkInvoice", "signGoods"), sortedOpen(id));
    TaskException held = assertThrows(TaskException.class, () -> run.claim(id, "checkInvoice", "bob"),
        "the goods branch keeps the section over all its steps");
    assertTrue(held.getMessage().contains("branch `goods`"), held.getMessage());
    run.completeAs(id, "signGoods", "ann", Map.of("note", "signed"));
    run.claim(id, "checkInvoice", "bob");
    run.completeAs(id, "checkInvoice", "bob", Map.of("note", "paid"));
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(3, run.count(id, HistoryEvent.Type.TASK_COMPLETED), "each task once");
  }

  @Test
  void aReleaseLetsAWaitingBranchIn() {
    String id = run.start("InterleavedMixed", Map.of());
    run.claim(id, "review", "ann");
    run.advance(java.time.Duration.ofHours(2));
    assertEquals(List.of(), run.calls, "the archive branch's wait has ended, but the claimed review holds the section");
    run.release(id, "review", "ann");
    assertEquals(List.of("perform(archive)"), run.calls, "the release gave the section back: the waiting branch took it");
    run.claim(id, "review", "ann");
    run.completeAs(id, "review", "ann", Map.of("note", "ok"));
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(3, run.count(id, HistoryEvent.Type.EXCLUSIVE_ENTERED), "review, archive, review");
    assertEquals(3, run.count(id, HistoryEvent.Type.EXCLUSIVE_LEFT));
  }

  private List<String> sortedOpen(String id) {
    return run.openSteps(id).stream().sorted().toList();
  }

  @Test
  void wcp17InterleavedParallelRouting() {
    String id = run.start("InterleavedByArrival", Map.of());
    assertEquals(List.of(), run.openSteps(id));
    run.publish(run.event("Arrived", Map.of("kind", "letter")));
    assertEquals(List.of("openLetter"), run.openSteps(id), "the letter came first: its branch takes the first turn");
    run.publish(run.event("Arrived", Map.of("kind", "parcel")));
    assertEquals(List.of("openLetter"), run.openSteps(id), "the parcel waits for its turn: never two at the same time");
    run.complete(id, "openLetter", Map.of("note", "read"));
    assertEquals(List.of("unpackParcel"), run.openSteps(id), "then the parcel's branch, its steps in their order");
    assertEquals(List.of(), run.calls);
    run.complete(id, "unpackParcel", Map.of("note", "ok"));
    assertEquals(List.of("perform(shelve parcel)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(2, run.count(id, HistoryEvent.Type.TASK_CREATED), "each task once");
  }
}

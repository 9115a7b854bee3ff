package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import dev.flow.runtime.WorkflowInstance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WCP 25, cancel region (Russell, ter Hofstede, van der Aalst and Mulyar 2006): "the ability to
 * disable a set of tasks in a process instance. If any of the tasks are already executing (or are
 * currently enabled), then they are withdrawn. The tasks need not be a connected subset of the
 * overall process model." The region is {@code region NAME { … }} blocks anywhere in the workflow,
 * {@code cancel region NAME} disables them: workflows of {@code execution/regions.flow}, compiled to
 * Java and run on the engine.
 */
class RegionPatternsTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/regions.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  @Test
  void wcp25CancelRegionOfBlocksAnywhere() {
    String id = run.start("CancelRegionAnywhere", Map.of());
    assertEquals(List.of("auditForm", "goOn", "lateStart"), sortedOpen(id),
        "the region's block in `intake` offers its task; the one in `late` is not reached yet");
    WorkflowInstance audit = child();
    assertEquals(List.of("childCheck"), run.openSteps(audit.id()), "the region's block in `payment` runs a called workflow");
    assertEquals(List.of("perform(payment checked)"), run.calls);

    run.approve(id, "goOn", false);
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "auditForm"), "the open task of one block is withdrawn");
    assertEquals(InstanceState.CANCELLED, run.state(audit.id()), "the workflow another block called is cancelled");
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(audit.id(), "childCheck"));
    assertEquals(List.of("perform(after form audit)", "perform(after payment audit)", "perform(controlled)",
        "perform(payment checked)"), sortedCalls(),
        "each branch goes on after its block; what the blocks did before the cancel stays done, the rest never runs");
    assertEquals(List.of("lateStart"), run.openSteps(id), "work outside the region is not touched");
    assertEquals(1, run.count(id, HistoryEvent.Type.REGION_CANCELLED));
    assertEquals(List.of("audit cancelled", "audit cancelled"), ended(id), "both running blocks ended by the cancel");

    run.complete(id, "lateStart", Map.of("note", "late"));
    assertTrue(run.runtime().inbox().all().stream().noneMatch(t -> t.step().equals("lateAudit")),
        "a block reached after the cancel is skipped: its task is never offered (the cancel is persistent)");
    assertEquals(List.of("audit cancelled", "audit cancelled", "audit cancelled"), ended(id));
    assertEquals(2, run.count(id, HistoryEvent.Type.REGION_ENTERED), "the skipped block was never entered");
    assertTrue(run.calls.contains("perform(after late audit)"), "its branch goes on after it");
    assertEquals("perform(finished)", run.calls.get(run.calls.size() - 1), "the workflow goes on after the parallel");
    assertFalse(run.calls.contains("perform(form audited)") || run.calls.contains("perform(payment audited)"));
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp25RegionNotCancelledRunsEveryBlock() {
    String id = run.start("CancelRegionAnywhere", Map.of());
    run.approve(id, "goOn", true);
    run.complete(id, "lateStart", Map.of("note", "late"));
    assertEquals(List.of("auditForm", "lateAudit"), sortedOpen(id), "without a cancel, a later block runs when reached");
    run.complete(id, "auditForm", Map.of("note", "ok"));
    run.complete(id, "lateAudit", Map.of("note", "ok"));
    run.complete(child().id(), "childCheck", Map.of("note", "ok"));
    run.advance(java.time.Duration.ofDays(2));
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertTrue(run.calls.containsAll(List.of("perform(form audited)", "perform(payment audited)",
        "perform(after late audit)", "perform(finished)")), run.calls::toString);
    assertEquals(List.of("audit", "audit", "audit"), ended(id), "every block ended by reaching its end");
    assertEquals(0, run.count(id, HistoryEvent.Type.REGION_CANCELLED));
  }

  @Test
  void wcp25CancelRegionFromInsideABlockOfIt() {
    String id = run.start("RegionCancelsItself", Map.of());
    assertEquals(List.of("keep", "otherReview"), sortedOpen(id));
    run.approve(id, "keep", false);
    assertEquals(Task.Status.WITHDRAWN, run.taskStatus(id, "otherReview"), "the other block of the region is withdrawn");
    assertEquals(Task.Status.COMPLETED, run.taskStatus(id, "keep"), "what was done stays done");
    assertEquals(List.of("perform(after checking)", "perform(after other)"), sortedCalls(),
        "the rest of the cancelling block does not run; both branches go on after their blocks");
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void aBlockThatFailedBeforeTheCancelStaysFailed() {
    String id = run.start("FailedBeforeTheCancel", Map.of());
    run.approve(id, "check", false);
    assertEquals(List.of("perform(recovered)"), run.calls, "the block failed; the `catch` took it");
    run.approve(id, "stop", true);
    assertEquals(List.of("perform(recovered)", "perform(stopped)"), run.calls,
        "replayed after the cancel, the block still failed: it is not taken for cancelled, and nothing after it runs");
    assertEquals(List.of("review"), ended(id), "it ended before the cancel, not by it");
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  private WorkflowInstance child() {
    return run.instances().stream().filter(i -> i.workflow().endsWith("AuditChild")).findFirst().orElseThrow();
  }

  private List<String> sortedOpen(String id) {
    return run.openSteps(id).stream().sorted().toList();
  }

  private List<String> sortedCalls() {
    return run.calls.stream().sorted().toList();
  }

  private List<String> ended(String id) {
    return run.instance(id).history().stream().filter(e -> e.type() == HistoryEvent.Type.REGION_ENDED)
        .map(HistoryEvent::detail).toList();
  }
}

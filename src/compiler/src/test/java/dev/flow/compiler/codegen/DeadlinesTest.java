package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Breach;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Time limits computed from values, deadlines that end the instance, and timestamp literals
 * (issue 11, deadlines), on generated code: {@code execution/deadlines.flow} compiled to Java,
 * compiled in-process and run on the engine with a manual clock.
 */
class DeadlinesTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/deadlines.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  private List<Breach> breaches(String id) {
    return run.runtime().breaches().stream().filter(b -> b.instanceId().equals(id)).toList();
  }

  private List<String> messages(String id) {
    return run.runtime().notifications().stream().filter(n -> n.instanceId().equals(id)).map(Notification::message).toList();
  }

  @Test
  void aPersonsTimeLimitIsComputedWhenTheTaskIsCreated() {
    String id = run.start("Computed", Map.of("days", 3));
    run.advance(Duration.ofDays(3).minusMinutes(1));
    assertEquals(List.of(), breaches(id), "three days, not a fixed limit");
    run.advance(Duration.ofMinutes(1));
    Breach breach = breaches(id).get(0);
    assertEquals(Duration.ofDays(3), breach.limit());
    assertEquals("review", breach.step());
    assertEquals(InstanceState.WAITING, run.state(id), "a person's time limit never stops the work");
    assertTrue(messages(id).get(0).contains("time limit 3d"), messages(id)::toString);
  }

  @Test
  void aReceivesTimeLimitIsComputedToo() {
    String id = run.start("ReceiveLimit", Map.of("order", "A-1", "hours", 2));
    run.advance(Duration.ofHours(1));
    assertEquals(InstanceState.WAITING, run.state(id));
    run.advance(Duration.ofHours(1));
    assertEquals(Map.of("outcome", "no Paid arrived within 2h"), run.output(id));
    String paid = run.start("ReceiveLimit", Map.of("order", "B-2", "hours", 2));
    run.publish(run.event("Paid", Map.of("order", "B-2")));
    assertEquals(Map.of("outcome", "paid"), run.output(paid));
  }

  @Test
  void aDeadlineThatCancelsWithdrawsTheTaskAndUndoesTheCompletedSteps() {
    String id = run.start("CancelAtDeadline", Map.of("client", "Acme", "days", 2));
    assertEquals(List.of("book(Acme)"), run.calls);
    run.advance(Duration.ofDays(2));
    assertEquals(InstanceState.CANCELLED, run.state(id));
    assertEquals("no answer from Acme within 2 days", run.instance(id).cancelReason().orElseThrow());
    assertEquals(List.of("book(Acme)", "unbook(book done)"), run.calls, "the booking is undone");
    assertTrue(run.runtime().inbox().forInstance(id).isEmpty(), "the open task is withdrawn");
    assertEquals(Duration.ofDays(2), breaches(id).get(0).limit(), "the breach is recorded");
    assertTrue(messages(id).stream().anyMatch(m -> m.contains("passed its deadline of 2d")), messages(id)::toString);
  }

  @Test
  void aDeadlineThatFailsEndsTheInstanceFailed() {
    String id = run.start("FailAtDeadline", Map.of());
    run.advance(Duration.ofHours(2));
    assertEquals(InstanceState.FAILED, run.state(id));
    assertEquals("not confirmed in time", run.instance(id).error().orElseThrow().message());
    assertEquals("deadline", run.instance(id).error().orElseThrow().step());
    assertTrue(run.runtime().inbox().forInstance(id).isEmpty());
  }

  @Test
  void aComputedDeadlineThatOnlyEscalatesLetsTheInstanceGoOn() {
    String id = run.start("EscalateOnly", Map.of("hours", 5));
    run.advance(Duration.ofHours(5));
    assertEquals(Duration.ofHours(5), breaches(id).get(0).limit());
    assertEquals(InstanceState.WAITING, run.state(id));
    run.complete(id, "confirm", Map.of());
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void aTimestampLiteralIsAnInstantWithItsOffset() {
    String id = run.start("Until", Map.of());
    assertEquals(InstanceState.WAITING, run.state(id));
    run.advance(Duration.ofMinutes(30));
    Map<String, Object> out = run.output(id);
    assertEquals(Instant.parse("2026-11-24T09:30:00Z"), out.get("at"), "10:30 at +01:00 is 09:30 UTC");
    assertEquals(true, out.get("late"));
  }
}

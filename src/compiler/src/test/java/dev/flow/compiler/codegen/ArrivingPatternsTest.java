package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WCP 15 (multiple instances without a priori run-time knowledge) and WCP 36 (dynamic partial
 * join for multiple instances) of Russell, ter Hofstede, van der Aalst and Mulyar (2006), written
 * {@code for each bid: Bid where … in parallel [join N] until closed: LotClosed where … { … }}:
 * workflows of {@code execution/arriving.flow} compiled to Java and run on the engine.
 */
class ArrivingPatternsTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/arriving.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  private List<Task> assessments(String id) {
    return run.runtime().inbox().forInstance(id).stream().filter(t -> t.step().equals("assess")).toList();
  }

  /** Completes one open valuation (the first the inbox lists) with a value. */
  private void value(String id, int value) {
    run.runtime().inbox().complete(assessments(id).get(0).id(), run.everyone, Map.of("value", value));
    run.settle();
  }

  private void bid(String lot, String bidder) {
    run.publish(run.event("Bid", Map.of("lot", lot, "bidder", bidder)));
  }

  private void closeLot(String lot, String reason) {
    run.publish(run.event("LotClosed", Map.of("lot", lot, "reason", reason)));
  }

  /** The bidders whose valuation was recorded, sorted. */
  private List<String> recorded() {
    return run.calls.stream().filter(c -> c.contains(": ")).map(c -> c.substring("perform(".length(), c.indexOf(':')))
        .sorted().toList();
  }

  @Test
  void wcp15MultipleInstancesWithoutAPrioriRunTimeKnowledge() {
    String id = run.start("ValueBids", Map.of("lot", "L1"));
    assertEquals(List.of(), assessments(id), "no instance before an item has arrived");
    bid("L1", "ann");
    assertEquals(1, assessments(id).size(), "an instance starts as soon as its item arrives");
    bid("L2", "zed");
    assertEquals(1, assessments(id).size(), "a bid for another lot is not an item of this set");
    bid("L1", "bob");
    assertEquals(2, assessments(id).size(), "a second instance is added while the first runs");
    value(id, 10);
    assertEquals(1, recorded().size(), "each instance runs on its own");
    assertTrue(run.calls.get(0).endsWith(": 10)"), run.calls.toString());
    bid("L1", "cid");
    assertEquals(2, assessments(id).size(), "instances are still added after others have ended");
    closeLot("L1", "sold");
    assertEquals(InstanceState.WAITING, run.state(id), "closing the set does not end the instances that run");
    assertEquals(2, assessments(id).size());
    bid("L1", "dan");
    assertEquals(2, assessments(id).size(), "no instance is added after the set has closed");
    value(id, 20);
    assertEquals(2, recorded().size());
    assertTrue(run.calls.stream().noneMatch(c -> c.startsWith("perform(report")), "the join waits for every instance");
    value(id, 30);
    assertEquals(List.of("ann", "bob", "cid"), recorded(), "one instance per item that arrived before the set closed");
    assertEquals("perform(report sold)", run.calls.get(run.calls.size() - 1),
        "the join fires once, after the set has closed and every instance has ended; the closing event is read after it");
    assertEquals(InstanceState.COMPLETED, run.state(id));
    assertEquals(1, run.instances().size(), "all in one case");
  }

  @Test
  void wcp15ASetClosedBeforeAnyItemHasNoInstance() {
    String id = run.start("ValueBids", Map.of("lot", "L1"));
    closeLot("L1", "withdrawn");
    assertEquals(List.of("perform(report withdrawn)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp36DynamicPartialJoinForMultipleInstances() {
    String id = run.start("FirstValuations", Map.of("lot", "L1"));
    bid("L1", "ann");
    bid("L1", "bob");
    assertEquals(2, assessments(id).size());
    value(id, 10);
    assertEquals(1, recorded().size());
    bid("L1", "cid");
    assertEquals(2, assessments(id).size(), "instances are added until the join fires");
    assertTrue(run.calls.stream().noneMatch(c -> c.equals("perform(shortlist)")), "one instance has ended, the join needs two");
    value(id, 20);
    assertEquals(2, recorded().size());
    assertEquals("perform(shortlist)", run.calls.get(run.calls.size() - 1), "the join fires when the second instance ends");
    assertEquals(1, assessments(id).size(), "the remaining instance runs on");
    bid("L1", "dan");
    assertEquals(1, assessments(id).size(), "once the join has fired, no instance is added");
    assertEquals(InstanceState.WAITING, run.state(id), "the case waits for the instance that runs on");
    value(id, 30);
    assertEquals(List.of("ann", "bob", "cid"), recorded());
    assertEquals(1, run.calls.stream().filter(c -> c.equals("perform(shortlist)")).count(), "the join fires once");
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void wcp36ASetClosedWithFewerItemsThanTheJoinWaitsFor() {
    String id = run.start("FirstValuations", Map.of("lot", "L1"));
    bid("L1", "ann");
    closeLot("L1", "sold");
    assertTrue(run.calls.isEmpty(), "the one instance has not ended");
    value(id, 10);
    assertEquals(List.of("perform(ann: 10)", "perform(shortlist)"), run.calls,
        "with fewer items than N, the join fires when every instance has ended");
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  /** The calls that recorded a reading or valuation, in the order they happened. */
  private List<String> reads() {
    return run.calls.stream().filter(c -> c.contains(": ")).toList();
  }

  @Test
  void aTimeLimitClosesTheSetAndTheRoundsRunOn() {
    String id = run.start("TimedBids", Map.of("lot", "L1"));
    bid("L1", "ann");
    run.advance(Duration.ofDays(1));
    bid("L1", "bob");
    assertEquals(2, assessments(id).size(), "items are taken until the time limit");
    run.advance(Duration.ofDays(1).plusMinutes(1));
    bid("L1", "cid");
    assertEquals(2, assessments(id).size(), "no item is taken after the time limit has passed");
    assertEquals(InstanceState.WAITING, run.state(id), "the rounds that run are not cut off by the time limit");
    value(id, 1);
    value(id, 2);
    assertEquals(List.of("ann", "bob"), recorded());
    assertEquals("perform(report)", run.calls.get(run.calls.size() - 1), "after the time limit and every round");
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void aTimeLimitWithNoItemEndsTheLoopWhenItPasses() {
    String id = run.start("TimedBids", Map.of("lot", "L1"));
    run.advance(Duration.ofDays(1));
    assertEquals(InstanceState.WAITING, run.state(id));
    run.advance(Duration.ofDays(1));
    assertEquals(List.of("perform(report)"), run.calls);
    assertEquals(InstanceState.COMPLETED, run.state(id));
  }

  @Test
  void theClosingEventBeforeTheTimeLimitClosesTheSet() {
    String id = run.start("TimedOrClosedBids", Map.of("lot", "L1", "days", 3));
    bid("L1", "ann");
    closeLot("L1", "sold");
    bid("L1", "bob");
    assertEquals(List.of("perform(ann: seen)", "perform(report)"), run.calls, "closed by the event, not the time limit");
    assertEquals(InstanceState.COMPLETED, run.state(id));
    run.advance(Duration.ofDays(4));
    assertEquals(2, run.calls.size(), "the time limit's timer was cancelled with the arrival");
  }

  @Test
  void theTimeLimitBeforeTheClosingEventClosesTheSet() {
    String id = run.start("TimedOrClosedBids", Map.of("lot", "L1", "days", 1));
    bid("L1", "ann");
    run.advance(Duration.ofHours(23));
    bid("L1", "bob");
    run.advance(Duration.ofHours(2));
    assertEquals(InstanceState.COMPLETED, run.state(id), "the limit computed from the input (1 day) has passed");
    bid("L1", "cid");
    closeLot("L1", "sold");
    assertEquals(List.of("perform(ann: seen)", "perform(bob: seen)", "perform(report)"), run.calls);
  }

  @Test
  void aQuietTimeOnTheItemClosesTheSetWhenNoItemHasComeForThatLong() {
    String id = run.start("QuietReadings", Map.of("lot", "L1"));
    bid("L1", "ann");
    run.advance(Duration.ofMinutes(50));
    bid("L1", "bob");
    run.advance(Duration.ofMinutes(50));
    assertEquals(InstanceState.WAITING, run.state(id), "100 minutes since the start, but only 50 since the last item");
    bid("L1", "cid");
    run.advance(Duration.ofMinutes(59));
    assertEquals(InstanceState.WAITING, run.state(id));
    run.advance(Duration.ofMinutes(2));
    assertEquals(List.of("perform(ann: read)", "perform(bob: read)", "perform(cid: read)"), reads());
    assertEquals("perform(report)", run.calls.get(run.calls.size() - 1), "an hour without an item closed the set");
    assertEquals(InstanceState.COMPLETED, run.state(id));
    bid("L1", "dan");
    assertEquals(3, reads().size());
  }

  @Test
  void theOverallTimeLimitClosesASetWhoseItemsKeepComing() {
    String id = run.start("QuietReadings", Map.of("lot", "L1"));
    for (int i = 0; i < 30; i++) {
      bid("L1", "r" + i);
      run.advance(Duration.ofMinutes(50));
    }
    assertEquals(InstanceState.COMPLETED, run.state(id), "the day's limit has passed though the quiet time never did");
    assertEquals(29, reads().size(), "readings at 0, 50, … 1400 minutes are in; the one at 1450 came after the day");
  }
}

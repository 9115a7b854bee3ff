package dev.flow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaseMeasuresTest {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private final List<LogEntry> entries = new ArrayList<>();
  private final List<LogCase> cases = new ArrayList<>();

  /** An instance of {@code shop.W} that started at {@code start} hours and ended at {@code end} hours in {@code state}. */
  private void instance(String id, String workflow, String parent, int start, int end, InstanceState state) {
    String simple = workflow.substring(workflow.lastIndexOf('.') + 1);
    cases.add(new LogCase(id, workflow, 1, "shop.Sales", state, parent));
    entries.add(new LogEntry(id, workflow, simple, "start", T0.plus(Duration.ofHours(start)), ""));
    if (end >= 0) {
      entries.add(new LogEntry(id, workflow, simple, "complete", T0.plus(Duration.ofHours(end)), ""));
    }
  }

  private void step(String id, String workflow, String step, int hours) {
    entries.add(new LogEntry(id, workflow, step, "complete", T0.plus(Duration.ofHours(hours)), "ann"));
  }

  private CaseMeasures.Figures figures(String from, String to, Duration target) {
    return CaseMeasures.of(new EventLog(entries, cases)).figures(from, to, Optional.ofNullable(target));
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleCases() {
    instance("a", "shop.Order", "", 0, 2, InstanceState.COMPLETED);
    instance("b", "shop.Order", "", 0, 4, InstanceState.COMPLETED);
    instance("c", "shop.Order", "", 0, 10, InstanceState.COMPLETED);
    instance("d", "shop.Order", "", 0, 20, InstanceState.COMPLETED);

    CaseMeasures.Figures figures = figures("shop.Order.start", "shop.Order.end", Duration.ofHours(5));

    assertEquals(4, figures.count());
    assertEquals(Optional.of(Duration.ofHours(7)), figures.median());
    assertEquals(Optional.of(Duration.ofHours(20)), figures.p90());
    assertEquals(Optional.of(0.5), figures.withinTarget());
    assertEquals(0, figures.open());
  }

  @Test
  void anInstanceThatFailedOrWasCancelledNeverReachesItsEndAndStaysOpen() {
    instance("a", "shop.Order", "", 0, 3, InstanceState.COMPLETED);
    instance("b", "shop.Order", "", 0, 1, InstanceState.FAILED);
    instance("c", "shop.Order", "", 0, 2, InstanceState.CANCELLED);
    instance("d", "shop.Order", "", 0, -1, InstanceState.RUNNING);

    CaseMeasures.Figures figures = figures("shop.Order.start", "shop.Order.end", null);

    assertEquals(List.of(Duration.ofHours(3)), figures.durations());
    assertEquals(3, figures.open());
    assertEquals(Optional.empty(), figures.withinTarget());
  }

  @Test
  void aCaseIsAFamilyOfInstancesFollowedThroughTheirParents() {
    instance("order", "shop.Order", "", 0, 1, InstanceState.COMPLETED);
    instance("ship", "shop.Shipping", "order", 1, 30, InstanceState.COMPLETED);
    step("ship", "shop.Shipping", "deliver", 26);

    CaseMeasures.Figures figures = figures("shop.Order.start", "shop.Shipping.deliver", null);

    assertEquals(List.of(Duration.ofHours(26)), figures.durations());
  }

  @Test
  void aStartsAfterSuccessorWithoutAParentIsLinkedToThePredecessorThatEndedAsItStarted() {
    instance("order1", "shop.Order", "", 0, 5, InstanceState.COMPLETED);
    instance("order2", "shop.Order", "", 1, 7, InstanceState.COMPLETED);
    instance("ship1", "shop.Shipping", "", 5, 9, InstanceState.COMPLETED);
    instance("ship2", "shop.Shipping", "", 7, 20, InstanceState.COMPLETED);
    EventLog log = new EventLog(entries, cases);

    CaseMeasures.Figures unlinked = CaseMeasures.of(log).figures("shop.Order.start", "shop.Shipping.end", Optional.empty());
    CaseMeasures.Figures linked = CaseMeasures.of(log, Map.of("shop.Shipping", List.of("shop.Order")))
        .figures("shop.Order.start", "shop.Shipping.end", Optional.empty());

    assertEquals(0, unlinked.count());
    assertEquals(2, unlinked.open());
    assertEquals(List.of(Duration.ofHours(9), Duration.ofHours(19)), linked.durations());
  }

  @Test
  void theSecondMilestoneCountsOnlyFromTheFirst() {
    instance("a", "shop.Order", "", 0, 12, InstanceState.COMPLETED);
    step("a", "shop.Order", "pack", 1);
    step("a", "shop.Order", "check", 2);
    step("a", "shop.Order", "pack", 6);

    CaseMeasures.Figures figures = figures("shop.Order.check", "shop.Order.pack", null);

    assertEquals(List.of(Duration.ofHours(4)), figures.durations());
  }
}

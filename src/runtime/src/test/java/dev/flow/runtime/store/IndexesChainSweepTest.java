package dev.flow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.InstanceState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Indexes#sweepStaleFacts}, the projection the memory store and the journal share: the chain
 * facts a store written before they went with the retention kept are brought up to the rule, once.
 * (A memory store never holds an older store's facts; the journal runs the sweep when it opens, see
 * {@code JournalStoreTest}.)
 */
class IndexesChainSweepTest {
  @Test
  void theSweepRemovesTheLeftoversAddsTheFirstInstancesFactsAndChangesNothingTheSecondTime() {
    Indexes indexes = new Indexes();
    for (String id : OldChainFacts.KEPT) {
      indexes.apply(Histories.start(id));
      indexes.apply(Histories.commit(1, id, 1, Histories.ended(InstanceState.COMPLETED)));
    }
    indexes.apply(Histories.facts(OldChainFacts.OLD));
    assertEquals(OldChainFacts.OLD, new java.util.TreeMap<>(indexes.facts()));
    assertEquals(8, indexes.sweepStaleFacts(), "5 chain leftovers and a freed key removed, 2 chained:FIRST facts added");
    assertEquals(OldChainFacts.SWEPT, new java.util.TreeMap<>(indexes.facts()));
    assertEquals(0, indexes.sweepStaleFacts(), "idempotent");
    assertEquals(OldChainFacts.SWEPT, new java.util.TreeMap<>(indexes.facts()));
    indexes.retain(Retention.count(0));
    List<String> dropped = new java.util.ArrayList<>(indexes.apply(Histories.start("Other-1")));
    dropped.addAll(indexes.apply(Histories.commit(2, "Other-1", 1, Histories.ended(InstanceState.COMPLETED))));
    assertEquals(List.of("Tally-3", "Tally-11", "Tally-12", "Tally-21", "Other-1"), dropped);
    for (String key : OldChainFacts.SWEPT.keySet()) {
      if (key.startsWith("chain")) {
        assertEquals(Optional.empty(), indexes.fact(key), key + ": once swept, the retention takes the rest");
      }
    }
    assertEquals(0, indexes.sweepStaleFacts());
  }

  @Test
  void theSweepRemovesTheEmitFactsOfEmittersNoLongerKept() {
    Indexes indexes = new Indexes();
    indexes.apply(Histories.start("Order-1"));
    indexes.apply(Histories.facts(java.util.Map.of("emitted:Order-1/@e:acme.Ship#1", "Ship-1",
        "emitted:Gone-1/a/@emit:acme.Ship#2", "Ship-2", "emitted:odd", "x")));
    assertEquals(1, indexes.sweepStaleFacts());
    assertEquals(Optional.empty(), indexes.fact("emitted:Gone-1/a/@emit:acme.Ship#2"));
    assertEquals(Optional.of("Ship-1"), indexes.fact("emitted:Order-1/@e:acme.Ship#1"));
    assertEquals(Optional.of("x"), indexes.fact("emitted:odd"), "a fact it cannot read is left alone");
    assertEquals(0, indexes.sweepStaleFacts());
  }
}

package dev.flow.runtime.store;

import static dev.flow.runtime.store.Histories.commit;
import static dev.flow.runtime.store.Histories.ended;
import static dev.flow.runtime.store.Histories.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flow.runtime.InstanceState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store TCK on the in-memory store, and its retention of ended instances. */
class MemoryStoreTest extends StoreContract {
  @Override
  protected Store open() {
    return new MemoryStore();
  }

  @Override
  protected Store reopen(Store store) {
    return store;
  }

  @Override
  protected Store openRetaining(int retainEnded) {
    return new MemoryStore(retainEnded);
  }

  @Test
  void aRefusedAppendLeavesNoHistoryBehind() {
    try (MemoryStore memory = new MemoryStore()) {
      for (int i = 0; i < 100; i++) {
        String id = "Nobody-" + i;
        assertThrows(AppendConflict.class, () -> memory.append(commit(1, id, 2, ended(InstanceState.COMPLETED))));
      }
      memory.append(start("Order-1"));
      assertThrows(AppendConflict.class, () -> memory.append(new Commit(Histories.at(1), List.of(
          new Commit.Append("Order-2", 0, List.of(Histories.started("acme.Order"))),
          new Commit.Append("Order-1", 5, List.of(ended(InstanceState.COMPLETED)))), java.util.Map.of())));
      assertEquals(1, memory.historyCount(), "only Order-1's");
    }
  }

  @Test
  void keepsOnlyTheRetainedEndedHistories() {
    try (MemoryStore bounded = new MemoryStore(2)) {
      for (int i = 1; i <= 5; i++) {
        bounded.append(start("Order-" + i));
      }
      for (int i = 1; i <= 4; i++) {
        bounded.append(commit(i, "Order-" + i, 1, ended(InstanceState.COMPLETED)));
      }
      assertEquals(List.of(), bounded.read("Order-1"));
      assertEquals(Optional.empty(), bounded.instance("Order-2"));
      assertEquals(2, bounded.read("Order-3").size());
      assertEquals(2, bounded.read("Order-4").size());
      assertEquals(1, bounded.read("Order-5").size());
      assertEquals(1, bounded.openInstances().size());
      assertEquals(6, bounded.nextNumber("Order"));
    }
  }
}

package dev.flow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdIndexTest {
  private static final Instant AT = Instant.parse("2026-12-08T00:00:00Z");

  private static Indexes.Instance record(IdIndex index, String id) {
    int number = IdIndex.numberOf(id);
    return new Indexes.Instance(id, number < 0 ? null : index.prefixOf(id), number, false, "W", 1, AT, null, 0);
  }

  @Test
  void anIdIsKeptByNumberOnlyWhenItsPrefixAndNumberGiveItBack() {
    assertEquals(1, IdIndex.numberOf("Order-1"));
    assertEquals(0, IdIndex.numberOf("Order-0"));
    assertEquals(123_456_789, IdIndex.numberOf("order-intake-123456789"));
    assertEquals(-1, IdIndex.numberOf("Order-01"), "a leading zero would not come back");
    assertEquals(-1, IdIndex.numberOf("Order-1234567890"), "ten digits may not fit an int");
    assertEquals(-1, IdIndex.numberOf("Order-"));
    assertEquals(-1, IdIndex.numberOf("-5"), "no prefix");
    assertEquals(-1, IdIndex.numberOf("Order"));
    assertEquals(-1, IdIndex.numberOf("Order-1a"));
    assertEquals(-1, IdIndex.numberOf("Order-\u0661"), "an Arabic-Indic one is not read as a digit");
    assertEquals(-1, IdIndex.numberOf("Order-5/child"));
  }

  @Test
  void findsWhatItKeepsByNumberAndByName() {
    IdIndex index = new IdIndex();
    List<String> ids = List.of("Order-1", "Order-2", "Order-4095", "Order-4096", "Order-999999999", "Invoice-1",
        "Order-01", "Order", "-5", "a-b-3", "a-b-03");
    List<Indexes.Instance> records = new ArrayList<>();
    for (String id : ids) {
      Indexes.Instance record = record(index, id);
      records.add(record);
      assertNull(index.putIfAbsent(id, record), id);
    }
    assertEquals(ids.size(), index.size());
    for (int i = 0; i < ids.size(); i++) {
      assertSame(records.get(i), index.get(ids.get(i)), ids.get(i));
      assertEquals(ids.get(i), records.get(i).id());
    }
    assertNull(index.get("Order-3"));
    assertNull(index.get("Order-4097"));
    assertNull(index.get("Order-100000000"), "a chunk not made");
    assertNull(index.get("Shipment-1"), "a prefix not known");
    assertNull(index.get("Order-001"));
    assertSame(records.get(0), index.putIfAbsent("Order-1", record(index, "Order-1")), "the first one stays");
    assertEquals(ids.size(), index.size());
    assertEquals(new HashSet<>(records), new HashSet<>(index.values()));

    index.remove("Order-4096");
    index.remove("Order-01");
    index.remove("Order-5"); // not kept: nothing changes
    assertFalse(index.containsKey("Order-4096"));
    assertFalse(index.containsKey("Order-01"));
    assertTrue(index.containsKey("Order-4095"));
    assertEquals(ids.size() - 2, index.size());
    Indexes.Instance again = record(index, "Order-4096");
    index.put("Order-4096", again);
    assertSame(again, index.get("Order-4096"));
    assertEquals(ids.size() - 1, index.size());
  }

  @Test
  void anEndedRecordMakesItsIdWhenAsked() {
    IdIndex index = new IdIndex();
    Indexes.Instance ended = new Indexes.Instance("Order-42", index.prefixOf("Order-42"), 42, true, "W", 1, AT,
        null, 0);
    assertEquals("Order-42", ended.id());
    Indexes.Instance named = new Indexes.Instance("Order-042", null, -1, true, "W", 1, AT, null, 0);
    assertEquals("Order-042", named.id(), "an id not kept by number is kept as it is");
    Indexes.Instance running = record(index, "Order-7");
    String id = running.id();
    running.forgetId();
    assertEquals(id, running.id());
  }

  @Test
  void threadsPuttingTheSameIdsKeepOneRecordEach() throws InterruptedException {
    IdIndex index = new IdIndex();
    int threads = 4;
    int perThread = 20_000;
    AtomicInteger kept = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int n = 1; n <= perThread; n++) {
          String id = (n % 2 == 0 ? "Even-" : "Odd-") + n;
          if (index.putIfAbsent(id, record(index, id)) == null) {
            kept.incrementAndGet();
          }
        }
      });
      thread.start();
      all.add(thread);
    }
    go.countDown();
    for (Thread thread : all) {
      thread.join();
    }
    assertEquals(perThread, kept.get(), "each id kept once");
    assertEquals(perThread, index.size());
    Set<String> seen = new HashSet<>();
    for (Indexes.Instance instance : index.values()) {
      assertTrue(seen.add(instance.id()));
      assertSame(instance, index.get(instance.id()));
    }
    assertEquals(perThread, seen.size());
  }
}

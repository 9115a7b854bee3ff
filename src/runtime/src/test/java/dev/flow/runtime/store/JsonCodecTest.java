package dev.flow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Payload;
import dev.flow.runtime.history.PayloadException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values and commits through JSON and back, with the types a step declares. */
class JsonCodecTest {
  private final JsonCodec codec = new JsonCodec();

  /** Holds generic types to decode with. */
  private record Types(List<Histories.Line> lines, List<Long> longs, List<BigDecimal> decimals, List<String> texts) {}

  private static Type generic(int component) {
    return Types.class.getRecordComponents()[component].getGenericType();
  }

  private Object back(Object value, Type type) {
    Payload encoded = codec.roundTrip(Payload.of(value));
    assertInstanceOf(EncodedPayload.class, encoded);
    return encoded.as(type);
  }

  @Test
  void everyFlowValueKindComesBackEqual() {
    assertEquals("naïve ✓ text", back("naïve ✓ text", String.class));
    assertEquals(Long.valueOf(42), back(42L, Long.class));
    assertEquals(Long.valueOf(Long.MAX_VALUE), back(Long.MAX_VALUE, long.class));
    assertEquals(Boolean.TRUE, back(true, Boolean.class));
    assertEquals(Boolean.FALSE, back(false, boolean.class));
    assertEquals(Instant.parse("2026-03-01T09:00:00.123456789Z"), back(Instant.parse("2026-03-01T09:00:00.123456789Z"),
        Instant.class));
    assertEquals(LocalDate.of(2026, 2, 28), back(LocalDate.of(2026, 2, 28), LocalDate.class));
    assertEquals(Duration.ofDays(1).plusHours(12), back(Duration.ofDays(1).plusHours(12), Duration.class));
    assertEquals(Histories.Colour.GREEN, back(Histories.Colour.GREEN, Histories.Colour.class));
    assertEquals(Histories.order("o-1"), back(Histories.order("o-1"), Histories.Order.class));
  }

  @Test
  void decimalsKeepTheirScaleAndDigits() {
    for (String text : List.of("10.50", "0.00", "123.4500", "1E+3", "-0.000001", "98765432109876543210.0123456789")) {
      BigDecimal value = new BigDecimal(text);
      BigDecimal back = (BigDecimal) back(value, BigDecimal.class);
      assertEquals(value, back, text);
      assertEquals(value.scale(), back.scale(), text);
    }
    @SuppressWarnings("unchecked")
    List<BigDecimal> list = (List<BigDecimal>) back(List.of(new BigDecimal("1.10"), new BigDecimal("2")), generic(2));
    assertEquals(List.of(new BigDecimal("1.10"), new BigDecimal("2")), list);
  }

  @Test
  void integersStayLongs() {
    @SuppressWarnings("unchecked")
    List<Long> longs = (List<Long>) back(List.of(1L, 2L, 3_000_000_000L), generic(1));
    assertEquals(List.of(1L, 2L, 3_000_000_000L), longs);
    assertInstanceOf(Long.class, longs.get(0));
    Object untyped = codec.roundTrip(Payload.of(7L)).value();
    assertInstanceOf(Long.class, untyped);
    Object decimal = codec.roundTrip(Payload.of(new BigDecimal("7.50"))).value();
    assertEquals(new BigDecimal("7.50"), decimal);
  }

  @Test
  void listsOfRecordsDecodeWithAParameterizedType() {
    List<Histories.Line> lines = Histories.order("o-2").lines();
    assertEquals(lines, back(lines, generic(0)));
    assertEquals(List.of(), back(List.of(), generic(3)));
  }

  @Test
  void nullsAndOptionalFieldsSurvive() {
    assertSame(Payload.NONE, codec.roundTrip(Payload.NONE));
    Histories.Line gift = Histories.order("o-3").gift();
    Histories.Line back = (Histories.Line) back(gift, Histories.Line.class);
    assertNull(back.count());
    assertNull(back.at());
    assertEquals(gift, back);
  }

  @Test
  void aDecodedValueIsKeptForTheNextAsk() {
    Payload encoded = codec.roundTrip(Payload.of(Histories.order("o-4")));
    assertSame(encoded.as(Histories.Order.class), encoded.as(Histories.Order.class));
  }

  @Test
  void aValueThatDoesNotFitItsTypeIsAPayloadExceptionInWords() {
    Payload text = codec.roundTrip(Payload.of("not a number"));
    PayloadException wrong = assertThrows(PayloadException.class, () -> text.as(Long.class));
    assertTrue(wrong.getMessage().contains("\"not a number\""), wrong.getMessage());
    assertTrue(wrong.getMessage().contains("java.lang.Long"), wrong.getMessage());
    Payload date = codec.roundTrip(Payload.of("2026-13-45"));
    PayloadException badDate = assertThrows(PayloadException.class, () -> date.as(LocalDate.class));
    assertTrue(badDate.getMessage().contains("java.time.LocalDate"), badDate.getMessage());
    Payload record = codec.roundTrip(Payload.of(Histories.order("o-5")));
    assertThrows(PayloadException.class, () -> record.as(Histories.Colour.class));
  }

  @Test
  void aCommitWithEveryEntryKindRoundTrips() {
    Map<String, String> facts = new HashMap<>();
    facts.put("schedule:acme.Daily", "2026-03-02T06:00:00Z");
    facts.put("gone", null);
    Commit commit = new Commit(Histories.T0, List.of(new Commit.Append("Order-9", 0, Histories.everyKind())), facts);
    byte[] bytes = codec.encode(commit);
    Commit back = codec.decode(bytes);
    assertEquals(commit.at(), back.at());
    assertEquals(commit.facts(), back.facts());
    List<HistoryEntry> entries = back.appends().get(0).entries();
    assertEquals(Histories.everyKind().size(), entries.size());
    for (int i = 0; i < entries.size(); i++) {
      assertEquals(Histories.everyKind().get(i).getClass(), entries.get(i).getClass(), "entry " + i);
    }
    assertEquals(new String(bytes, StandardCharsets.UTF_8), new String(codec.encode(back), StandardCharsets.UTF_8));
    HistoryEntry.InstanceStarted started = (HistoryEntry.InstanceStarted) entries.get(0);
    assertEquals(Histories.order("o-9"), started.input().as(Histories.Order.class));
    assertEquals("Parent-1", started.parentId());
    HistoryEntry.ActionCompleted completed = (HistoryEntry.ActionCompleted) entries.get(3);
    assertEquals(new BigDecimal("10.50"), completed.result().as(BigDecimal.class));
    assertEquals(Histories.everyKind().get(4), entries.get(4));
    assertEquals(Histories.everyKind().get(17), entries.get(17));
    HistoryEntry.CompensationRegistered compensation = (HistoryEntry.CompensationRegistered) entries.get(7);
    assertEquals(Long.valueOf(42), compensation.arguments().get(1).as(Long.class));
    assertTrue(compensation.arguments().get(2).isNone());
    assertEquals(Histories.Colour.RED, compensation.arguments().get(3).as(Histories.Colour.class));
    HistoryEntry.ClockRead today = (HistoryEntry.ClockRead) entries.get(22);
    assertEquals(LocalDate.of(2026, 3, 1), today.value().as(LocalDate.class));
    HistoryEntry.InstanceEnded end = (HistoryEntry.InstanceEnded) entries.get(entries.size() - 1);
    assertTrue(end.output().isNone());
    HistoryEntry.EventReceived taken = (HistoryEntry.EventReceived) entries.get(entries.size() - 2);
    assertEquals(42, taken.sequence());
    assertEquals(Histories.order("o-9"), taken.event().as(Histories.Order.class));
    HistoryEntry.EventPublished published = (HistoryEntry.EventPublished) entries.get(entries.size() - 3);
    assertEquals(43, published.sequence());
    HistoryEntry.EventEmitted emitted = (HistoryEntry.EventEmitted) entries.get(entries.size() - 4);
    assertEquals(Histories.Order.class.getName(), emitted.eventType());
    assertEquals(Histories.order("o-9"), emitted.event().as(Histories.Order.class));
  }

  @Test
  void entryTypeNamesAreStable() {
    assertEquals(List.of("InstanceStarted", "CancelRequested", "InstanceEnded", "ActionScheduled", "ActionCompleted",
        "AttemptFailed", "ActionFailed", "ActionRaised", "CompensationRegistered", "CompensationScheduled", "Compensated",
        "CompensationFailed", "TaskCreated", "TaskClaimed", "TaskReleased", "TaskAssigned", "TaskCompleted",
        "TaskWithdrawn", "Breached", "TimerSet", "TimerFired", "TimerCancelled", "ClockRead", "ReceiveWaiting",
        "EventReceived", "ReceiveTimedOut", "ReceiveCancelled", "ChildStarted", "ChildEnded", "ChildCancelRequested",
        "NotifyRequested", "Notified", "FirstDecided", "LoopCheckpoint", "BranchEnded", "SignalRaised", "SignalTaken",
        "ExclusiveEntered", "ExclusiveLeft", "RegionEntered", "RegionEnded", "RegionCancelled",
        "IncidentOpened", "IncidentResolved", "EventEmitted", "EventPublished",
        "ErrorRaised")
        .stream().sorted().toList(),
        JsonCodec.entryTypeNames().stream().sorted().toList());
  }

  @Test
  void bytesThatAreNotACommitAreAStoreException() {
    StoreException bad = assertThrows(StoreException.class,
        () -> codec.decode("{\"at\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(bad.getMessage().contains("Commit"), bad.getMessage());
  }

  /** A {@code receive new}'s cut-off is written with its entry; one written before there was one reads as 0 (none). */
  @Test
  void aReceiveWaitingKeepsItsCutOffAndOneWrittenBeforeHasNone() {
    HistoryEntry.ReceiveWaiting fresh = new HistoryEntry.ReceiveWaiting("r", "r", "acme.Paid", List.of(), null, 17);
    assertEquals(fresh, codec.decodeEntry(codec.encodeEntry(fresh)));
    String old = codec.encodeEntry(new HistoryEntry.ReceiveWaiting("r", "r", "acme.Paid", List.of("a=1"), null))
        .replace(",\"eventsAfter\":0", "");
    assertFalse(old.contains("eventsAfter"), old);
    assertEquals(new HistoryEntry.ReceiveWaiting("r", "r", "acme.Paid", List.of("a=1"), null), codec.decodeEntry(old));
  }
}

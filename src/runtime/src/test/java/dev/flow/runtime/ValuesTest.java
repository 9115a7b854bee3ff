package dev.flow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading loosely typed values (JSON, forms, a terminal) as Flow values. */
class ValuesTest {
  enum Kind {
    @FlowName("class")
    class_,
    plain
  }

  record Item(String name, BigDecimal amount, Long count) {}

  record Order(@FlowName("class") Kind class_, List<Item> items, LocalDate due, Duration within) {}

  @Test
  void recordsAreReadByTheModelsNames() {
    Object order = Values.convert(Map.of(
        "class", "class",
        "items", List.of(Map.of("name", "pen", "amount", "1.50", "count", 3)),
        "due", "2026-12-01",
        "within", "1d12h"), Order.class);
    assertEquals(new Order(Kind.class_, List.of(new Item("pen", new BigDecimal("1.50"), 3L)), LocalDate.parse("2026-12-01"),
        Duration.ofHours(36)), order);
  }

  @Test
  void problemsAreSaidInFlowsWords() {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> Values.convert(Map.of("class", "klass", "items", "none", "colour", "red"), Order.class));
    assertEquals("is not a valid Order: `colour` is not a field of Order; `class` must be one of class, plain, not \"klass\";"
        + " `items` must be a list, not \"none\"", bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Values.convert("12.5", Long.class));
    assertEquals(12L, Values.convert("12", Long.class));
    assertEquals(Duration.ofDays(14), Values.parseDuration("2w"));
  }
}

package dev.flow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The journal's time text is exactly {@link Instant#toString()}: old journals and new ones read the same. */
class IsoInstantTest {
  private static void same(Instant instant) {
    assertEquals(instant.toString(), IsoInstant.format(instant));
  }

  @Test
  void writesWhatToStringWritesForEdgesAndEveryPrecision() {
    same(Instant.EPOCH);
    same(Instant.parse("1970-01-01T00:00:00.001Z"));
    same(Instant.parse("2000-02-29T23:59:59.999999Z"));
    same(Instant.parse("2024-02-29T12:00:00.000000001Z"));
    same(Instant.parse("2100-03-01T00:00:00Z"));
    same(Instant.parse("2026-12-31T23:59:59.120Z"));
    same(Instant.parse("9999-12-31T23:59:59.999999999Z"));
    same(Instant.parse("+10000-01-01T00:00:00Z"));
    same(Instant.parse("1969-12-31T23:59:59.5Z"));
    same(Instant.MIN);
    same(Instant.MAX);
  }

  @Test
  void writesWhatToStringWritesForRandomInstants() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      long second = random.nextLong(-100_000_000_000L, 300_000_000_000L);
      int nano = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      same(Instant.ofEpochSecond(second, nano));
    }
  }
}

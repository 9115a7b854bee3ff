package dev.flow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waits of a retry policy: backoff, the cap of {@code at most} and the bound of {@code within}. */
class RetryPolicyTest {
  @Test
  void atMostCapsEachWait() {
    RetryPolicy p = RetryPolicy.of(10, Duration.ofSeconds(1), 2, Duration.ofSeconds(5), null);
    assertEquals(Duration.ofSeconds(1), p.delayAfter(1));
    assertEquals(Duration.ofSeconds(4), p.delayAfter(3));
    assertEquals(Duration.ofSeconds(5), p.delayAfter(4), "8s capped");
    assertEquals(Duration.ofSeconds(5), p.delayAfter(60), "a huge backoff stays capped");
    assertTrue(p.retriesAfter(10));
    assertFalse(p.retriesAfter(11), "no attempts left");
  }

  @Test
  void withinStopsTheRetryWhoseWaitWouldGoPastTheLimit() {
    RetryPolicy p = RetryPolicy.of(10, Duration.ofSeconds(1), 10, Duration.ofSeconds(5), Duration.ofSeconds(12));
    assertTrue(p.retriesAfter(1), "1s");
    assertTrue(p.retriesAfter(2), "1s + 5s");
    assertTrue(p.retriesAfter(3), "1s + 5s + 5s = 11s");
    assertFalse(p.retriesAfter(4), "16s would be past 12s");
  }

  @Test
  void withoutLimitsItIsTheThreePartPolicy() {
    RetryPolicy p = RetryPolicy.of(2, Duration.ofSeconds(1), 3);
    assertEquals(Duration.ofSeconds(9), p.delayAfter(3));
    assertTrue(p.retriesAfter(2));
    assertFalse(p.retriesAfter(3));
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.of(1, Duration.ZERO, 1, Duration.ofSeconds(-1), null));
  }
}

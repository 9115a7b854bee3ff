package dev.flow.runtime.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * {@link Payload#of}: the JVM's shared boxes (the two {@code Boolean}s, the {@code Long}s of -128 to 127) get a shared
 * payload each; every other value a payload of its own; the value read back is always the very object given.
 */
class PayloadSharingTest {
  @Test
  void theSharedBoxesGetSharedPayloadsHoldingThemselves() {
    assertSame(Payload.of(Boolean.TRUE), Payload.of(true));
    assertSame(Payload.of(Boolean.FALSE), Payload.of(false));
    assertSame(Boolean.TRUE, Payload.of(true).value());
    assertSame(Boolean.FALSE, Payload.of(false).as(Boolean.class));
    for (long n = -128; n <= 127; n++) {
      Long box = n;
      Payload payload = Payload.of(box);
      assertSame(payload, Payload.of(Long.valueOf(n)), "payload of " + n);
      assertSame(box, payload.value());
      assertEquals(n, (long) payload.as(Long.class));
      assertEquals(new Payload.Live(box), payload);
    }
    assertTrue(!Payload.of(0L).isNone());
  }

  @Test
  void everyOtherValueGetsAPayloadOfItsOwnHoldingItself() {
    Long big = 128L;
    Payload first = Payload.of(big);
    Payload second = Payload.of(big);
    assertNotSame(first, second);
    assertSame(big, first.value());
    assertEquals(first, second);
    Long negative = -129L;
    assertSame(negative, Payload.of(negative).value());
    Integer small = 5;
    assertNotSame(Payload.of(small), Payload.of(small));
    assertSame(small, Payload.of(small).value());
    BigDecimal amount = new BigDecimal("1.50");
    assertSame(amount, Payload.of(amount).value());
    assertSame(Payload.NONE, Payload.of(null));
  }
}

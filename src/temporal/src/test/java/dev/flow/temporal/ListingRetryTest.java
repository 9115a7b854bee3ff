package dev.flow.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link TemporalFlowRuntime#listed}: a listing that fails with {@code UNKNOWN} (Temporal's test
 * server walking its executions while a workflow starts a child) is asked again; any other
 * failure, and the last of {@link TemporalFlowRuntime#LIST_ATTEMPTS}, is the caller's.
 */
class ListingRetryTest {
  @Test
  void anUnknownFailureIsAskedAgain() {
    AtomicInteger asked = new AtomicInteger();
    String page = TemporalFlowRuntime.listed(() -> {
      if (asked.incrementAndGet() < 3) {
        throw new StatusRuntimeException(Status.UNKNOWN);
      }
      return "page";
    });
    assertEquals("page", page);
    assertEquals(3, asked.get());
  }

  @Test
  void otherFailuresAreNotAskedAgain() {
    AtomicInteger asked = new AtomicInteger();
    StatusRuntimeException unavailable = new StatusRuntimeException(Status.UNAVAILABLE);
    StatusRuntimeException thrown = assertThrows(StatusRuntimeException.class, () -> TemporalFlowRuntime.listed(() -> {
      asked.incrementAndGet();
      throw unavailable;
    }));
    assertSame(unavailable, thrown);
    assertEquals(1, asked.get());
  }

  @Test
  void aListingThatKeepsFailingFailsAfterTheLastAttempt() {
    AtomicInteger asked = new AtomicInteger();
    StatusRuntimeException thrown = assertThrows(StatusRuntimeException.class, () -> TemporalFlowRuntime.listed(() -> {
      asked.incrementAndGet();
      throw new StatusRuntimeException(Status.UNKNOWN);
    }));
    assertEquals(Status.Code.UNKNOWN, thrown.getStatus().getCode());
    assertEquals(TemporalFlowRuntime.LIST_ATTEMPTS, asked.get());
  }
}

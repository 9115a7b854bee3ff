package dev.flow.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link TemporalFlowRuntime#read}: a read that fails with {@code UNKNOWN} (Temporal's test
 * server walking its executions while a workflow starts a child) is asked again; any other
 * failure, and the last of {@link TemporalFlowRuntime#READ_ATTEMPTS}, is the caller's.
 */
class ReadRetryTest {
  @Test
  void anUnknownFailureIsAskedAgain() {
    AtomicInteger asked = new AtomicInteger();
    String page = TemporalFlowRuntime.read(() -> {
      if (asked.incrementAndGet() < 3) {
        throw new StatusRuntimeException(Status.UNKNOWN);
      }
      return "page";
    });
    assertEquals("page", page);
    assertEquals(3, asked.get());
  }

  @Test
  void anUnknownFailureWrappedByTheClientIsAskedAgain() {
    AtomicInteger asked = new AtomicInteger();
    String described = TemporalFlowRuntime.read(() -> {
      if (asked.incrementAndGet() < 2) {
        throw new WorkflowServiceException(WorkflowExecution.newBuilder().setWorkflowId("w").build(), "Flow",
            new StatusRuntimeException(Status.UNKNOWN));
      }
      return "described";
    });
    assertEquals("described", described);
    assertEquals(2, asked.get());
  }

  @Test
  void otherFailuresAreNotAskedAgain() {
    AtomicInteger asked = new AtomicInteger();
    StatusRuntimeException unavailable = new StatusRuntimeException(Status.UNAVAILABLE);
    StatusRuntimeException thrown = assertThrows(StatusRuntimeException.class, () -> TemporalFlowRuntime.read(() -> {
      asked.incrementAndGet();
      throw unavailable;
    }));
    assertSame(unavailable, thrown);
    assertEquals(1, asked.get());
  }

  @Test
  void aReadThatKeepsFailingFailsAfterTheLastAttempt() {
    AtomicInteger asked = new AtomicInteger();
    StatusRuntimeException thrown = assertThrows(StatusRuntimeException.class, () -> TemporalFlowRuntime.read(() -> {
      asked.incrementAndGet();
      throw new StatusRuntimeException(Status.UNKNOWN);
    }));
    assertEquals(Status.Code.UNKNOWN, thrown.getStatus().getCode());
    assertEquals(TemporalFlowRuntime.READ_ATTEMPTS, asked.get());
  }
}

package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.DeclaredError;
import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.WorkflowInstance;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Typed errors across {@code call} (issue 11) on generated code: {@code execution/errors-call.flow}
 * compiled to Java, compiled in-process and run on the engine. A called workflow that declares
 * {@code fails CardDeclined} and fails with it hands the error's value to its caller's typed
 * {@code catch}.
 */
class ErrorsAcrossCallTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/errors-call.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  /** A generated exception, made from its one field. */
  RuntimeException raise(String simpleName, Object field) {
    try {
      ClassLoader loader = run.modules.get(0).getClass().getClassLoader();
      Class<?> type = Class.forName("test.errorscall." + simpleName + "Exception", true, loader);
      for (Constructor<?> c : type.getConstructors()) {
        if (c.getParameterCount() == 1 && !c.getParameterTypes()[0].isRecord()) {
          return new Running.Throws((DeclaredError) c.newInstance(field));
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no field constructor");
  }

  void declineWith(String reason) {
    run.answers.put("charge", args -> {
      throw raise("CardDeclined", reason);
    });
  }

  private static List<String> entryTypes(WorkflowInstance instance) {
    return instance.entries().stream().map(r -> r.entry().getClass().getSimpleName()).toList();
  }

  @Test
  void aDeclaredErrorOfTheCalledWorkflowReachesTheCallersTypedCatchWithItsFields() {
    declineWith("expired card");
    String id = run.start("Pay", Map.of("amount", new BigDecimal("12.50")));
    assertEquals(Map.of("outcome", "declined: expired card"), run.output(id));
    assertEquals(List.of("charge(12.50)"), run.calls, "a business outcome: not retried");
    assertTrue(entryTypes(run.instance(id)).contains("ErrorRaised"), "the caller records the error's value");
    assertEquals(1, run.count(id, HistoryEvent.Type.ERROR_RAISED), () -> String.join("\n", run.history(id)));
  }

  @Test
  void eachDeclaredErrorGoesToItsOwnCatch() {
    run.answers.put("charge", args -> {
      throw raise("InsufficientFunds", new BigDecimal("2.50"));
    });
    String id = run.start("Pay", Map.of("amount", 10));
    assertEquals(Map.of("outcome", "short by 2.50"), run.output(id));
  }

  @Test
  void aCompletedChildIsNotAnError() {
    run.answers.put("charge", args -> "r-7");
    String id = run.start("Pay", Map.of("amount", 10));
    assertEquals(Map.of("outcome", "paid r-7"), run.output(id));
  }

  @Test
  void aWorkflowThatDeclaresNothingFailsItsCallerUntyped() {
    declineWith("stolen");
    String id = run.start("PayQuietly", Map.of("amount", 3));
    String outcome = (String) run.output(id).get("outcome");
    assertTrue(outcome.startsWith("failed in paid: ChargeQuietly failed: "), outcome);
  }

  @Test
  void aDeclaredErrorPassesThroughAWorkflowThatDeclaresItToo() {
    declineWith("blocked");
    String id = run.start("Outer", Map.of("amount", 4));
    assertEquals(Map.of("outcome", "declined two levels down: blocked"), run.output(id));
    List<WorkflowInstance> failed = run.instances().stream().filter(i -> i.state() == InstanceState.FAILED).toList();
    assertEquals(2, failed.size(), "Charge and Middle failed with it");
    failed.forEach(i -> assertTrue(entryTypes(i).contains("ErrorRaised"), i::toString));
  }
}

package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.DeclaredError;
import dev.flow.runtime.FlowError;
import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.WorkflowInstance;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Typed {@code fail} (issue 11) on generated code: {@code execution/errors-fail.flow} compiled to
 * Java, compiled in-process and run on the engine. {@code fail LimitExceeded(…)} fails the
 * workflow with its declared error; a typed {@code catch} of the same workflow, or of a caller
 * across {@code call}, receives the value.
 */
class TypedFailTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/errors-fail.flow", backend());
    run.answers.put("charge", args -> "r-" + args[0]);
  }

  @AfterEach
  void close() {
    run.close();
  }

  void declineWith(String reason) {
    run.answers.put("charge", args -> {
      try {
        ClassLoader loader = run.modules.get(0).getClass().getClassLoader();
        Class<?> type = Class.forName("test.typedfail.CardDeclinedException", true, loader);
        for (Constructor<?> c : type.getConstructors()) {
          if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == String.class) {
            throw new Running.Throws((DeclaredError) c.newInstance(reason));
          }
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      throw new IllegalStateException("no field constructor");
    });
  }

  @Test
  void aTypedFailOfTheCalledWorkflowReachesTheCallersTypedCatchWithItsFields() {
    String id = run.start("Pay", Map.of("amount", 150));
    assertEquals(Map.of("outcome", "150 is over the limit of 100"), run.output(id));
    assertEquals(List.of(), run.calls, "the limit is checked before the bank is asked");
    assertEquals(1, run.count(id, HistoryEvent.Type.ERROR_RAISED), () -> String.join("\n", run.history(id)));
  }

  @Test
  void aCaughtErrorFailedWithAgainReachesTheCallerWithTheNewValue() {
    declineWith("expired card");
    String id = run.start("Pay", Map.of("amount", 20));
    assertEquals(Map.of("outcome", "declined: the bank said: expired card"), run.output(id));
    assertEquals(List.of("charge(20)"), run.calls);
  }

  @Test
  void withoutAFailureTheCallerGetsTheOutputs() {
    String id = run.start("Pay", Map.of("amount", 20));
    assertEquals(Map.of("outcome", "paid r-20"), run.output(id));
  }

  @Test
  void anUncaughtTypedFailFailsTheInstanceWithTheErrorAtTheStepFail() {
    String id = run.start("PayUnguarded", Map.of("amount", 101));
    assertEquals(InstanceState.FAILED, run.state(id));
    WorkflowInstance caller = run.instance(id);
    FlowError error = caller.error().orElseThrow();
    assertEquals("paid", error.step());
    WorkflowInstance child = run.instances().stream().filter(i -> i.workflow().endsWith("Charge")).findFirst().orElseThrow();
    assertEquals(InstanceState.FAILED, child.state());
    assertEquals("fail", child.error().orElseThrow().step());
    assertEquals("LimitExceeded(limit=100, asked=101)", child.error().orElseThrow().message());
    assertEquals(2, run.count(id, HistoryEvent.Type.ERROR_RAISED),
        "the caller records the child's error at its call, and fails with it too (it declares it)");
  }

  @Test
  void aTypedCatchOfTheSameWorkflowReceivesItsOwnTypedFail() {
    String id = run.start("Checked", Map.of("amount", 130));
    assertEquals(Map.of("outcome", "over by 30"), run.output(id));
    assertEquals(List.of(), run.calls);
  }

  @Test
  void failWithACaughtValuePassesItOnUnchanged() {
    declineWith("stolen");
    String id = run.start("Checked", Map.of("amount", 5));
    assertEquals(InstanceState.FAILED, run.state(id));
    FlowError error = run.instance(id).error().orElseThrow();
    assertEquals("fail", error.step());
    assertEquals("CardDeclined(reason=stolen)", error.message());
    assertEquals(1, run.count(id, HistoryEvent.Type.ERROR_RAISED), () -> String.join("\n", run.history(id)));
  }
}

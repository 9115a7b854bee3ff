package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.DeclaredError;
import dev.flow.runtime.InstanceState;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Typed errors (issue 11) on generated code: {@code execution/errors.flow} compiled to Java,
 * compiled in-process and run on the engine with a manual clock. The connector raises the
 * generated exceptions ({@code CardDeclinedException}), as a real connector would.
 */
class ErrorsTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/errors.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  /** A generated exception, made from its fields. */
  private RuntimeException raise(String simpleName, Object field) {
    try {
      ClassLoader loader = run.modules.get(0).getClass().getClassLoader();
      Class<?> type = Class.forName("test.errors." + simpleName + "Exception", true, loader);
      for (Constructor<?> c : type.getConstructors()) {
        if (c.getParameterCount() == 1 && !c.getParameterTypes()[0].isRecord()) {
          DeclaredError error = (DeclaredError) c.newInstance(field);
          return new Running.Throws(error);
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no field constructor");
  }

  private void answer(String method, java.util.function.Function<Object[], Object> answer) {
    run.answers.put(method, answer);
  }

  @Test
  void aDeclaredErrorIsCaughtByItsTypedCatchWithItsValueAndIsNotRetried() {
    answer("charge", args -> {
      throw raise("CardDeclined", "expired card");
    });
    String id = run.start("Pay", Map.of("amount", new BigDecimal("12.50")));
    assertEquals(Map.of("outcome", "declined: expired card"), run.output(id));
    assertEquals(List.of("reserve(12.50)", "charge(12.50)", "release(reserve done)"), run.calls,
        "one attempt only (a business outcome is not retried), and the reservation is undone");
  }

  @Test
  void eachDeclaredErrorGoesToItsOwnCatch() {
    answer("charge", args -> {
      throw raise("InsufficientFunds", new BigDecimal("2.50"));
    });
    String id = run.start("Pay", Map.of("amount", 10));
    assertEquals(Map.of("outcome", "short by 2.50"), run.output(id));
  }

  @Test
  void anUndeclaredExceptionIsTechnicalRetriedThenCaughtByTheUntypedCatch() {
    answer("charge", args -> {
      throw new IllegalStateException("bank offline");
    });
    String id = run.start("Pay", Map.of("amount", 10));
    run.advance(Duration.ofMinutes(1));
    assertEquals(Map.of("outcome", "failed: test.errors.Bank.charge failed: bank offline"), run.output(id));
    assertEquals(4, run.calls.stream().filter(c -> c.startsWith("charge")).count(), "the first attempt and three retries");
  }

  @Test
  void aFailureNoTypedCatchHandlesGoesOnUnchanged() {
    answer("charge", args -> {
      throw raise("InsufficientFunds", BigDecimal.ONE);
    });
    String id = run.start("PayOrFail", Map.of("amount", 10));
    assertEquals(InstanceState.FAILED, run.state(id));
    assertTrue(run.instance(id).error().orElseThrow().message().contains("InsufficientFunds"),
        run.instance(id).error()::toString);
    String declined = run.start("PayOrFail", Map.of("amount", 11));
    assertEquals(InstanceState.FAILED, run.state(declined), "still short of funds");
  }

  @Test
  void aCaughtDeclaredErrorSurvivesAReplay() {
    answer("charge", args -> {
      throw raise("CardDeclined", "stolen");
    });
    String id = run.start("Pay", Map.of("amount", 5));
    assertEquals(Map.of("outcome", "declined: stolen"), run.output(id));
    assertTrue(run.instance(id).entries().stream().anyMatch(r -> r.entry().getClass().getSimpleName().equals("ActionRaised")),
        "the error's value is recorded with the step's failure");
  }

  @Test
  void retriesWaitAtMostTheirIntervalAndStopWithinTheirLimit() {
    List<Long> at = new java.util.ArrayList<>();
    answer("send", args -> {
      at.add(run.clock.instant().getEpochSecond());
      throw new IllegalStateException("mail server down");
    });
    String id = run.start("Remind", Map.of("to", "a@b.c"));
    run.advance(Duration.ofMinutes(5));
    assertEquals(InstanceState.FAILED, run.state(id));
    long start = at.get(0);
    assertEquals(List.of(0L, 1L, 6L, 11L), at.stream().map(t -> t - start).toList(),
        "waits of 1s, 5s (10s capped at 5s), 5s; a fourth retry would take the waiting past 12s");
  }
}

package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several {@code starts on} triggers (issue 11) on generated code: each event starts an
 * instance with its own input filled and the others {@code none}.
 */
class TriggersTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/triggers.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  @Test
  void eachTriggerFillsItsOwnInput() {
    List<String> web = run.publish(run.event("WebForm", Map.of("email", "a@b.c"))).started();
    assertEquals(1, web.size());
    assertEquals(Map.of("source", "web a@b.c"), run.output(web.get(0)));
    List<String> referred = run.publish(run.event("Referral", Map.of("from", "Ann", "email", "c@d.e"))).started();
    assertEquals(1, referred.size());
    assertEquals(Map.of("source", "referral from Ann for c@d.e"), run.output(referred.get(0)));
  }
}

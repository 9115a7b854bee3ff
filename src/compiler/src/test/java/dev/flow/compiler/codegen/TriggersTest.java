package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several {@code starts on} triggers (issue 11) on generated code: each event starts an
 * instance with its own input filled and the others {@code none}.
 */
class TriggersTest {
  private Running run;

  @BeforeEach
  void compile() {
    run = Running.model("execution/triggers.flow");
  }

  @Test
  void eachTriggerFillsItsOwnInput() {
    List<String> web = run.engine().publish(run.event("WebForm", Map.of("email", "a@b.c"))).started();
    assertEquals(1, web.size());
    assertEquals(Map.of("source", "web a@b.c"), run.output(web.get(0)));
    List<String> referred = run.engine().publish(run.event("Referral", Map.of("from", "Ann", "email", "c@d.e"))).started();
    assertEquals(1, referred.size());
    assertEquals(Map.of("source", "referral from Ann for c@d.e"), run.output(referred.get(0)));
  }
}

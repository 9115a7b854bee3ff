package dev.flow.compiler.check.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random, deeply nested workflow bodies (every statement kind, random {@code go to} targets):
 * the flow checks must not throw, must give the same diagnostics twice, and E300 must point at
 * a step's name. Seeded, so a failure can be reproduced.
 */
class RandomWorkflowsTest {
  private Random random;
  private int next;
  private List<String> steps;

  @Test
  void flowChecksAreTotalAndDeterministic() {
    for (int seed = 0; seed < 400; seed++) {
      random = new Random(seed);
      next = 0;
      steps = new ArrayList<>();
      StringBuilder body = new StringBuilder();
      int count = 2 + random.nextInt(6);
      for (int i = 0; i < count; i++) {
        body.append(statement(0)).append('\n');
      }
      String source = FlowTesting.workflow("input flag: Bool\ninput items: List<Text>\noutput out: Text",
          body.toString());
      List<Diagnostic> first = FlowTesting.check(source);
      List<Diagnostic> second = FlowTesting.check(source);
      assertEquals(first.toString(), second.toString(), "seed " + seed);
      for (Diagnostic d : first) {
        assertTrue(d.code().name().startsWith("E3") || d.code().name().startsWith("W"), "seed " + seed + ": " + d);
        if (d.code() == Code.E300) {
          assertTrue(steps.contains(d.span().text()), "seed " + seed + ": " + d);
        }
      }
    }
  }

  private String statement(int depth) {
    String id = "s" + next++;
    switch (random.nextInt(depth > 3 ? 6 : 14)) {
      case 0, 1, 2 -> {
        steps.add(id);
        return "step " + id + " by Clerk within 1d { ok: Bool }";
      }
      case 3 -> {
        return steps.isEmpty() ? "wait 1d" : "notify Clerk \"{" + anyStep() + ".ok}\"";
      }
      case 4 -> {
        return "set out = \"" + id + "\"";
      }
      case 5 -> {
        return steps.isEmpty() || random.nextInt(3) > 0 ? "wait 1d" : "if flag { go to " + anyStep() + " }";
      }
      case 6 -> {
        return "if flag " + block(depth) + (random.nextBoolean() ? " else " + block(depth) : "");
      }
      case 7 -> {
        return "for each i" + id + " in items" + (random.nextBoolean() ? " in parallel " : " ") + block(depth);
      }
      case 8 -> {
        return "while flag " + block(depth);
      }
      case 9 -> {
        return "repeat at most 2 times " + block(depth)
            + (random.nextBoolean() && !steps.isEmpty() ? " until " + anyStep() + ".ok" : "");
      }
      case 10 -> {
        return "parallel { branch a" + id + (random.nextBoolean() ? " when flag " : " ") + block(depth)
            + " branch b" + id + " " + block(depth) + " }";
      }
      case 11 -> {
        return "first { branch a" + id + " " + block(depth) + " branch b" + id + " " + block(depth) + " }";
      }
      case 12 -> {
        return "try " + block(depth) + " catch " + block(depth);
      }
      default -> {
        return List.of("fail \"x\"", "cancel \"x\"", "complete").get(random.nextInt(3));
      }
    }
  }

  private String anyStep() {
    return steps.get(random.nextInt(steps.size()));
  }

  private String block(int depth) {
    StringBuilder b = new StringBuilder("{\n");
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      b.append(statement(depth + 1)).append('\n');
    }
    return b.append('}').toString();
  }
}

package dev.flow.compiler.check.flow;

import static dev.flow.compiler.check.flow.FlowTesting.atIn;
import static dev.flow.compiler.check.flow.FlowTesting.check;
import static dev.flow.compiler.check.flow.FlowTesting.reported;
import static dev.flow.compiler.check.flow.FlowTesting.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoToTargetCheckTest {
  private static final String INPUTS = "input flag: Bool\ninput items: List<Text>";

  @Test
  void goodTargetsForwardBackwardAndOutward() {
    String body = """
        step prepare by Clerk within 1d
        for each item in items {
          step check by Clerk within 1d
          if flag {
            go to check
          }
          if not flag {
            go to prepare
          }
          try {
            go to finish
          } catch {
            go to prepare
          }
        }
        step finish by Clerk within 1d
        """;
    assertEquals(List.of(), reported(Code.E303, workflow(INPUTS, body)));
  }

  @Test
  void unknownTargetWithDidYouMeanAndNoE100() {
    String body = """
        step prepare by Clerk within 1d
        go to prepar
        """;
    String source = workflow(INPUTS, body);
    List<Diagnostic> all = check(source);
    assertEquals(List.of(atIn(source, "go to prepar\n", "prepar") + " no step named `prepar` in workflow `W`"),
        reported(Code.E303, all));
    Diagnostic d = all.stream().filter(x -> x.code() == Code.E303).findFirst().orElseThrow();
    assertEquals(Optional.of("did you mean `prepare`?"), d.help());
  }

  @Test
  void targetThatIsNotAStep() {
    String body = """
        let attempts: Int = 0
        parallel {
          branch legal { notify Clerk "{attempts}" }
        }
        if flag { go to attempts }
        if flag { go to legal }
        if flag { go to flag }
        go to Clerk
        """;
    String source = workflow(INPUTS, body);
    assertEquals(List.of(
            atIn(source, "go to attempts", "attempts") + " `attempts` is a variable, not a step",
            atIn(source, "go to legal", "legal") + " `legal` is a branch, not a step",
            atIn(source, "go to flag", "flag") + " `flag` is an input, not a step",
            atIn(source, "go to Clerk", "Clerk") + " `Clerk` is a role, not a step"),
        reported(Code.E303, source));
  }

  @Test
  void intoABlockAndOutOfBranches() {
    String body = """
        step prepare by Clerk within 1d
        if flag {
          go to wrap
        }
        if not flag {
          step wrap by Clerk within 1d
        }
        parallel {
          branch a { if flag { go to prepare } }
        }
        first {
          branch b { if flag { go to prepare } }
        }
        for each item in items in parallel {
          if flag { go to prepare } // out of the loop
        }
        for each item in items {
          step inner by Clerk within 1d
        }
        go to inner
        """;
    String source = workflow(INPUTS, body);
    assertEquals(List.of(
            atIn(source, "go to wrap", "wrap")
                + " cannot jump into a block: step `wrap` is in an `if` arm that does not hold this `go to`",
            atIn(source, "a { if flag { go to prepare", "prepare") + " cannot jump out of a `parallel` branch to step `prepare`",
            atIn(source, "b { if flag { go to prepare", "prepare") + " cannot jump out of a `first` branch to step `prepare`",
            atIn(source, "prepare } // out", "prepare") + " cannot jump out of a `for each … in parallel` body to step `prepare`",
            atIn(source, "go to inner", "inner") + " cannot jump into a block: step `inner` is in a `for each` body that does not"
                + " hold this `go to`"),
        reported(Code.E303, source));
  }
}

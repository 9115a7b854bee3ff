package dev.flow.compiler.check.flow;

import static dev.flow.compiler.check.flow.FlowTesting.at;
import static dev.flow.compiler.check.flow.FlowTesting.reported;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.diag.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartCycleCheckTest {
  private static String source(String workflows, String list) {
    return FlowTesting.model(list) + workflows;
  }

  @Test
  void oneWarningPerCycleAtItsFirstLinkInSourceOrder() {
    String source = source("""
        workflow Report {
          owner Clerk
          starts after Review
          step report by Clerk within 1d
        }
        workflow Collect {
          owner Clerk
          starts manually
          starts after Archive
          step collect by Clerk within 1d
        }
        workflow Review {
          owner Clerk
          starts after Collect
          step review by Clerk within 1d
        }
        workflow Archive {
          owner Clerk
          starts after Review
          step archive by Clerk within 1d
        }
        """, "Report, Collect, Review, Archive");
    assertEquals(List.of(at(source, "starts after Archive")
            + " workflows start each other in a cycle: `Collect` → `Review` → `Archive` → `Collect`"),
        reported(Code.W007, source));
  }

  @Test
  void startAndCallLinks() {
    String source = source("""
        workflow A {
          owner Clerk
          call b: B()
        }
        workflow B {
          owner Clerk
          start A()
        }
        workflow C {
          owner Clerk
          start C()
        }
        workflow D {
          owner Clerk
          start A()
        }
        """, "A, B, C, D");
    assertEquals(List.of(
            at(source, "call b") + " workflows start each other in a cycle: `A` → `B` → `A`",
            at(source, "start C") + " workflows start each other in a cycle: `C` → `C`"),
        reported(Code.W007, source));
  }

  @Test
  void chainWithoutCycle() {
    String source = source("""
        workflow A {
          owner Clerk
          start B()
        }
        workflow B {
          owner Clerk
          starts after A
          step b by Clerk within 1d
        }
        """, "A, B");
    assertEquals(List.of(), reported(Code.W007, source));
  }
}

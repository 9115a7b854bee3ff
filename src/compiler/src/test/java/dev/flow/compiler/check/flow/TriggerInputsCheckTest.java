package dev.flow.compiler.check.flow;

import static dev.flow.compiler.check.flow.FlowTesting.at;
import static dev.flow.compiler.check.flow.FlowTesting.reported;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.compiler.diag.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerInputsCheckTest {
  private static String source(String workflows) {
    return FlowTesting.model("A, B") + workflows;
  }

  @Test
  void startsOnNeedsExactlyOneInputOfTheEvent() {
    String ok = source("""
        workflow A {
          owner Clerk
          starts on OrderPlaced
          input order: OrderPlaced
          notify Clerk "{order.id}"
        }
        workflow B {
          owner Clerk
          starts on OrderPlaced
          starts manually
          input order: OrderPlaced?
          notify Clerk "{order?.id}"
        }
        """.replace("{order?.id}", "{order}"));
    assertEquals(List.of(), reported(Code.E304, ok));
    String bad = source("""
        workflow A {
          owner Clerk
          starts on OrderPlaced
          notify Clerk "none"
        }
        workflow B {
          owner Clerk
          starts on OrderPlaced
          input order: Text
          notify Clerk "{order}"
        }
        """);
    assertEquals(List.of(
            at(bad, "starts on") + " `starts on OrderPlaced` needs exactly one input, of type `OrderPlaced`;"
                + " workflow `A` has none",
            at(bad, "starts on", 2) + " `starts on OrderPlaced` needs exactly one input, of type `OrderPlaced`;"
                + " input `order` is `Text`"),
        reported(Code.E304, bad));
  }

  @Test
  void startsOnWithTwoInputs() {
    String bad = source("""
        workflow A {
          owner Clerk
          starts on OrderPlaced
          input order: OrderPlaced
          input extra: Int
          notify Clerk "{order.id} {extra}"
        }
        workflow B {
          owner Clerk
          step x by Clerk within 1d
        }
        """);
    assertEquals(List.of(at(bad, "starts on") + " `starts on OrderPlaced` fills input `order` and leaves input `extra`"
        + " none, but it is `Int`"), reported(Code.E304, bad));
    // Issue 11: the other inputs may be optional (another trigger, or nobody, fills them).
    String ok = bad.replace("input extra: Int", "input extra: Int?");
    assertEquals(List.of(), reported(Code.E304, ok));
  }

  @Test
  void startsAfterMatchesOutputsByNameAndType() {
    String source = source("""
        workflow A {
          owner Clerk
          output folder: Text
          output count: Int
          output note: Text?
          set folder = "f"
          set count = 1
          set note = none
        }
        workflow B {
          owner Clerk
          starts after A
          input folder: Text?
          input count: Decimal
          input note: Text
          input reviewer: Text
          input comment: Text?
          input fodler: Text
          notify Clerk "{folder} {count} {note} {reviewer} {comment} {fodler}"
        }
        """);
    String starts = at(source, "starts after");
    assertEquals(List.of(
            starts + " input `comment` has no output of the same name in workflow `A`",
            starts + " input `fodler` has no output of the same name in workflow `A`",
            starts + " input `note: Text` cannot take output `note: Text?` of workflow `A`",
            starts + " input `reviewer` has no output of the same name in workflow `A`"),
        reported(Code.E304, source));
  }

  @Test
  void startsEveryNeedsOptionalInputs() {
    String source = source("""
        workflow A {
          owner Clerk
          starts every "0 9 * * *"
          input region: Text
          input limit: Int?
          notify Clerk "{region} {limit}"
        }
        workflow B {
          owner Clerk
          starts manually
          input region: Text
          notify Clerk "{region}"
        }
        """);
    assertEquals(List.of(at(source, "starts every") + " `starts every` needs every input to be optional; input"
        + " `region` is `Text`"), reported(Code.E304, source));
  }
}

package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Chart wording a business reader would say (issue 16, words16i): general rules, each on a small model. */
class ChartWordsTest {
  private static Graph chart(String model, boolean detail) {
    ModelIndex index = new ModelIndex(DiagramTesting.model(model));
    return WorkflowDiagram.of(index, index.workflows().get(0), false, detail);
  }

  private static List<String> edgeLabels(Graph g) {
    return g.edges().stream().map(Graph.Edge::label).flatMap(Optional::stream).toList();
  }

  private static List<String> nodeLabels(Graph g) {
    return g.nodes().stream().map(n -> n.label().toString()).toList();
  }

  @Test
  void armsThatOnlySetDataShareOneEdgeThatSaysTheirValues() {
    Graph g = chart("""
        role Clerk
        workflow Route {
          owner Clerk
          starts manually
          input country: Text
          let region: Text = "International"
          match country {
            "DE", "AT" -> { set region = "DACH" }
            "GB" -> { set region = "UK" }
            else -> { notify Clerk "no team for {country}" }
          }
          notify Clerk "{region}"
        }
        """, false);
    List<String> labels = edgeLabels(g);
    assertTrue(labels.contains("DE, AT or GB"), labels.toString());
    assertTrue(labels.contains("anything else"), labels.toString());
    long fromMatch = g.edges().stream().filter(e -> e.from().contains("match")).count();
    assertEquals(2, fromMatch, g.edges().toString());
    // With detail, each arm keeps its own edge and the values as written.
    List<String> detail = edgeLabels(chart("""
        role Clerk
        workflow Route {
          owner Clerk
          starts manually
          input country: Text
          let region: Text = "International"
          match country {
            "DE", "AT" -> { set region = "DACH" }
            else -> { notify Clerk "no team" }
          }
        }
        """, true));
    assertTrue(detail.stream().anyMatch(l -> l.contains("\"DE\"")), detail.toString());
    assertFalse(detail.contains("DE or AT"), detail.toString());
  }

  @Test
  void aRoundThatEndsByAskingTheUntilQuestionAsksItOnce() {
    Graph g = chart("""
        role Clerk
        record Answer { approved: Bool }
        workflow Review {
          owner Clerk
          starts manually
          repeat at most 3 times {
            step draft by Clerk { link: Text }
            step feedback by Clerk { approved: Bool }
            if not feedback.approved {
              notify Clerk "again"
            }
          } until feedback.approved
        }
        """, false);
    List<String> nodes = nodeLabels(g);
    assertEquals(1, nodes.stream().filter(l -> l.contains("pproved?")).count(), nodes.toString());
    assertTrue(nodes.contains("Approved?"), nodes.toString());
    List<String> edges = edgeLabels(g);
    assertTrue(edges.contains("again"), edges.toString());
    // An if that changes what the question reads keeps both questions.
    List<String> kept = nodeLabels(chart("""
        role Clerk
        workflow Review {
          owner Clerk
          starts manually
          let ok: Bool = false
          repeat at most 3 times {
            step draft by Clerk { link: Text }
            if not ok {
              set ok = true
              notify Clerk "again"
            }
          } until ok
        }
        """, false));
    assertTrue(kept.contains("Until ok?"), kept.toString());
  }

  @Test
  void aGoToEdgeSaysTheStepAsItsBoxDoes() {
    Graph g = chart("""
        role Clerk
        workflow Draft {
          owner Clerk
          starts manually
          /// A consultant prepares, or reworks, the deliverable.
          step prepare by Clerk { link: Text }
          /// Checked.
          step check by Clerk { ok: Bool }
          approval review by Clerk
          if not review.approved {
            go to prepare
          }
          if not check.ok {
            go to check
          }
        }
        """, false);
    List<String> nodes = nodeLabels(g);
    assertTrue(nodes.stream().anyMatch(l -> l.startsWith("A consultant prepares, or reworks, the deliverable")),
        nodes.toString());
    List<String> edges = edgeLabels(g);
    assertTrue(edges.stream().anyMatch(l -> l.endsWith("back to \u201cA consultant prepares, or reworks \u2026\u201d")),
        edges.toString());
    assertTrue(edges.stream().anyMatch(l -> l.endsWith("back to \u201cChecked\u201d")), edges.toString());
    assertFalse(edges.stream().anyMatch(l -> l.contains("back to Prepare")), edges.toString());
    // A remark in brackets is not cut in half.
    List<String> remark = edgeLabels(chart("""
        role Clerk
        workflow Draft {
          owner Clerk
          starts manually
          /// The project lead produces (or reworks) the deliverable.
          step produce by Clerk { link: Text }
          approval review by Clerk
          if not review.approved {
            go to produce
          }
        }
        """, false));
    assertTrue(remark.stream().anyMatch(l -> l.endsWith("back to \u201cThe project lead produces \u2026\u201d")),
        remark.toString());
  }

  @Test
  void aLoopEdgeSaysTheItemAsTheLoopsBoxDoes() {
    String model = """
        role Clerk
        record BillingAccount { name: Text }
        workflow Bill {
          owner Clerk
          starts manually
          input accounts: List<BillingAccount>
          for each account in accounts in parallel {
            notify Clerk "{account.name}"
          }
        }
        """;
    Graph g = chart(model, false);
    List<String> nodes = nodeLabels(g);
    assertTrue(nodes.stream().anyMatch(l -> l.startsWith("For each billing account")), nodes.toString());
    List<String> edges = edgeLabels(g);
    assertTrue(edges.contains("each billing account, all at once"), edges.toString());
    assertTrue(edgeLabels(chart(model, true)).contains("each account, all at once"));
  }

  @Test
  void aProcessMapSaysTheScheduleInWordsNotAsCron() {
    ModelIndex index = new ModelIndex(DiagramTesting.model("""
        role Clerk
        process Follow {
          owner Clerk
          workflows Daily, Odd
        }
        workflow Daily {
          owner Clerk
          starts every "0 9 * * MON-FRI"
          notify Clerk "morning"
        }
        workflow Odd {
          owner Clerk
          starts every "0 9 * JAN MON"
          notify Clerk "odd"
        }
        """));
    List<String> nodes = nodeLabels(ProcessMapDiagram.of(index, index.processes().get(0)));
    assertTrue(nodes.contains("Schedule / every weekday at 9:00"), nodes.toString());
    assertFalse(nodes.stream().anyMatch(l -> l.contains("MON-FRI")), nodes.toString());
    // A schedule without words is shown as written.
    assertTrue(nodes.stream().anyMatch(l -> l.contains("0 9 * JAN MON")), nodes.toString());
  }

  @Test
  void countsAndCountersAreSaidAsHowMany() {
    Graph g = chart("""
        role Clerk
        workflow Count {
          owner Clerk
          starts manually
          input drafts: Int
          input remindersSent: Int
          input total: Int
          let warm: Int = 0
          if drafts >= 3 {
            notify Clerk "many"
          }
          if remindersSent < 3 {
            notify Clerk "few"
          }
          if total > 20000 {
            notify Clerk "big"
          }
          repeat at most 5 times {
            step read by Clerk { hot: Bool }
            if read.hot {
              set warm = warm + 1
            }
          } until warm >= 3
        }
        """, false);
    List<String> nodes = nodeLabels(g);
    for (String expected : List.of("At least 3 drafts?", "Fewer than 3 reminders sent?", "Total over 20,000?",
        "Until warm 3 times?")) {
      assertTrue(nodes.contains(expected), expected + " in " + nodes);
    }
  }

  @Test
  void anAcronymTheDocsWriteInCapitalsKeepsThemInANameInCamelCase() {
    Graph g = chart("""
        role Legal
        workflow Intake {
          owner Legal
          starts manually
          /// The client works under an NDA that Legal reviews. DO NOT skip it.
          input needsNda: Bool
          input notNow: Bool
          if needsNda {
            notify Legal "review"
          }
          if notNow {
            notify Legal "later"
          }
        }
        """, false);
    List<String> nodes = nodeLabels(g);
    assertTrue(nodes.contains("Needs NDA?"), nodes.toString());
    // Capitals beside capitals are emphasis, not acronyms.
    assertTrue(nodes.contains("Not now?"), nodes.toString());
  }
}

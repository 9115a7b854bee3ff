package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.ast.Decl;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, what a business reader still stumbled over (look16's open list): a workflow of seven
 * steps split into an overview and one part, the labels of edges inside a part shown on the part's
 * box, "Notify application applicant via Email", and "Seniority is not seniority?".
 */
class ReaderFollowsTest {
  private static ModelIndex realworld(String file) {
    return new ModelIndex(DiagramTesting.model(DiagramTesting.sources(
        Path.of("src/test/resources/execution/realworld/" + file))));
  }

  private static Decl.WorkflowDecl workflow(ModelIndex index, String name) {
    return index.workflows().stream().filter(w -> w.name().text().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> labels(Graph g) {
    return g.nodes().stream().map(n -> n.label().toString()).toList();
  }

  @Test
  void aWorkflowThatNearlyFitsIsOneChart() {
    // ApproveLoan: estimated 908 px tall, rendered 851 by mermaid-cli; it was an overview "Score → [part] → Completed".
    ModelIndex index = realworld("loan-approval.flow");
    List<ChartSplit.Part> parts = WorkflowDiagram.parts(index, workflow(index, "ApproveLoan"), key -> key);
    assertEquals(1, parts.size(), parts.toString());
    Graph whole = parts.get(0).graph();
    assertEquals("", parts.get(0).key());
    assertFalse(whole.compact()); // diamonds, as every reader's chart
    assertTrue(labels(whole).contains("Approved?"), labels(whole).toString());
    assertTrue(ChartSize.of(whole).screens() <= ChartSplit.NEAR_FIT, ChartSize.of(whole).toString());
    // A chart well over a screen is still split.
    ModelIndex books = realworld("book-lending.flow");
    assertTrue(WorkflowDiagram.parts(books, workflow(books, "LendBook"), key -> key).size() > 1);
  }

  @Test
  void aRunThatStartsWithBranchesIsNamedAfterItsFirstStep() {
    ModelIndex index = new ModelIndex(DiagramTesting.model(DiagramTesting.sources(
        Path.of("src/test/resources/diagrams/overview.flow"))));
    // Of the parts an overview may fold (which of them it folds is ChartSplit's choice, tested elsewhere):
    // the run from the parallel (tech task first) to Draft offer, and inside it the run from Debrief.
    List<String> titles = WorkflowDiagram.partTitles(index, workflow(index, "Hiring"));
    assertTrue(titles.contains("From Tech task to Draft offer"), titles.toString());
    assertTrue(titles.contains("From Debrief to Draft offer"), titles.toString());
  }

  @Test
  void aPartsOnlyWayOutCarriesNoLabelFromInsideIt() {
    // A part whose last node is a decision: its "no" way out is the box's only way out in the overview.
    Graph g = new Graph("TD", "t");
    g.add(new Graph.Node("a", NodeKind.SYSTEM, Label.titled("A"), Optional.empty(), Optional.empty()));
    g.add(new Graph.Node("b", NodeKind.SYSTEM, Label.titled("B"), Optional.empty(), Optional.empty()));
    g.add(new Graph.Node("q", NodeKind.DECISION, Label.plain("Ok?"), Optional.empty(), Optional.empty()));
    g.add(new Graph.Node("c", NodeKind.NOTIFY, Label.titled("C"), Optional.empty(), Optional.empty()));
    g.add(new Graph.Node("d", NodeKind.SYSTEM, Label.titled("D"), Optional.empty(), Optional.empty()));
    g.edge("a", "b", "yes", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    g.edge("b", "q", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    g.edge("q", "c", "yes", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    g.edge("c", "d", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    g.edge("q", "d", "no", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    ChartSplit.Chunk part = new ChartSplit.Chunk("B to C", List.of("b", "q", "c"), java.util.Set.of(), Optional.empty(),
        false, "");
    Graph overview = ChartSplit.fold(g, List.of(part), java.util.Map.of(), key -> key);
    Graph.Edge out = overview.edges().stream().filter(e -> e.from().equals("p1_part")).findFirst().orElseThrow();
    assertEquals(Optional.empty(), out.label(), overview.edges().toString());
    // The way in keeps the label said before the part, in the overview ...
    Graph.Edge in = overview.edges().stream().filter(e -> e.to().equals("p1_part")).findFirst().orElseThrow();
    assertEquals(Optional.of("yes"), in.label());
    // ... and the part's own chart starts without it: its one way in leads to one place.
    Graph detail = ChartSplit.detail(g, part, "bToC", "t");
    Graph.Edge start = detail.edges().stream().filter(e -> e.from().equals("d0_from")).findFirst().orElseThrow();
    assertEquals(Optional.empty(), start.label(), detail.edges().toString());
    // Inside the part the decision's ways keep their labels.
    assertTrue(detail.edges().stream().anyMatch(e -> e.from().equals("q") && e.label().equals(Optional.of("no"))));
  }

  @Test
  void aBoxWithWaysOutToSeveralPlacesKeepsTheirLabels() {
    Graph g = new Graph("TD", "t");
    for (String id : List.of("a", "b", "q", "c", "d")) {
      g.add(new Graph.Node(id, id.equals("q") ? NodeKind.DECISION : NodeKind.SYSTEM, Label.titled(id), Optional.empty(),
          Optional.empty()));
    }
    g.edge("a", "b", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    g.edge("b", "q", "", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    g.edge("q", "c", "yes", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    g.edge("q", "d", "no", Graph.EdgeStyle.SOLID, Graph.EdgeKind.NORMAL);
    ChartSplit.Chunk part = new ChartSplit.Chunk("B", List.of("b", "q"), java.util.Set.of(), Optional.empty(), false, "");
    Graph overview = ChartSplit.fold(g, List.of(part), java.util.Map.of(), key -> key);
    assertTrue(overview.edges().stream().anyMatch(e -> e.from().equals("p1_part") && e.label().equals(Optional.of("no"))),
        overview.edges().toString());
  }

  @Test
  void aNotificationToAnAddressNamesThePerson() {
    ModelIndex index = new ModelIndex(DiagramTesting.model("""
        role Clerk
        system Email {}
        record Application { applicant: Text, amount: Int }
        record Hire { email: Text, name: Text }
        record Account { billingEmail: Text }
        record Project { projectLeadEmail: Text }
        workflow Tell {
          owner Clerk
          starts manually
          input application: Application
          input hire: Hire
          input account: Account
          input project: Project
          input clientEmail: Text
          notify application.applicant via Email "not approved"
          notify hire.email via Email "welcome"
          notify account.billingEmail via Email "invoice"
          notify project.projectLeadEmail via Email "you lead"
          notify clientEmail via Email "thanks"
          notify Clerk "done"
        }
        """));
    String all = String.join("\n", labels(WorkflowDiagram.of(index, index.workflows().get(0), false, false)));
    for (String expected : List.of("Notify the applicant via Email", "Notify the hire via Email",
        "Notify the billing email via Email", "Notify the project lead via Email", "Notify the client via Email",
        "Notify Clerk")) {
      assertTrue(all.contains(expected), expected + " in\n" + all);
    }
    assertFalse(all.contains("application applicant"), all);
    // With detail, the address as written.
    String detail = String.join("\n", labels(WorkflowDiagram.of(index, index.workflows().get(0), false, true)));
    assertTrue(detail.contains("Notify application.applicant via Email"), detail);
  }

  @Test
  void aNotificationToANameWithoutWordsIsStillDrawn() {
    // A name of underscores only splits into no words (found by DifferentialTest): the address is named as written.
    ModelIndex index = new ModelIndex(DiagramTesting.model("""
        role Clerk
        system Email {}
        record Box { ___: Text }
        workflow Tell {
          owner Clerk
          starts manually
          input ___: Text
          input box: Box
          notify ___ via Email "hello"
          notify box.___ via Email "hello"
        }
        """));
    String all = String.join("\n", labels(WorkflowDiagram.of(index, index.workflows().get(0), false, false)));
    assertTrue(all.contains("via Email"), all);
  }

  @Test
  void theSameFieldOfTwoRecordsIsToldApart() {
    ModelIndex index = new ModelIndex(DiagramTesting.model("""
        role Clerk
        record Opening { seniority: Text }
        record Hire { seniority: Text }
        workflow Check {
          owner Clerk
          starts manually
          input opening: Opening
          input hire: Hire
          if hire.seniority != opening.seniority {
            notify Clerk "check the band"
          }
          if hire.seniority == opening.seniority {
            notify Clerk "same band"
          }
        }
        """));
    List<String> labels = labels(WorkflowDiagram.of(index, index.workflows().get(0), false, false));
    assertTrue(labels.contains("Hire and opening seniority differ?"), labels.toString());
    assertTrue(labels.contains("Hire and opening seniority match?"), labels.toString());
    assertFalse(labels.contains("Seniority is not seniority?"), labels.toString());
  }
}

package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a business reader stumbled over in the rendered charts of models nobody had drawn before
 * (issue 16, helper look16): "Not wait?", "Size of shortlist is 0?",
 * "Total over 20_000?", a part called "From Hold request to Steps with a failure path", and a
 * landscape that came out as one tall column.
 */
class ReaderWordingTest {
  private static final String MODEL = """
      role Clerk
      system Library {
        action lend(book: Text): Text
        action cancel(book: Text)
      }
      record Opening { seniority: Text, title: Text }
      record Hire { seniority: Text, name: Text }
      event BookReturned { book: Text }
      workflow Lend {
        owner Clerk
        starts manually
        input book: Text
        input opening: Opening
        input hire: Hire
        input shortlist: List<Text>
        input total: Int
        let best: Int = 0
        if total > best {
          set best = total
        }
        step hold by Clerk { wait: Bool }
        if not hold.wait {
          cancel "no wait"
        }
        if hire.seniority != opening.seniority {
          notify Clerk "check the band"
        }
        if size(shortlist) > 0 {
          notify Clerk "someone"
        }
        if total > 20_000 {
          notify Clerk "big"
        }
        match total {
          < 500 -> {
            notify Clerk "small"
          }
          >= 10_000 -> {
            notify Clerk "large"
          }
          else -> {
            notify Clerk "medium"
          }
        }
        try {
          receive returned: BookReturned where returned.book == book within 14d
        } catch {
          step giveUp by Library.cancel(book: book)
          fail "not returned"
        }
        step lend by Library.lend(book: book)
      }
      """;

  private static Graph chart(boolean detail) {
    ModelIndex index = new ModelIndex(DiagramTesting.model(MODEL));
    return WorkflowDiagram.of(index, index.workflows().get(0), false, detail);
  }

  private static List<String> labels(Graph g) {
    List<String> out = new ArrayList<>();
    g.nodes().forEach(n -> out.add(n.label().toString()));
    return out;
  }

  /** The label of the edge from the node labelled {@code from} to the node whose label starts with {@code to}. */
  private static String edge(Graph g, String from, String to) {
    String fromId = g.nodes().stream().filter(n -> n.label().toString().equals(from)).findFirst().orElseThrow().id();
    String toId = g.nodes().stream().filter(n -> n.label().toString().startsWith(to)).findFirst().orElseThrow().id();
    return g.edges().stream().filter(e -> e.from().equals(fromId) && e.to().equals(toId)).findFirst().orElseThrow()
        .label().orElse("");
  }

  @Test
  void aNegatedConditionIsAskedTheOtherWayRoundWithYesAndNoSwapped() {
    Graph g = chart(false);
    List<String> labels = labels(g);
    assertTrue(labels.contains("Wait?"), String.join("\n", labels));
    assertFalse(labels.contains("Not wait?"), String.join("\n", labels));
    // Cancelled when the person does not want to wait: the "no" of "Wait?".
    assertEquals("no", edge(g, "Wait?", "Cancelled"));
  }

  @Test
  void withDetailTheConditionStaysAsWritten() {
    Graph g = chart(true);
    String all = String.join("\n", labels(g));
    assertTrue(all.contains("Not wait?"), all);
    assertTrue(all.contains("not hold.wait"), all);
    assertEquals("yes", edge(g, "Not wait? / not hold.wait", "Cancelled"));
  }

  @Test
  void questionsSayWhichValueCountsAndEmptiness() {
    List<String> labels = labels(chart(false));
    String all = String.join("\n", labels);
    assertTrue(labels.contains("Shortlist not empty?"), all);
    assertTrue(labels.contains("Total over 20,000?"), all);
  }

  @Test
  void aQuestionAboutTodaySaysPastOrBefore() {
    // FirstDeliverable asked "Today over due date?", Dunning the same.
    ModelIndex index = new ModelIndex(DiagramTesting.model("""
        role Clerk
        workflow Due {
          owner Clerk
          starts manually
          input dueDate: Date
          input openedAt: Timestamp
          if today() > dueDate {
            notify Clerk "late"
          }
          if now() < openedAt {
            notify Clerk "early"
          }
        }
        """));
    List<String> labels = labels(WorkflowDiagram.of(index, index.workflows().get(0), false, false));
    String all = String.join("\n", labels);
    assertTrue(labels.contains("Past due date?"), all);
    assertTrue(labels.contains("Before opened at?"), all);
    assertFalse(all.contains("Today"), all);
  }

  @Test
  void whoMayNotDoAStepIsNotSaidWithItsOwnerTwice() {
    // PurchaseApproval said "not by whoever did approve or request requester".
    ModelIndex index = new ModelIndex(DiagramTesting.model("""
        role Clerk
        record Request { requester: Text, manager: Text }
        workflow Buy {
          owner Clerk
          starts manually
          input request: Request
          step approve by Clerk { ok: Bool }
          step release by Clerk not by approve.completedBy, request.requester, request.manager { done: Bool }
        }
        """));
    String all = String.join("\n", labels(WorkflowDiagram.of(index, index.workflows().get(0), false, false)))
        .replace(" / ", " ");
    assertTrue(all.contains("not by whoever did approve, the requester or request manager"), all);
    assertFalse(all.contains("request requester"), all);
  }

  @Test
  void aDecisionThatOnlySetsDataIsDrawnOnlyWithDetail() {
    assertFalse(labels(chart(false)).contains("Total over best?"), labels(chart(false)).toString());
    assertTrue(String.join("\n", labels(chart(true))).contains("Total over best? / total > best"));
  }

  @Test
  void aRunUpToADecisionQuotesItsQuestion() {
    ModelIndex examples = new ModelIndex(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));
    var recruitment = examples.workflows().stream().filter(w -> w.name().text().equals("Recruitment")).findFirst()
        .orElseThrow();
    // Of the parts the overview may fold (which of them it folds is ChartSplit's choice: it moved in look16d and
    // again in look16e, when the overview came to keep "Accepted?" and its failure in sight).
    List<String> titles = WorkflowDiagram.partTitles(examples, recruitment);
    assertTrue(titles.contains("From Notify the hire via Google Workspace mail to \u201cAccepted?\u201d"), titles.toString());
  }

  @Test
  void aPartThatStartsWithADecisionIsTitledFromItsQuestion() {
    // ProjectCloseOut: a part that asked "Accepted under planned?" first was titled after the
    // retrospective that follows it ("Lessons learned, while they are fresh").
    ModelIndex examples = new ModelIndex(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));
    int checked = 0;
    for (var workflow : examples.workflows()) {
      for (ChartSplit.Part p : WorkflowDiagram.parts(examples, workflow, key -> "#" + key)) {
        Graph g = p.graph();
        Graph.Node from = g.nodes().stream().filter(n -> n.label().toString().endsWith("from the overview"))
            .findFirst().orElse(null);
        if (p.title().isEmpty() || from == null) {
          continue;
        }
        String firstId = g.edges().stream().filter(e -> e.from().equals(from.id())).findFirst().orElseThrow().to();
        Graph.Node first = g.nodes().stream().filter(n -> n.id().equals(firstId)).findFirst().orElse(null);
        if (first != null && first.kind() == NodeKind.DECISION) {
          checked++;
          assertTrue(p.title().contains(first.label().first()), workflow.name().text() + ": " + p.title()
              + " starts with " + first.label());
        }
      }
    }
    assertTrue(checked > 0, "no part of the examples starts with a decision");
  }

  @Test
  void aPartFromAQuestionToAQuestionIsTitledByItsFirstQuestion() {
    // LeadIntake's overview showed "From “Qualified?” to “Estimated budget over budget times 2?”" (look16c): long,
    // and the second question is in the part's chart anyway. Its key stays the one from both questions.
    ModelIndex examples = new ModelIndex(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));
    List<String> titles = new ArrayList<>();
    for (var workflow : examples.workflows()) {
      for (ChartSplit.Part p : WorkflowDiagram.parts(examples, workflow, key -> "#" + key)) {
        titles.add(workflow.name().text() + " " + p.key() + ": " + p.title());
      }
    }
    String all = String.join("\n", titles);
    // Which parts LeadIntake's overview folds moved (look16e: it now keeps "Qualified?" and its cancellation in
    // sight), so the title is looked for among the parts it may fold.
    var leadIntake = examples.workflows().stream().filter(w -> w.name().text().equals("LeadIntake")).findFirst()
        .orElseThrow();
    assertTrue(WorkflowDiagram.partTitles(examples, leadIntake).contains("\u201cQualified?\u201d and one more question"),
        WorkflowDiagram.partTitles(examples, leadIntake).toString());
    assertFalse(all.matches("(?s).*From \u201c[^\u201d]*\u201d to \u201c.*"), all);
  }

  @Test
  void aPartInsideAPartDoesNotSayItsWayBackLeadsToTheWayBack() {
    // Recruitment: a part folded inside a part ended in "Back to the overview, then: Back to the overview".
    ModelIndex examples = new ModelIndex(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));
    int nested = 0;
    for (var workflow : examples.workflows()) {
      List<ChartSplit.Part> parts = WorkflowDiagram.parts(examples, workflow, key -> "#" + key);
      for (ChartSplit.Part p : parts) {
        for (Graph.Node n : p.graph().nodes()) {
          assertFalse(n.label().toString().contains("then: Back to the overview"), workflow.name().text() + " "
              + p.key() + ": " + n.label());
        }
        nested += p.graph().nodes().stream().anyMatch(n -> n.kind() == NodeKind.PART && !n.id().endsWith("_back"))
            && !p.title().isEmpty() ? 1 : 0;
      }
    }
    assertTrue(nested > 0, "no part of the examples has a part of its own");
  }

  @Test
  void aPartsTitleNamesItsStepsShortlyNotByTheirDocSentence() {
    // Recruitment's part was "From The talent partner drafts the offer to “Salary under expected salary?”", Proposal's
    // "From Every proposal leaves the house with the director's approval to “Price over budget?”".
    ModelIndex examples = new ModelIndex(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));
    int sentences = 0;
    int titled = 0;
    List<String> titles = new ArrayList<>();
    for (var workflow : examples.workflows()) {
      List<String> sentencesHere = new ArrayList<>();
      for (Graph.Node n : WorkflowDiagram.of(examples, workflow, false, false).nodes()) {
        if (n.id().startsWith("s_") && n.label().first().split(" ").length > 4) {
          sentencesHere.add(n.label().first());
        }
      }
      sentences += sentencesHere.size();
      for (ChartSplit.Part p : WorkflowDiagram.parts(examples, workflow, key -> "#" + key)) {
        titled += p.title().startsWith("From ") ? 1 : 0;
        titles.add(p.title());
        for (String sentence : sentencesHere) {
          assertFalse(p.title().contains(sentence), workflow.name().text() + ": " + p.title());
        }
      }
    }
    assertTrue(sentences > 0 && titled > 0, sentences + " " + titled);
    // (Of the parts Recruitment's overview may fold: which of them it folds is ChartSplit's choice, look16e.)
    var recruitment = examples.workflows().stream().filter(w -> w.name().text().equals("Recruitment")).findFirst()
        .orElseThrow();
    List<String> all = WorkflowDiagram.partTitles(examples, recruitment);
    assertTrue(all.contains("From Publish opening to Draft offer"), all.toString());
  }

  @Test
  void aLoopOverTheItemsPluralSaysTheItemOnce() {
    // ProjectKickoff's chart said "For each consultant in consultants", PipelineFollowUp "For each stale deal in find
    // stale deals": the list is the items' plural, said twice.
    ModelIndex index = new ModelIndex(DiagramTesting.model("""
        role Clerk
        workflow Staff {
          owner Clerk
          starts manually
          input consultants: List<Text>
          input parties: List<Text>
          input shortlist: List<Text>
          for each consultant in consultants {
            notify Clerk "staffed"
          }
          for each party in parties {
            notify Clerk "invited"
          }
          for each candidate in shortlist {
            notify Clerk "called"
          }
          start each consultant in consultants {
            notify Clerk "welcome"
          }
        }
        """));
    String all = String.join("\n", labels(WorkflowDiagram.of(index, index.workflows().get(0), false, false)));
    assertTrue(all.contains("For each consultant / "), all);
    assertTrue(all.contains("Start each consultant / "), all);
    assertFalse(all.contains("in consultants"), all);
    assertFalse(all.contains("in parties"), all);
    assertTrue(all.contains("For each party"), all);
    assertTrue(all.contains("For each candidate in shortlist"), all);
  }

  private static final String ADDRESSES = """
      system Email { }
      role Clerk
      record Candidate { name: Text, email: Text }
      event IntakeSubmitted { client: Text, contactName: Text, email: Text }
      event RoomBooked { room: Text, email: Text }
      workflow Notes {
        owner Clerk
        starts manually
        input hire: Candidate
        input intake: IntakeSubmitted
        input booking: RoomBooked
        input email: Text
        notify hire.email via Email "welcome"
        notify intake.email via Email "hello"
        notify booking.email via Email "booked"
        notify email via Email "plain"
      }
      """;

  @Test
  void theOwnerOfAnAddressIsAPersonOnlyWhenItsTypeSaysSo() {
    ModelIndex index = new ModelIndex(DiagramTesting.model(ADDRESSES));
    List<String> labels = labels(WorkflowDiagram.of(index, index.workflows().get(0), false, false));
    String all = String.join("\n", labels);
    // A candidate has a name: the record is the person.
    assertTrue(all.contains("the hire via Email"), all);
    // An event with a contact named in it: the address is the contact's, not the intake's.
    assertTrue(all.contains("the intake contact via Email"), all);
    assertFalse(all.contains("Notify the intake via"), all);
    // An event with no one named in it: its address, said as such.
    assertTrue(all.contains("Notify the booking email via Email"), all);
    assertTrue(all.contains("Notify email via Email"), all);
  }

  @Test
  void rangesOfAMatchAreInWords() {
    List<String> edges = chart(false).edges().stream().map(e -> e.label().orElse("")).toList();
    assertTrue(edges.containsAll(List.of("under 500", "at least 10,000", "anything else")), edges.toString());
    List<String> detailed = chart(true).edges().stream().map(e -> e.label().orElse("")).toList();
    assertTrue(detailed.contains("< 500"), detailed.toString());
  }

  @Test
  void aTryIsNamedAfterItsFirstStep() {
    // The realworld book lending model: a hold request, then a try around waiting for the book.
    ModelIndex index = new ModelIndex(DiagramTesting.model(DiagramTesting.sources(
        Path.of("src/test/resources/execution/realworld/book-lending.flow"))));
    var lend = index.workflows().stream().filter(w -> w.name().text().equals("LendBook")).findFirst().orElseThrow();
    List<String> titles = WorkflowDiagram.parts(index, lend, key -> "#" + key).stream().map(p -> p.title()).toList();
    assertTrue(titles.contains("From Hold request to Returned, with a failure path"), titles.toString());
    assertFalse(titles.stream().anyMatch(t -> t.contains("Steps with a failure path")), titles.toString());
  }

  @Test
  void theLandscapeSetsTheProcessesOfACategorySideBySide() {
    String landscape = Diagrams.landscape(new ModelIndex(DiagramTesting.model("""
        role Boss
        process Sales {
          category operational
          owner Boss
        }
        process Delivery {
          category operational
          owner Boss
        }
        """)));
    // Left to right inside a category, Mermaid stacks processes without edges between them in one column.
    assertTrue(landscape.contains("subgraph c_operational [\"Operational processes\"]\n    direction TB"), landscape);
    assertFalse(landscape.contains("direction LR"), landscape);
  }
}

package dev.flow.compiler.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.ast.Decl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reader's charts say conditions, messages, addresses and undo actions in words (issue 16):
 * no expression as code on a label without {@code --detail}, and the code is still there with it.
 */
class LabelWordsTest {
  private static final String MODEL = """
      role Recruiter
      role Boss
      system Ledger {
        action book(amount: Int): Text
        action undo(entry: Text)
      }
      enum Seniority { Junior, Senior, Principal }
      record Candidate {
        name: Text
        email: Text
        seniority: Seniority
        budget: Int?
      }
      workflow Hire {
        owner Boss
        starts manually
        input candidate: Candidate
        input shortlist: List<Text>
        step book by Ledger.book(amount: 1) compensate with Ledger.undo(entry: book)
        if candidate.seniority in [Seniority.Senior, Seniority.Principal] {
          notify candidate.email "Welcome, {candidate.name}"
        }
        if (candidate.budget ?? 0) > 100 * 2 {
          notify Boss "big"
        }
        if size(shortlist) == 0 {
          cancel "nobody for {candidate.name}"
        }
        approval sign by Boss within 2d
        if not sign.approved {
          fail "{candidate.name} was not signed by {sign.completedBy}"
        }
      }
      """;

  private static List<String> labels(boolean detail) {
    ModelIndex index = new ModelIndex(DiagramTesting.model(MODEL));
    Graph g = WorkflowDiagram.of(index, index.workflows().get(0), false, detail);
    List<String> out = new ArrayList<>();
    g.nodes().forEach(n -> out.add(n.label().toString()));
    g.edges().forEach(e -> e.label().ifPresent(out::add));
    return out;
  }

  @Test
  void conditionsMessagesAndAddressesAreInWords() {
    List<String> labels = labels(false);
    String all = String.join("\n", labels);
    assertTrue(labels.contains("Seniority is senior or principal?"), all);
    assertTrue(labels.contains("Budget over 100 times 2?"), all);
    assertTrue(labels.contains("Shortlist empty?"), all);
    assertTrue(all.contains("Notify the candidate"), all);
    assertTrue(all.contains("Cancelled / nobody for «candidate name» / then undo: undo in Ledger"), all);
    assertTrue(all.contains("«candidate name» was not signed by «whoever did sign»"), all);
    assertEquals(List.of(), CodeInLabels.of(Diagrams.workflow(new ModelIndex(DiagramTesting.model(MODEL)),
        new ModelIndex(DiagramTesting.model(MODEL)).workflows().get(0), false)));
  }

  @Test
  void withDetailTheCodeIsKept() {
    String all = String.join("\n", labels(true));
    assertTrue(all.contains("candidate.seniority in [Seniority.Senior, Seniority.Principal]"), all);
    assertTrue(all.contains("Notify candidate.email"), all);
    assertTrue(all.contains("then undo: Ledger.undo"), all);
    assertTrue(all.contains("{candidate.name} was not signed by {sign.completedBy}"), all);
  }

  @Test
  void noChartOfTheExamplesOrTheValidCorpusShowsCode() {
    List<String> found = new ArrayList<>();
    for (Path root : List.of(DiagramTesting.EXAMPLES, Path.of("src/test/resources/valid"))) {
      var model = DiagramTesting.model(DiagramTesting.sources(root));
      for (boolean lanes : new boolean[] {false, true}) {
        for (Map.Entry<String, String> f : Diagrams.files(model, new Diagrams.Options(lanes, Diagrams.Format.MERMAID))
            .entrySet()) {
          CodeInLabels.of(f.getValue()).forEach(c -> found.add(f.getKey() + (lanes ? " (lanes): " : ": ") + c));
        }
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  void processMapsAndTheLandscapeNameProcessesWorkflowsAndEventsInWords() {
    ModelIndex index = new ModelIndex(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));
    Decl.ProcessDecl delivery = index.processes().stream().filter(p -> p.name().text().equals("ProjectDelivery"))
        .findFirst().orElseThrow();
    String map = String.join("\n", ProcessMapDiagram.of(index, delivery).nodes().stream()
        .map(n -> n.label().toString()).toList());
    for (String words : List.of("Project delivery", "Project kickoff", "Project close out", "Project sold")) {
      assertTrue(map.contains(words), words + " in\n" + map);
    }
    assertFalse(map.contains("ProjectKickoff") || map.contains("ProjectSold"), map);
    String landscape = Diagrams.landscape(index);
    assertTrue(landscape.contains("Interview loop"), landscape);
    assertFalse(landscape.contains("InterviewLoop") || landscape.contains(">TalentAcquisition<"), landscape);
  }

  @Test
  void partKeysAreUniqueWithoutNumbers() {
    ModelIndex examples = new ModelIndex(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));
    List<String> numbered = new ArrayList<>();
    for (Decl.WorkflowDecl w : examples.workflows()) {
      List<String> keys = WorkflowDiagram.parts(examples, w, key -> "#" + key).stream().map(ChartSplit.Part::key).toList();
      Set<String> distinct = keys.stream().collect(Collectors.toSet());
      assertEquals(keys.size(), distinct.size(), w.name().text() + " " + keys);
      keys.stream().filter(k -> k.matches(".*_\\d+")).forEach(k -> numbered.add(w.name().text() + "." + k));
    }
    assertEquals(List.of(), numbered);
    // Two runs from the same step are told apart by what each ends with, and two decisions whose questions
    // begin alike by the whole question.
    Decl.WorkflowDecl recruitment = examples.workflows().stream().filter(w -> w.name().text().equals("Recruitment"))
        .findFirst().orElseThrow();
    List<String> keys = WorkflowDiagram.parts(examples, recruitment, key -> "#" + key).stream()
        .map(ChartSplit.Part::key).toList();
    // (The runs folded changed with the parts' titles, look16d: they were ...ToSigningBonusGiven and ...ToHireOpening...;
    // and with the overview keeping "Accepted?" in sight, look16e: they were publishOpeningToDraftOffer and
    // publishOpeningToForEachCandidateShortlist. Two runs to the same step now, told apart by where each starts; and
    // "Salary over 110% of the salary band?" takes salaryOverSalaryBand, so the other is told apart by its first step.)
    assertTrue(keys.containsAll(List.of("publishOpeningToSalaryUnderExpectedSalary", "draftOfferToSalaryUnderExpectedSalary",
        "salaryOverSalaryBand", "salaryOverSalaryBandManagerApproval")), keys.toString());
  }
}

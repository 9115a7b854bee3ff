package dev.flow.compiler.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.check.SemanticModel;
import dev.flow.compiler.diagram.DiagramTesting;
import dev.flow.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The BPMN of the examples, of every model of the valid corpus and of every golden case is
 * structurally sound ({@link BpmnStructure}), deterministic whatever the order of the files, and
 * carries hostile text as text.
 */
class BpmnTest {
  static final Path VALID = Path.of("src/test/resources/valid");
  static final Path CASES = Path.of("src/test/resources/diagrams");

  static List<List<SourceFile>> models() throws IOException {
    List<List<SourceFile>> models = new ArrayList<>();
    models.add(DiagramTesting.sources(DiagramTesting.EXAMPLES));
    for (Path root : List.of(VALID, CASES)) {
      try (Stream<Path> entries = Files.list(root)) {
        for (Path p : entries.sorted().toList()) {
          if (Files.isDirectory(p) || p.toString().endsWith(".flow")) {
            models.add(DiagramTesting.sources(p));
          }
        }
      }
    }
    return models;
  }

  @Test
  void everyModelGivesSoundBpmn() throws IOException {
    int files = 0;
    for (List<SourceFile> sources : models()) {
      SortedMap<String, String> bpmn = Bpmn.files(DiagramTesting.model(sources));
      for (Map.Entry<String, String> f : bpmn.entrySet()) {
        List<String> problems = BpmnStructure.problems(f.getValue());
        assertEquals(List.of(), problems, sources.get(0).name() + " → " + f.getKey());
        files++;
      }
    }
    assertTrue(files > 40, "only " + files + " BPMN files");
  }

  @Test
  void theOrderOfTheFilesDoesNotMatter() {
    List<SourceFile> sources = new ArrayList<>(DiagramTesting.sources(DiagramTesting.EXAMPLES));
    SortedMap<String, String> first = Bpmn.files(DiagramTesting.model(sources));
    Collections.reverse(sources);
    assertEquals(first, Bpmn.files(DiagramTesting.model(sources)));
  }

  @Test
  void aFilePerProcessAndPerWorkflowInNoProcess() {
    SemanticModel model = DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES));
    SortedMap<String, String> files = Bpmn.files(model);
    assertTrue(files.containsKey("com.acme.onboarding/ClientOnboarding.bpmn"), files.keySet().toString());
    Element root = BpmnStructure.parse(files.get("com.acme.onboarding/ClientOnboarding.bpmn")).getDocumentElement();
    assertFalse(BpmnStructure.elements(root, BpmnStructure.BPMN, "lane").isEmpty());
    assertFalse(BpmnStructure.elements(root, BpmnStructure.BPMN, "userTask").isEmpty());
    assertFalse(BpmnStructure.elements(root, BpmnStructure.BPMN, "serviceTask").isEmpty());
  }

  @Test
  void hostileTextStaysText() throws IOException {
    String hostile = "a\"b'c<d>e&f]]>g<!--h--> \u0001\u0085\u2028 \uD83D\uDE00";
    String source = """
        role Evil "TITLE"
        system Hack "TITLE" { action run(text: Text): Text }
        /// TITLE
        workflow W {
          owner Evil
          starts manually
          /// TITLE
          step ask by Evil { answer: Text }
          step run by Hack.run(text: "x")
          notify Evil via Hack "TITLE"
          if ask.answer == "TITLE" { fail "TITLE" }
        }
        """.replace("TITLE", hostile.replace("\"", "\\\"").replace("\u0001", "").replace("\u0085", ""));
    SortedMap<String, String> files = Bpmn.files(DiagramTesting.model(source));
    String xml = files.values().iterator().next();
    assertEquals(List.of(), BpmnStructure.problems(xml));
    Element root = BpmnStructure.parse(xml).getDocumentElement();
    String expected = hostile.replace("\u0001", "").replace("\u0085", "");
    Element lane = BpmnStructure.elements(root, BpmnStructure.BPMN, "lane").get(0);
    assertEquals(expected, lane.getAttribute("name"));
    Element error = BpmnStructure.elements(root, BpmnStructure.BPMN, "error").get(0);
    assertEquals(expected, error.getAttribute("name"));
  }

  @Test
  void scopesOfTheirOwnAndHandoffsAcrossFiles() throws IOException {
    SortedMap<String, String> files =
        Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(CASES.resolve("subprocesses.flow")))));
    Element desk = BpmnStructure.parse(files.get("Desk.bpmn")).getDocumentElement();
    List<Element> subs = BpmnStructure.elements(desk, BpmnStructure.BPMN, "subProcess").stream()
        .filter(e -> !e.getAttribute("triggeredByEvent").equals("true")).toList();
    // Four for each of several steps, a first and a first 2.
    assertEquals(List.of("For each letter", "For each reviewer", "For each reviewer", "For each letter",
        "Whichever ends first", "Whichever 2 end first"), subs.stream().map(e -> e.getAttribute("name")).toList());
    Element loop = BpmnStructure.elements(subs.get(0), BpmnStructure.BPMN, "multiInstanceLoopCharacteristics").get(0);
    assertEquals("true", loop.getAttribute("isSequential"));
    Element firstTwo = BpmnStructure.elements(subs.get(1), BpmnStructure.BPMN, "completionCondition").get(0);
    assertEquals("numberOfCompletedInstances >= 2", firstTwo.getTextContent());
    assertTrue(BpmnStructure.elements(subs.get(2), BpmnStructure.BPMN, "completionCondition").isEmpty());
    // Every subprocess has a plane of its own.
    List<String> planes = BpmnStructure.elements(desk, BpmnStructure.BPMNDI, "BPMNPlane").stream()
        .map(e -> e.getAttribute("bpmnElement")).toList();
    subs.forEach(e -> assertTrue(planes.contains(e.getAttribute("id")), e.getAttribute("id")));
    // first: each branch ends in a terminate end event of the subprocess; first 2: one, after the counting gateway.
    assertEquals(2, BpmnStructure.elements(subs.get(4), BpmnStructure.BPMN, "terminateEventDefinition").size());
    assertEquals(1, BpmnStructure.elements(subs.get(5), BpmnStructure.BPMN, "terminateEventDefinition").size());
    // The for each in a try fails through an error boundary event on its subprocess.
    String posting = subs.get(3).getAttribute("id");
    assertTrue(BpmnStructure.elements(desk, BpmnStructure.BPMN, "boundaryEvent").stream()
        .anyMatch(b -> b.getAttribute("attachedToRef").equals(posting)
            && !BpmnStructure.elements(b, BpmnStructure.BPMN, "errorEventDefinition").isEmpty()));
    // No complex gateway (bpmnlint rejects it): parallel join 2 counts at an exclusive gateway.
    assertTrue(BpmnStructure.elements(desk, BpmnStructure.BPMN, "complexGateway").isEmpty());
    // Book and Audit are drawn in Books.bpmn: black-box pools here, with the call, its return and the start.
    List<Element> blackBoxes = BpmnStructure.elements(desk, BpmnStructure.BPMN, "participant").stream()
        .filter(p -> p.getAttribute("processRef").isEmpty()).toList();
    assertEquals(List.of("Book", "Audit"), blackBoxes.stream().map(p -> p.getAttribute("name")).toList());
    List<String> flows = BpmnStructure.elements(desk, BpmnStructure.BPMN, "messageFlow").stream()
        .map(m -> m.getAttribute("name") + " " + m.getAttribute("sourceRef") + " " + m.getAttribute("targetRef")).toList();
    String book = blackBoxes.get(0).getAttribute("id");
    String audit = blackBoxes.get(1).getAttribute("id");
    assertTrue(flows.contains("calls Letters.booked " + book), flows.toString());
    assertTrue(flows.contains("returns " + book + " Letters.booked"), flows.toString());
    assertTrue(flows.stream().anyMatch(f -> f.startsWith("starts ") && f.endsWith(" " + audit)), flows.toString());
    assertTrue(flows.stream().anyMatch(f -> f.startsWith("when completed " + audit + " ")), flows.toString());
    // In Books.bpmn, Book's emit reaches Audit's receive.
    Element books = BpmnStructure.parse(files.get("Books.bpmn")).getDocumentElement();
    assertTrue(BpmnStructure.elements(books, BpmnStructure.BPMN, "messageFlow").stream()
        .anyMatch(m -> m.getAttribute("name").equals("publishes") && m.getAttribute("targetRef").equals("Audit.booked")));
    // Follow, drawn in Desk.bpmn, receives Booked too: a black-box pool in Books.bpmn that the emit publishes to.
    List<Element> outside = BpmnStructure.elements(books, BpmnStructure.BPMN, "participant").stream()
        .filter(p -> p.getAttribute("processRef").isEmpty()).toList();
    Element follow = outside.stream().filter(p -> p.getAttribute("name").equals("Follow")).findFirst().orElseThrow();
    List<Element> published = BpmnStructure.elements(books, BpmnStructure.BPMN, "messageFlow").stream()
        .filter(m -> m.getAttribute("targetRef").equals(follow.getAttribute("id"))).toList();
    assertEquals(1, published.size());
    assertEquals("publishes", published.get(0).getAttribute("name"));
    assertTrue(published.get(0).getAttribute("sourceRef").startsWith("Book_"), published.get(0).getAttribute("sourceRef"));
    // The other way round nothing is published: Desk emits nothing.
    assertTrue(BpmnStructure.elements(desk, BpmnStructure.BPMN, "messageFlow").stream()
        .noneMatch(m -> m.getAttribute("name").equals("publishes")));
  }

  @Test
  void aSubprocessKeepsItsStepsInTheirLanesInItsOwnPlane() throws IOException {
    SortedMap<String, String> files =
        Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(CASES.resolve("subprocesses.flow")))));
    Element desk = BpmnStructure.parse(files.get("Desk.bpmn")).getDocumentElement();
    // The first for each of Letters: read by Clerk, reply by Mail.
    Element sub = BpmnStructure.elements(desk, BpmnStructure.BPMN, "subProcess").stream()
        .filter(e -> e.getAttribute("name").equals("For each letter")).findFirst().orElseThrow();
    List<Element> lanes = BpmnStructure.elements(sub, BpmnStructure.BPMN, "lane");
    assertEquals(List.of("Clerk", "Mail (system)"), lanes.stream().map(l -> l.getAttribute("name")).toList());
    Map<String, String> laneOfStep = new HashMap<>();
    for (Element lane : lanes) {
      for (Element ref : BpmnStructure.elements(lane, BpmnStructure.BPMN, "flowNodeRef")) {
        laneOfStep.put(ref.getTextContent(), lane.getAttribute("id"));
      }
    }
    Map<String, String> steps = new HashMap<>();
    for (String type : List.of("userTask", "serviceTask")) {
      BpmnStructure.elements(sub, BpmnStructure.BPMN, type).forEach(t -> steps.put(t.getAttribute("name"), t.getAttribute("id")));
    }
    assertEquals(lanes.get(0).getAttribute("id"), laneOfStep.get(steps.get("Read")), steps.toString());
    assertEquals(lanes.get(1).getAttribute("id"), laneOfStep.get(steps.get("Reply")), steps.toString());
    // Every node of the subprocess (its start and end too) is in one of its lanes.
    long nodes = BpmnStructure.elements(sub, "*", "*").stream().filter(e -> e.getParentNode() == sub)
        .filter(e -> e.getLocalName().endsWith("Event") || e.getLocalName().endsWith("Task")
            || e.getLocalName().endsWith("Gateway"))
        .count();
    assertEquals(nodes, laneOfStep.size());
    // The lanes are drawn in the subprocess's plane, which bpmn-js opens from the drill-down marker, and hold their steps.
    Element plane = BpmnStructure.elements(desk, BpmnStructure.BPMNDI, "BPMNPlane").stream()
        .filter(p -> p.getAttribute("bpmnElement").equals(sub.getAttribute("id"))).findFirst().orElseThrow();
    Map<String, double[]> boxes = new HashMap<>();
    for (Element shape : BpmnStructure.elements(plane, BpmnStructure.BPMNDI, "BPMNShape")) {
      Element b = BpmnStructure.elements(shape, BpmnStructure.DC, "Bounds").get(0);
      boxes.put(shape.getAttribute("bpmnElement"), new double[] {Double.parseDouble(b.getAttribute("y")),
          Double.parseDouble(b.getAttribute("y")) + Double.parseDouble(b.getAttribute("height"))});
    }
    for (Map.Entry<String, String> step : laneOfStep.entrySet()) {
      double[] lane = boxes.get(step.getValue());
      double[] box = boxes.get(step.getKey());
      assertTrue(lane != null && box != null && box[0] >= lane[0] && box[1] <= lane[1], step.getKey());
    }
    // The process's own lanes do not list the subprocess's steps.
    Element process = (Element) sub.getParentNode();
    Element processLanes = BpmnStructure.elements(process, BpmnStructure.BPMN, "laneSet").get(0);
    assertFalse(BpmnStructure.elements(processLanes, BpmnStructure.BPMN, "flowNodeRef").stream()
        .anyMatch(r -> laneOfStep.containsKey(r.getTextContent())));
  }

  @Test
  void aSubprocessOfOnlyCallsIsDrawnInTheLaneItStandsIn() {
    SortedMap<String, String> files = Bpmn.files(DiagramTesting.model("""
        role Clerk
        role Boss
        system Mail { action send(to: Text): Text }

        workflow Letters {
          owner Clerk
          starts manually
          input letters: List<Text>

          step open by Mail.send(to: "desk")
          step sort by Boss
          for each letter in letters {
            call answered: Answer(letter: letter)
            if answered.sent {
              call filed: Answer(letter: answered.reply)
            }
          }
        }

        workflow Answer {
          owner Clerk
          input letter: Text
          output sent: Bool
          output reply: Text

          step write by Clerk
          set sent = true
          set reply = letter
        }
        """));
    Element letters = BpmnStructure.parse(files.get("Letters.bpmn")).getDocumentElement();
    assertEquals(List.of(), BpmnStructure.problems(files.get("Letters.bpmn")));
    Element sub = BpmnStructure.elements(letters, BpmnStructure.BPMN, "subProcess").get(0);
    // The process's lane the subprocess stands in: Boss's (after the sort step), not the first lane.
    String laneOfSub = BpmnStructure.elements(letters, BpmnStructure.BPMN, "lane").stream()
        .filter(l -> BpmnStructure.elements(l, BpmnStructure.BPMN, "flowNodeRef").stream()
            .anyMatch(r -> r.getTextContent().equals(sub.getAttribute("id"))))
        .map(l -> l.getAttribute("name")).findFirst().orElseThrow();
    assertEquals("Boss", laneOfSub);
    List<Element> lanes = BpmnStructure.elements(sub, BpmnStructure.BPMN, "lane");
    assertEquals(List.of("Boss"), lanes.stream().map(l -> l.getAttribute("name")).toList());
    long nodes = BpmnStructure.elements(sub, "*", "*").stream().filter(e -> e.getParentNode() == sub)
        .filter(e -> e.getLocalName().endsWith("Event") || e.getLocalName().equals("callActivity")
            || e.getLocalName().endsWith("Gateway"))
        .count();
    assertTrue(nodes >= 4, "start, two calls, a gateway, an end: " + nodes);
    assertEquals(nodes, BpmnStructure.elements(lanes.get(0), BpmnStructure.BPMN, "flowNodeRef").size());
    // Its band is drawn in the subprocess's plane.
    Element plane = BpmnStructure.elements(letters, BpmnStructure.BPMNDI, "BPMNPlane").stream()
        .filter(p -> p.getAttribute("bpmnElement").equals(sub.getAttribute("id"))).findFirst().orElseThrow();
    assertTrue(BpmnStructure.elements(plane, BpmnStructure.BPMNDI, "BPMNShape").stream()
        .anyMatch(s -> s.getAttribute("bpmnElement").equals(lanes.get(0).getAttribute("id"))));
  }

  @Test
  void aSubprocessWithoutLanesInAProcessWithLanesIsAProblem() {
    String xml = Bpmn.files(DiagramTesting.model("""
        role Clerk
        workflow Letters {
          owner Clerk
          starts manually
          input letters: List<Text>
          step sort by Clerk
          for each letter in letters {
            call a: Answer(letter: letter)
            call b: Answer(letter: letter)
          }
        }
        workflow Answer {
          owner Clerk
          input letter: Text
          step write by Clerk
        }
        """)).get("Letters.bpmn");
    assertEquals(List.of(), BpmnStructure.problems(xml));
    String stripped = xml.replaceAll("(?s)<bpmn:laneSet id=\"Letters_Sub1_LaneSet\">.*?</bpmn:laneSet>", "");
    assertTrue(stripped.length() < xml.length());
    assertTrue(BpmnStructure.problems(stripped).stream().anyMatch(p -> p.contains("has no lanes in a process with lanes")),
        BpmnStructure.problems(stripped).toString());
  }

  /**
   * A gateway whose "no" leaves by its bottom corner has its name written beside that line (a BPMNLabel), not under
   * the gateway where bpmn-js would write it, on the line; without the label, the check sees the flow through it.
   */
  @Test
  void aGatewaysNameIsWrittenClearOfTheFlowOutOfItsBottom() throws IOException {
    String xml = Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(CASES.resolve("ends.flow")))))
        .values().iterator().next();
    assertEquals(List.of(), BpmnStructure.problems(xml));
    Matcher gateway = Pattern.compile("(<bpmndi:BPMNShape id=\"Ends_Gateway_\\d+-di\"[^>]*>\\s*<dc:Bounds[^>]*/>)"
        + "\\s*<bpmndi:BPMNLabel>\\s*<dc:Bounds[^>]*/>\\s*</bpmndi:BPMNLabel>").matcher(xml);
    assertTrue(gateway.find(), "a gateway of Ends has its name placed");
    String under = xml.substring(0, gateway.start()) + gateway.group(1) + xml.substring(gateway.end());
    assertTrue(BpmnStructure.problems(under).stream().anyMatch(p -> p.startsWith("a flow runs through the name of")),
        BpmnStructure.problems(under).toString());
  }

  /** Two boundary events' names written on each other are a problem. */
  @Test
  void nothingOfAPoolIsDrawnOutsideIt() {
    // Lead intake's first row: a flow of a gateway goes around above the row (the match arms with nothing drawn in them,
    // one flow since they go to the same merge), over the events on the top edge of the step between (it ran at y -4
    // and -16, above the pool, and the timers' lines and names on that edge stuck out).
    String xml = Bpmn.files(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES))).entrySet().stream()
        .filter(f -> f.getKey().endsWith("SalesPipeline.bpmn")).findFirst().orElseThrow().getValue();
    assertEquals(List.of(), BpmnStructure.problems(xml));
    Matcher around = Pattern.compile("LeadIntake_Flow_7-di\"[^>]*>\\s*<di:waypoint[^>]*/>\\s*"
        + "<di:waypoint x=\"\\d+\" y=\"(\\d+)\"").matcher(xml);
    assertTrue(around.find(), "Lead intake's around flow");
    String above = xml.substring(0, around.start(1)) + "-4" + xml.substring(around.end(1));
    assertTrue(BpmnStructure.problems(above).contains("sequenceFlow LeadIntake_Flow_7 leaves its pool at (270, -4)"),
        BpmnStructure.problems(above).toString());
    // A timer's name above the pool (as the names of the events on a top edge in the first row were).
    Matcher name = Pattern.compile("LeadIntake_Event_17-di\"[^>]*>\\s*<dc:Bounds[^>]*/>\\s*<bpmndi:BPMNLabel>\\s*"
        + "<dc:Bounds x=\"\\d+\" y=\"(\\d+)\"").matcher(xml);
    assertTrue(name.find(), "the timer's name on Qualify");
    String below = xml.substring(0, name.start(1)) + "-30" + xml.substring(name.end(1));
    assertTrue(BpmnStructure.problems(below).contains("the name of boundaryEvent LeadIntake_Event_17 lies outside its pool"),
        BpmnStructure.problems(below).toString());
  }

  @Test
  void twoBoundaryNamesOnEachOtherAreAProblem() throws IOException {
    String xml = Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(CASES.resolve("typed_errors.flow")))))
        .values().stream().filter(f -> f.contains("Pay_Event_4")).findFirst().orElseThrow();
    assertEquals(List.of(), BpmnStructure.problems(xml));
    // The names of the events on Pay's bottom edge.
    Matcher label = Pattern.compile("Pay_Event_\\d+-di\"[^>]*>\\s*<dc:Bounds[^>]*/>\\s*<bpmndi:BPMNLabel>\\s*"
        + "<dc:Bounds x=\"(\\d+)\" y=\"(\\d+)\"").matcher(xml);
    assertTrue(label.find());
    String first = "x=\"" + label.group(1) + "\" y=\"" + label.group(2) + "\"";
    assertTrue(label.find(), "typed_errors has two named boundary events");
    String moved = xml.substring(0, label.start(1) - 3) + first + xml.substring(label.end(2) + 1);
    assertTrue(BpmnStructure.problems(moved).stream().anyMatch(p -> p.startsWith("the labels of")),
        BpmnStructure.problems(moved).toString());
  }

  @Test
  void aBoundaryEventsNameIsWrittenClearOfItsLines() throws IOException {
    // A compensation (Undo book, with its association down to Reverse), time limits and typed errors.
    for (String name : List.of("system_step", "ends", "try_catch", "human_step", "typed_errors")) {
      SortedMap<String, String> files =
          Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(CASES.resolve(name + ".flow")))));
      int labels = 0;
      for (String xml : files.values()) {
        Element root = BpmnStructure.parse(xml).getDocumentElement();
        labels += BpmnStructure.elements(root, BpmnStructure.BPMNDI, "BPMNLabel").size();
        assertEquals(List.of(), BpmnStructure.problems(xml), name);
      }
      assertTrue(labels > 0, name + " has named boundary events");
    }
    // A label drawn on its association is a problem.
    String xml = Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(CASES.resolve("system_step.flow")))))
        .values().iterator().next();
    Matcher association =
        Pattern.compile("_Association_\\d+-di\"[^>]*>\\s*<di:waypoint x=\"(\\d+)\" y=\"(\\d+)\"").matcher(xml);
    assertTrue(association.find());
    int x = Integer.parseInt(association.group(1)) - 10;
    int y = Integer.parseInt(association.group(2)) + 3;
    String moved = xml.replaceFirst("(<bpmndi:BPMNLabel>\\s*<dc:Bounds) x=\"\\d+\" y=\"\\d+\"",
        "$1 x=\"" + x + "\" y=\"" + y + "\"");
    assertFalse(moved.equals(xml));
    assertTrue(BpmnStructure.problems(moved).stream().anyMatch(p -> p.contains("runs through its label")),
        BpmnStructure.problems(moved).toString());
  }

  /** A boundary event's name written far from its event (where it reads as another shape's) is a problem. */
  @Test
  void aBoundaryNameFarFromItsEventIsAProblem() throws IOException {
    String xml = Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(CASES.resolve("typed_errors.flow")))))
        .values().stream().filter(f -> f.contains("Pay_Event_4")).findFirst().orElseThrow();
    assertEquals(List.of(), BpmnStructure.problems(xml));
    Matcher label = Pattern.compile("Pay_Event_4-di\"[^>]*>\\s*<dc:Bounds[^>]*/>\\s*<bpmndi:BPMNLabel>\\s*"
        + "<dc:Bounds x=\"(\\d+)\" y=\"(\\d+)\"").matcher(xml);
    assertTrue(label.find());
    int y = Integer.parseInt(label.group(2)) + (int) BpmnStructure.MAX_LABEL_GAP + 40;
    String moved = xml.substring(0, label.start(2)) + y + xml.substring(label.end(2));
    assertTrue(BpmnStructure.problems(moved).stream().anyMatch(p -> p.contains("px from its event")),
        BpmnStructure.problems(moved).toString());
  }

  /**
   * Issue 16: a message flow goes around what stands between the pools and its ends; drawn through a shape, the check
   * says so. The Archive pool's start stood below the Answer pool's start, in the same column, and the flow went round
   * it; now Archive's start is moved under Intake's throw event that starts it, and the flow is one line straight down
   * past Answer's shapes (moved too, under the end event whose completion starts Answer).
   */
  @Test
  void aMessageFlowGoesAroundTheShapesInItsWay() throws IOException {
    String xml = Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(CASES.resolve("handoffs.flow")))))
        .values().stream().filter(f -> f.contains("Archive_Event_1")).findFirst().orElseThrow();
    assertEquals(List.of(), BpmnStructure.problems(xml));
    Matcher edge = Pattern.compile("(<bpmndi:BPMNEdge id=\"MessageFlow-3-di\"[^>]*>)(.*?)(</bpmndi:BPMNEdge>)",
        Pattern.DOTALL).matcher(xml);
    assertTrue(edge.find());
    Matcher points = Pattern.compile("<di:waypoint x=\"(\\d+)\" y=\"(\\d+)\"").matcher(edge.group(2));
    List<int[]> waypoints = new ArrayList<>();
    while (points.find()) {
      waypoints.add(new int[] {Integer.parseInt(points.group(1)), Integer.parseInt(points.group(2))});
    }
    Matcher answer = Pattern.compile("bpmnElement=\"Answer_Event_1\">\\s*<dc:Bounds x=\"(\\d+)\" y=\"(\\d+)\"")
        .matcher(xml);
    assertTrue(answer.find());
    int[] first = waypoints.get(0);
    int[] last = waypoints.get(waypoints.size() - 1);
    assertEquals(2, waypoints.size(), "one line straight down");
    assertEquals(first[0], last[0]);
    // Across the Answer pool through its start event's middle, then on down: the check finds the shape in the way.
    int across = Integer.parseInt(answer.group(2)) + 18;
    int beyond = Integer.parseInt(answer.group(1)) + 60;
    String straight = String.format("<di:waypoint x=\"%d\" y=\"%d\" /><di:waypoint x=\"%d\" y=\"%d\" />"
        + "<di:waypoint x=\"%d\" y=\"%d\" /><di:waypoint x=\"%d\" y=\"%d\" /><di:waypoint x=\"%d\" y=\"%d\" />"
        + "<di:waypoint x=\"%d\" y=\"%d\" />", first[0], first[1], first[0], across, beyond, across, beyond,
        last[1] - 20, last[0], last[1] - 20, last[0], last[1]);
    String through = xml.substring(0, edge.start(2)) + straight + xml.substring(edge.end(2));
    assertTrue(BpmnStructure.problems(through).contains("message flow MessageFlow-3 runs through Answer_Event_1"),
        BpmnStructure.problems(through).toString());
  }

  /**
   * Issue 16: a message flow's name is written beside its line where nothing else is (bpmn-js wrote Office's "when
   * completed" at the line's middle, over the bottom of "Call Check"); written over a shape, or not written, the check
   * says so.
   */
  @Test
  void aMessageFlowsNameIsWrittenBesideItsLineWhereNothingElseIs() throws IOException {
    String xml = Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(CASES.resolve("handoffs.flow")))))
        .values().stream().filter(f -> f.contains("Archive_Event_1")).findFirst().orElseThrow();
    assertEquals(List.of(), BpmnStructure.problems(xml));
    Element root = BpmnStructure.parse(xml).getDocumentElement();
    List<Element> named = BpmnStructure.elements(root, BpmnStructure.BPMN, "messageFlow").stream()
        .filter(m -> !m.getAttribute("name").isBlank()).toList();
    assertTrue(named.size() >= 4, "calls, returns, starts, when completed: " + named.size());
    for (Element m : named) {
      Element edge = BpmnStructure.elements(root, BpmnStructure.BPMNDI, "BPMNEdge").stream()
          .filter(e -> e.getAttribute("bpmnElement").equals(m.getAttribute("id"))).findFirst().orElseThrow();
      assertEquals(1, BpmnStructure.elements(edge, BpmnStructure.BPMNDI, "BPMNLabel").size(), m.getAttribute("id"));
    }
    Matcher label = Pattern.compile("(<bpmndi:BPMNEdge id=\"MessageFlow-1-di\".*?<dc:Bounds )x=\"\\d+\" y=\"\\d+\"",
        Pattern.DOTALL).matcher(xml);
    assertTrue(label.find());
    Matcher start = Pattern.compile("bpmnElement=\"Intake_Event_1\">\\s*<dc:Bounds x=\"(\\d+)\" y=\"(\\d+)\"")
        .matcher(xml);
    assertTrue(start.find());
    String onShape = xml.substring(0, label.start()) + label.group(1) + "x=\"" + start.group(1) + "\" y=\""
        + start.group(2) + "\"" + xml.substring(label.end());
    assertTrue(BpmnStructure.problems(onShape).contains("the name of message flow MessageFlow-1 covers a shape"),
        BpmnStructure.problems(onShape).toString());
    String unwritten = xml.replaceFirst("(?s)(<bpmndi:BPMNEdge id=\"MessageFlow-1-di\"[^>]*>(?:(?!</bpmndi:BPMNEdge>).)*?)"
        + "<bpmndi:BPMNLabel>.*?</bpmndi:BPMNLabel>", "$1");
    assertTrue(BpmnStructure.problems(unwritten).contains("message flow MessageFlow-1 has no label bounds"),
        BpmnStructure.problems(unwritten).toString());
  }

  /**
   * Issue 16: a sequence flow goes around the shapes that stand between its ends (the jump ahead of go_to's "urgent"
   * was drawn up the gateway's column and along the top row, through Review and the gateway after it); drawn so, the
   * check says so. The flows that ran clear keep their drawing: the first one is still straight.
   */
  @Test
  void aSequenceFlowGoesAroundTheShapesInItsWay() throws IOException {
    String xml = Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(CASES.resolve("go_to.flow")))))
        .values().iterator().next();
    assertEquals(List.of(), BpmnStructure.problems(xml));
    Matcher edge = Pattern.compile("(<bpmndi:BPMNEdge id=\"Jumps_Flow_17-di\"[^>]*>)(.*?)(</bpmndi:BPMNEdge>)",
        Pattern.DOTALL).matcher(xml);
    assertTrue(edge.find());
    Matcher first = Pattern.compile("<bpmndi:BPMNEdge id=\"Jumps_Flow_\\d+-di\"[^>]*>(.*?)</bpmndi:BPMNEdge>",
        Pattern.DOTALL).matcher(xml);
    assertTrue(first.find());
    assertEquals(2, first.group(1).split("<di:waypoint").length - 1, first.group(0));
    // As the layout drew it before: up the gateway's column and along the top row into the gateway before Publish.
    String old = "<di:waypoint x=\"570\" y=\"275\" /><di:waypoint x=\"570\" y=\"60\" /><di:waypoint x=\"995\" y=\"60\" />";
    String through = xml.substring(0, edge.start(2)) + old + xml.substring(edge.end(2));
    List<String> problems = BpmnStructure.problems(through);
    assertTrue(problems.contains("sequence flow Jumps_Flow_17 runs through Jumps.review"), problems.toString());
    assertTrue(problems.contains("sequence flow Jumps_Flow_17 runs through Jumps_Gateway_12"), problems.toString());
  }

  /**
   * What a reader sees is in words (issue 16): a negated condition asked the other way round with its yes and no swapped,
   * operators in words, messages with what their interpolations name, an event's type name in words.
   */
  @Test
  void gatewaysAndEventsAreNamedInWords() throws IOException {
    Path realworld = Path.of("src/test/resources/execution/realworld");
    String lending = Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(realworld.resolve("book-lending.flow")))))
        .values().iterator().next();
    String kitchen = Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(realworld.resolve("kitchensink.flow")))))
        .values().iterator().next();
    List<String> names = new ArrayList<>();
    for (String xml : List.of(lending, kitchen)) {
      // The flow nodes' names (an error keeps the message as written: the runtime reports it so).
      Matcher name = Pattern.compile("<bpmn:(?!error )\\w+ id=\"[^\"]*\" name=\"([^\"]*)\"").matcher(xml);
      while (name.find()) {
        names.add(name.group(1));
      }
    }
    assertTrue(names.contains("Wait?"), names.toString());
    assertFalse(names.contains("Not wait?"), names.toString());
    assertTrue(names.contains("Rounds under loops?"), names.toString());
    assertTrue(names.contains("Cancelled: \u00ablender\u00bb does not want to wait for \u00abbook\u00bb"), names.toString());
    assertTrue(names.contains("No book returned within 14d"), names.toString());
    assertTrue(names.stream().noneMatch(n -> n.contains("{") || n.contains("&lt;")), names.toString());
    // The "no" of "Wait?" is the flow taken when the person does not want to wait: it carries the condition as written.
    Element root = BpmnStructure.parse(lending).getDocumentElement();
    Element wait = BpmnStructure.elements(root, BpmnStructure.BPMN, "exclusiveGateway").stream()
        .filter(g -> g.getAttribute("name").equals("Wait?")).findFirst().orElseThrow();
    Element no = BpmnStructure.elements(root, BpmnStructure.BPMN, "sequenceFlow").stream()
        .filter(f -> f.getAttribute("sourceRef").equals(wait.getAttribute("id")) && f.getAttribute("name").equals("no"))
        .findFirst().orElseThrow();
    assertEquals("not holdRequest.wait", no.getTextContent().trim());
    assertEquals(List.of(), BpmnStructure.problems(lending));
  }

  /**
   * A send task says whom it notifies in words, as the flowchart does: a role by its title, an address by the person it
   * belongs to, and through which system ("Notify the hire via Google Workspace mail", not "Notify hire.email"); the address as
   * written is in its documentation.
   */
  @Test
  void sendTasksNameWhomInWords() {
    SortedMap<String, String> files = Bpmn.files(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));
    Element root = BpmnStructure.parse(files.get("com.acme.onboarding/ClientOnboarding.bpmn")).getDocumentElement();
    List<String> sends = new ArrayList<>();
    for (String xml : files.values()) {
      for (Element t : BpmnStructure.elements(BpmnStructure.parse(xml).getDocumentElement(), BpmnStructure.BPMN,
          "sendTask")) {
        sends.add(t.getAttribute("name"));
      }
    }
    assertTrue(sends.contains("Notify the hire via Google Workspace mail"), sends.toString());
    // The same words as the flowchart's (Questions.recipient with the model): the lead's contact, named in the lead.
    assertTrue(sends.contains("Notify the lead contact via Outlook"), sends.toString());
    assertTrue(sends.contains("Notify the intake contact via Gmail"), sends.toString());
    assertTrue(sends.stream().anyMatch(n -> n.equals("Notify Account manager")),
        sends.toString());
    assertTrue(sends.stream().noneMatch(n -> n.matches(".*[a-z]\\.[a-z].*")), sends.toString());
    Element welcome = BpmnStructure.elements(root, BpmnStructure.BPMN, "sendTask").stream()
        .filter(t -> t.getTextContent().contains("Welcome aboard")).findFirst().orElseThrow();
    assertTrue(welcome.getAttribute("name").startsWith("Notify the "), welcome.getAttribute("name"));
    assertTrue(welcome.getTextContent().contains("To: intake.email"), welcome.getTextContent());
  }

  /**
   * A merge that flows from several lanes come into stands in the lane of the step it leads to, when that is one of
   * theirs: BookLending's "no" of "Status is on loan?" stays in the Library lane (it went down two lanes to a merge in
   * the Lender lane, and the merge's way on back up to "Check out").
   */
  @Test
  void aMergeStandsInTheLaneOfItsWayOn() throws IOException {
    String xml = Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(
        Path.of("src/test/resources/execution/realworld/book-lending.flow"))))).values().iterator().next();
    Element root = BpmnStructure.parse(xml).getDocumentElement();
    Map<String, String> laneOf = new HashMap<>();
    for (Element lane : BpmnStructure.elements(root, BpmnStructure.BPMN, "lane")) {
      BpmnStructure.elements(lane, BpmnStructure.BPMN, "flowNodeRef")
          .forEach(r -> laneOf.put(r.getTextContent(), lane.getAttribute("name")));
    }
    Map<String, String> byName = new HashMap<>();
    BpmnStructure.elements(root, "*", "*").stream().filter(e -> !e.getAttribute("name").isEmpty())
        .forEach(e -> byName.putIfAbsent(e.getAttribute("name"), e.getAttribute("id")));
    String loan = byName.get("Status is on loan?");
    Element no = BpmnStructure.elements(root, BpmnStructure.BPMN, "sequenceFlow").stream()
        .filter(f -> f.getAttribute("sourceRef").equals(loan) && f.getAttribute("name").equals("no"))
        .findFirst().orElseThrow();
    String merge = no.getAttribute("targetRef");
    assertEquals(laneOf.get(loan), laneOf.get(merge));
    assertEquals(laneOf.get(byName.get("Check out")), laneOf.get(merge));
  }

  /**
   * Issue 16: a workflow whose owner does nothing in it and that its owner does not start by hand (a called workflow)
   * has its start event in the lane of its first step and no lane of the owner's; a workflow started by hand keeps
   * its start event in its owner's lane (OrderProvisioning: four "Order desk" lanes held only a start event).
   */
  @Test
  void aStartEventStandsWithItsFirstStepWhenTheOwnerDoesNothing() throws IOException {
    String xml = Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(
        Path.of("src/test/resources/execution/realworld/provision-orders.flow"))))).values().iterator().next();
    assertEquals(List.of(), BpmnStructure.problems(xml));
    Element root = BpmnStructure.parse(xml).getDocumentElement();
    Map<String, List<String>> lanesOf = new HashMap<>();
    Map<String, String> laneOf = new HashMap<>();
    for (Element process : BpmnStructure.elements(root, BpmnStructure.BPMN, "process")) {
      for (Element lane : BpmnStructure.elements(process, BpmnStructure.BPMN, "lane")) {
        lanesOf.computeIfAbsent(process.getAttribute("id"), k -> new ArrayList<>()).add(lane.getAttribute("name"));
        BpmnStructure.elements(lane, BpmnStructure.BPMN, "flowNodeRef")
            .forEach(r -> laneOf.put(r.getTextContent(), lane.getAttribute("name")));
      }
    }
    assertEquals(List.of("Order desk", "Provisioning (system)"), lanesOf.get("ProvisionOrder_Process"));
    assertEquals(List.of("Provisioning (system)"), lanesOf.get("MissingIdException_Process"));
    assertEquals("Provisioning (system)", laneOf.get("MissingIdException_Event_1"));
    assertEquals("Order desk", laneOf.get("ProvisionOrder_Event_1"));
  }

  /**
   * Issue 16: a called workflow's pool has its start under the call activity (everything in it moved right, within the
   * pool's width), so that the call's message flow is a short line down, and the return arrives on the side of a call
   * stacked over others: OrderProvisioning's calls and returns ran along the gaps between the pools to the called
   * workflows' starts at the far left and boxed round the three stacked calls (1156 to 1340 px, 4 bends each).
   */
  @Test
  void aCalledWorkflowStandsUnderItsCall() throws IOException {
    String xml = Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(
        Path.of("src/test/resources/execution/realworld/provision-orders.flow"))))).values().iterator().next();
    assertEquals(List.of(), BpmnStructure.problems(xml));
    Element root = BpmnStructure.parse(xml).getDocumentElement();
    Map<String, double[]> shapes = new HashMap<>();
    for (Element s : BpmnStructure.elements(root, BpmnStructure.BPMNDI, "BPMNShape")) {
      Element b = BpmnStructure.elements(s, BpmnStructure.DC, "Bounds").get(0);
      shapes.put(s.getAttribute("bpmnElement"), new double[] {Double.parseDouble(b.getAttribute("x")),
          Double.parseDouble(b.getAttribute("y")), Double.parseDouble(b.getAttribute("width")),
          Double.parseDouble(b.getAttribute("height"))});
    }
    Map<String, List<double[]>> lines = new HashMap<>();
    for (Element e : BpmnStructure.elements(root, BpmnStructure.BPMNDI, "BPMNEdge")) {
      lines.put(e.getAttribute("bpmnElement"), BpmnStructure.elements(e, BpmnWriter.DI, "waypoint").stream()
          .map(w -> new double[] {Double.parseDouble(w.getAttribute("x")), Double.parseDouble(w.getAttribute("y"))})
          .toList());
    }
    int calls = 0;
    int returns = 0;
    for (Element m : BpmnStructure.elements(root, BpmnStructure.BPMN, "messageFlow")) {
      double[] from = shapes.get(m.getAttribute("sourceRef"));
      double[] to = shapes.get(m.getAttribute("targetRef"));
      List<double[]> line = lines.get(m.getAttribute("id"));
      double length = 0;
      for (int i = 0; i + 1 < line.size(); i++) {
        length += Math.abs(line.get(i + 1)[0] - line.get(i)[0]) + Math.abs(line.get(i + 1)[1] - line.get(i)[1]);
      }
      double apart = Math.abs(from[0] + from[2] / 2 - to[0] - to[2] / 2)
          + Math.abs(from[1] + from[3] / 2 - to[1] - to[3] / 2);
      String id = m.getAttribute("id");
      assertTrue(length <= apart + 150 && line.size() - 2 <= 4, id + ": " + length + " px, " + (line.size() - 2)
          + " bends for ends " + apart + " px apart");
      if (m.getAttribute("name").equals("calls")) {
        calls++;
        assertEquals(from[0] + from[2] / 2, to[0] + to[2] / 2, id + ": the called workflow's start under its call");
      } else {
        returns++;
        double[] last = line.get(line.size() - 1);
        assertTrue(last[0] == to[0] || last[0] == to[0] + to[2], id + ": arrives on the call's side");
      }
    }
    assertEquals(3, calls);
    assertEquals(3, returns);
  }

  /**
   * Issue 16: the arms of a {@code match} with nothing drawn in them, all straight to the merge after it, are one flow
   * named with all their values and its condition theirs joined with {@code or}: LeadIntake drew three flows over the
   * top between the same two gateways, 12 px apart, their names by the gateway, none attributable.
   */
  @Test
  void armsThatGoStraightToTheSameMergeAreOneFlow() {
    SortedMap<String, String> files = Bpmn.files(DiagramTesting.model(DiagramTesting.sources(DiagramTesting.EXAMPLES)));
    Element root = BpmnStructure.parse(files.get("com.acme.sales/SalesPipeline.bpmn")).getDocumentElement();
    String country = BpmnStructure.elements(root, BpmnStructure.BPMN, "exclusiveGateway").stream()
        .filter(g -> g.getAttribute("name").equals("Which country?")).findFirst().orElseThrow().getAttribute("id");
    List<Element> out = BpmnStructure.elements(root, BpmnStructure.BPMN, "sequenceFlow").stream()
        .filter(f -> f.getAttribute("sourceRef").equals(country)).toList();
    assertEquals(2, out.size(), out.stream().map(f -> f.getAttribute("name")).toList().toString());
    Element values = out.stream().filter(f -> !f.getAttribute("name").equals("anything else")).findFirst().orElseThrow();
    assertEquals("\"DE\", \"AT\", \"CH\", \"GB\", \"IE\", \"US\", \"CA\"", values.getAttribute("name"));
    String condition = values.getTextContent();
    assertTrue(condition.contains("== \"DE\"") && condition.contains("== \"IE\"") && condition.contains(") or ("),
        condition);
    // "anything else" has no room on one line between the gateway and the step: on two lines, 4 px above its own flow
    // (it stood 28 px above it, under the flow over the top, and read as that one's).
    String other = out.stream().filter(f -> f.getAttribute("name").equals("anything else")).findFirst().orElseThrow()
        .getAttribute("id");
    Matcher edge = Pattern.compile("<bpmndi:BPMNEdge id=\"" + other + "-di\"[^>]*>\\s*<di:waypoint x=\"\\d+\" y=\"(\\d+)\""
        + ".*?<dc:Bounds x=\"\\d+\" y=\"(\\d+)\" width=\"\\d+\" height=\"(\\d+)\"", Pattern.DOTALL)
        .matcher(files.get("com.acme.sales/SalesPipeline.bpmn"));
    assertTrue(edge.find());
    assertEquals(28, Integer.parseInt(edge.group(3)));
    assertEquals(Integer.parseInt(edge.group(1)) - 4, Integer.parseInt(edge.group(2)) + 28);
  }

  /** A sequence flow that takes a long way round is a problem ({@link BpmnStructure#DETOUR_FACTOR}). */
  @Test
  void aLongDetourIsAProblem() throws IOException {
    String xml = Bpmn.files(DiagramTesting.model(List.of(SourceFile.read(CASES.resolve("go_to.flow")))))
        .values().iterator().next();
    assertEquals(List.of(), BpmnStructure.problems(xml));
    Matcher edge = Pattern.compile("(<bpmndi:BPMNEdge id=\"Jumps_Flow_17-di\"[^>]*>)(.*?)(</bpmndi:BPMNEdge>)",
        Pattern.DOTALL).matcher(xml);
    assertTrue(edge.find());
    List<String> points = new ArrayList<>();
    Matcher point = Pattern.compile("x=\"(\\d+)\" y=\"(\\d+)\"").matcher(edge.group(2));
    while (point.find()) {
      points.add(point.group(1) + "," + point.group(2));
    }
    String[] first = points.get(0).split(",");
    String[] last = points.get(points.size() - 1).split(",");
    // Out of the source, 600 px down the pool's left, and back up into the target: far past the bound.
    String far = "<di:waypoint x=\"" + first[0] + "\" y=\"" + first[1] + "\" /><di:waypoint x=\"" + first[0] + "\" y=\""
        + (Integer.parseInt(first[1]) + 600) + "\" /><di:waypoint x=\"" + last[0] + "\" y=\"" + (Integer.parseInt(first[1]) + 600)
        + "\" /><di:waypoint x=\"" + last[0] + "\" y=\"" + last[1] + "\" />";
    List<String> problems = BpmnStructure.problems(xml.substring(0, edge.start(2)) + far + xml.substring(edge.end(2)));
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("sequence flow Jumps_Flow_17 takes a detour")),
        problems.toString());
  }
}

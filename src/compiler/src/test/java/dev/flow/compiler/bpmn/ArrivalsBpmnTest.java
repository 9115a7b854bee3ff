package dev.flow.compiler.bpmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.diagram.DiagramTesting;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * {@code for each … until} in BPMN: one subprocess holding a token per arrival. The wait for the
 * next event is a loop of its own; each item's message forks a round, which runs on to its own
 * end while the wait goes on; the closing message, the time limit (a fixed instant) and the quiet
 * time (restarted on each pass) end the wait inside the subprocess, outside the rounds, and no
 * boundary event would cancel the running rounds.
 */
class ArrivalsBpmnTest {
  private static Element process(String workflowText) throws IOException {
    String xml = Bpmn.files(DiagramTesting.model(workflowText)).values().iterator().next();
    assertEquals(List.of(), BpmnStructure.problems(xml), xml);
    return BpmnStructure.parse(xml).getDocumentElement();
  }

  private static Element process() throws IOException {
    return process(java.nio.file.Files.readString(Path.of("src/test/resources/diagrams/arriving.flow")));
  }

  /** The elements directly in {@code parent} (not in a nested subprocess), by id. */
  private static Map<String, Element> byId(Element parent) {
    Map<String, Element> out = new HashMap<>();
    for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && !e.getAttribute("id").isEmpty()) {
        out.put(e.getAttribute("id"), e);
      }
    }
    return out;
  }

  private static List<Element> targets(Map<String, Element> in, Element from) {
    List<Element> out = new ArrayList<>();
    for (Element e : in.values()) {
      if (e.getLocalName().equals("sequenceFlow") && e.getAttribute("sourceRef").equals(from.getAttribute("id"))) {
        out.add(in.get(e.getAttribute("targetRef")));
      }
    }
    return out;
  }

  private static Element only(Map<String, Element> in, String local) {
    List<Element> found = in.values().stream().filter(e -> e.getLocalName().equals(local)).toList();
    assertEquals(1, found.size(), local + ": " + found);
    return found.get(0);
  }

  private static String kind(Element e) {
    if (!BpmnStructure.elements(e, BpmnStructure.BPMN, "messageEventDefinition").isEmpty()) {
      return e.getLocalName() + " message " + e.getAttribute("name");
    }
    for (String timer : List.of("timeDate", "timeDuration")) {
      List<Element> t = BpmnStructure.elements(e, BpmnStructure.BPMN, timer);
      if (!t.isEmpty()) {
        return e.getLocalName() + " " + timer + " " + t.get(0).getTextContent();
      }
    }
    return e.getLocalName() + " " + e.getAttribute("name");
  }

  @Test
  void eachArrivalForksARoundAndTheWaitGoesOnInOneSubprocess() throws IOException {
    Element root = process();
    List<Element> subs = BpmnStructure.elements(root, BpmnStructure.BPMN, "subProcess");
    assertEquals(1, subs.size());
    Element sub = subs.get(0);
    assertEquals("For each bid as it arrives", sub.getAttribute("name"));
    assertTrue(BpmnStructure.elements(sub, BpmnStructure.BPMN, "multiInstanceLoopCharacteristics").isEmpty(),
        "one subprocess instance holds all the rounds");
    assertTrue(BpmnStructure.elements(root, BpmnStructure.BPMN, "boundaryEvent").isEmpty(),
        "no boundary event: an interrupting one would cancel the running rounds");
    Map<String, Element> in = byId(sub);
    Element wait = only(in, "eventBasedGateway");
    Element fork = only(in, "parallelGateway");
    Element head = only(in, "exclusiveGateway");
    assertEquals(List.of(wait), targets(in, head), "the loop head leads to the wait");
    Element start = only(in, "startEvent");
    assertEquals(List.of(head), targets(in, start));
    Set<String> waitedFor = new TreeSet<>();
    for (Element event : targets(in, wait)) {
      waitedFor.add(kind(event));
      List<Element> next = targets(in, event);
      assertEquals(1, next.size(), kind(event));
      if (kind(event).contains("message Receive Bid")) {
        assertEquals(fork, next.get(0), "an item forks");
      } else {
        assertEquals("endEvent", next.get(0).getLocalName(), kind(event) + " ends the wait, inside the subprocess");
      }
    }
    assertEquals(Set.of("intermediateCatchEvent message Receive Bid", "intermediateCatchEvent message Receive Lot closed",
        "intermediateCatchEvent timeDate start + P2D", "intermediateCatchEvent timeDuration PT1H"), waitedFor);
    List<String> forked = targets(in, fork).stream().map(ArrivalsBpmnTest::kind).sorted().toList();
    assertEquals(List.of("exclusiveGateway ", "userTask Assess"), forked, "a round, and back to the wait, at once");
    Element assess = targets(in, fork).stream().filter(e -> e.getLocalName().equals("userTask")).findFirst().orElseThrow();
    assertEquals(List.of("endEvent Round done"), targets(in, assess).stream().map(ArrivalsBpmnTest::kind).toList(),
        "a round runs on to its own end; the subprocess ends when every token has");
    Map<String, Element> outside = byId((Element) sub.getParentNode());
    assertEquals(List.of("sendTask Notify Valuer"), targets(outside, sub).stream().map(ArrivalsBpmnTest::kind).toList(),
        "what follows the loop comes after the subprocess, once");
  }

  @Test
  void aBodyThatJumpsOutIsDrawnAsALoopOfGateways() throws IOException {
    Element root = process("""
        role Valuer
        event Bid { lot: Text }
        event LotClosed { lot: Text }
        workflow Bids {
          owner Valuer
          starts manually
          approval check by Valuer
          for each bid: Bid in parallel until closed: LotClosed {
            complete
          }
        }
        """);
    assertTrue(BpmnStructure.elements(root, BpmnStructure.BPMN, "subProcess").isEmpty());
    assertEquals(1, BpmnStructure.elements(root, BpmnStructure.BPMN, "eventBasedGateway").size());
    assertEquals(2, BpmnStructure.elements(root, BpmnStructure.BPMN, "messageEventDefinition").size());
  }
}

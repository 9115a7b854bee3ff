package dev.flow.runtime;

import static dev.flow.runtime.Flows.ALICE;
import static dev.flow.runtime.Flows.BOB;
import static dev.flow.runtime.Flows.CLERK;
import static dev.flow.runtime.Flows.fileStep;
import static dev.flow.runtime.Flows.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.Flows.Desk;
import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import dev.flow.runtime.store.JournalOptions;
import dev.flow.runtime.store.JournalStore;
import dev.flow.runtime.store.StoreException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The event log as XES (IEEE 1849): structure, escaping, the lifecycle mapping and the order of traces and events. */
class EventLogXesTest {
  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

  @TempDir
  Path dir;

  private static Document parse(String xes) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xes.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getLocalName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  /** The value of the attribute element (string, date, int…) with this key, or null. */
  private static String value(Element parent, String key) {
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element element && key.equals(element.getAttribute("key"))) {
        return element.getAttribute("value");
      }
    }
    return null;
  }

  private static String type(Element parent, String key) {
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element element && key.equals(element.getAttribute("key"))) {
        return element.getLocalName();
      }
    }
    return null;
  }

  private static LogEntry row(String caseId, String activity, String lifecycle, int minutes, String resource) {
    return new LogEntry(caseId, "t.Review", activity, lifecycle, T0.plus(Duration.ofMinutes(minutes)), resource);
  }

  @Test
  void aLogHasTheStandardExtensionsGlobalsAndClassifiersAndATracePerCase() throws Exception {
    EventLog log = new EventLog(List.of(row("Review-1", "Review", "start", 0, ""),
        row("Review-1", "check", "start", 0, "t.Clerk"),
        row("Review-1", "check", "complete", 90, "alice"), row("Review-1", "Review", "complete", 90, "")),
        List.of(new LogCase("Review-1", "t.Review", 2, "t.Reviewing", InstanceState.COMPLETED, "")));
    String xes = log.toXes();
    assertTrue(xes.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xes);
    Element root = parse(xes).getDocumentElement();
    assertEquals("log", root.getLocalName());
    assertEquals("http://www.xes-standard.org/", root.getNamespaceURI());
    assertEquals("1849-2016", root.getAttribute("xes.version"));
    List<String> prefixes = children(root, "extension").stream().map(e -> e.getAttribute("prefix") + " " + e.getAttribute("uri"))
        .toList();
    assertEquals(List.of("concept http://www.xes-standard.org/concept.xesext",
        "lifecycle http://www.xes-standard.org/lifecycle.xesext", "time http://www.xes-standard.org/time.xesext",
        "org http://www.xes-standard.org/org.xesext"), prefixes);
    List<String> globals = children(root, "global").stream().map(e -> e.getAttribute("scope")).toList();
    assertEquals(List.of("trace", "event"), globals);
    assertEquals(List.of("concept:name", "concept:name lifecycle:transition"),
        children(root, "classifier").stream().map(e -> e.getAttribute("keys")).toList());
    assertEquals("standard", value(root, "lifecycle:model"));

    List<Element> traces = children(root, "trace");
    assertEquals(1, traces.size());
    Element trace = traces.get(0);
    assertEquals("Review-1", value(trace, "concept:name"));
    assertEquals("t.Review", value(trace, "workflow"));
    assertEquals("2", value(trace, "version"));
    assertEquals("int", type(trace, "version"));
    assertEquals("t.Reviewing", value(trace, "process"));
    assertEquals("completed", value(trace, "state"));
    assertEquals(null, value(trace, "parentCase"));
    List<Element> events = children(trace, "event");
    assertEquals(4, events.size());
    Element done = events.get(2);
    assertEquals("check", value(done, "concept:name"));
    assertEquals("complete", value(done, "lifecycle:transition"));
    assertEquals("2026-11-24T10:30:00.000+00:00", value(done, "time:timestamp"));
    assertEquals("date", type(done, "time:timestamp"));
    assertEquals("alice", value(done, "org:resource"));
    assertEquals(null, value(events.get(0), "org:resource"), "an empty resource is left out, not written empty");
  }

  @Test
  void hostileTextIsEscapedAndWhatXmlCannotHoldIsReplaced() throws Exception {
    String markup = "<script>alert(\"x\") & 'y'</script> ]]> &amp;";
    String controls = "a\u0000b\u0001c\u001Fd\uFFFEe";
    String lines = "line one\nline\ttwo\r\n";
    String astral = "r\u00E9sum\u00E9 \uD83D\uDE00 \uD800 \uDC00";
    EventLog log = new EventLog(List.of(row("Case <1> & \"2\"", markup, "start", 0, controls),
        row("Case <1> & \"2\"", lines, "complete", 1, astral)));
    String xes = log.toXes();
    assertTrue(!xes.contains("<script>") && !xes.contains("\u0000") && !xes.contains("\u0001"), xes);
    Element trace = children(parse(xes).getDocumentElement(), "trace").get(0);
    assertEquals("Case <1> & \"2\"", value(trace, "concept:name"));
    List<Element> events = children(trace, "event");
    assertEquals(markup, value(events.get(0), "concept:name"));
    assertEquals("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe", value(events.get(0), "org:resource"));
    assertEquals("line one line two  ", value(events.get(1), "concept:name"));
    assertEquals("r\u00E9sum\u00E9 \uD83D\uDE00 \uFFFD \uFFFD", value(events.get(1), "org:resource"));
  }

  @Test
  void flowLifecyclesMapOntoTheStandardLifecycleModel() throws Exception {
    EventLog log = new EventLog(List.of(
        row("R-1", "check", "start", 0, "t.Clerk"),
        row("R-1", "check", "claim", 1, "alice"),
        row("R-1", "check", "assign", 2, "bob"),
        row("R-1", "check", "breach", 3, "t.Manager"),
        row("R-1", "check", "complete", 4, "bob"),
        row("R-1", "check", "start", 5, "t.Clerk"),
        row("R-1", "check", "assign", 6, "alice"),
        row("R-1", "check", "withdraw", 7, "")));
    Element trace = children(parse(log.toXes()).getDocumentElement(), "trace").get(0);
    List<String> transitions = new ArrayList<>();
    for (Element event : children(trace, "event")) {
      String flow = value(event, "flowLifecycle");
      transitions.add(value(event, "lifecycle:transition") + (flow == null ? "" : " (" + flow + ")"));
    }
    assertEquals(List.of("start", "assign (claim)", "reassign (assign)", "unknown (breach)", "complete", "start", "assign",
        "withdraw"), transitions);
  }

  @Test
  void tracesFollowTheCasesAndEventsKeepTheLogsOrder() throws Exception {
    // Rows in time order, two cases interleaved, three rows in one moment.
    EventLog log = new EventLog(List.of(row("B-1", "B", "start", 0, ""), row("A-1", "A", "start", 1, ""),
        row("B-1", "second", "start", 2, ""), row("B-1", "second", "complete", 2, ""), row("B-1", "third", "start", 2, ""),
        row("A-1", "A", "complete", 3, "")),
        List.of(new LogCase("A-1", "t.A", 1, "", InstanceState.COMPLETED, ""),
            new LogCase("B-1", "t.B", 1, "", InstanceState.RUNNING, "A-1")));
    Element root = parse(log.toXes()).getDocumentElement();
    List<Element> traces = children(root, "trace");
    assertEquals(List.of("A-1", "B-1"), traces.stream().map(t -> value(t, "concept:name")).toList());
    assertEquals("A-1", value(traces.get(1), "parentCase"));
    assertEquals("running", value(traces.get(1), "state"));
    assertEquals(List.of("A start", "A complete"), children(traces.get(0), "event").stream()
        .map(e -> value(e, "concept:name") + " " + value(e, "lifecycle:transition")).toList());
    assertEquals(List.of("B start", "second start", "second complete", "third start"), children(traces.get(1), "event").stream()
        .map(e -> value(e, "concept:name") + " " + value(e, "lifecycle:transition")).toList());
  }

  @Test
  void theEngineAndAJournalGiveTheSameLogWithVersionsAndStates() throws Exception {
    ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");
    WorkflowDefinition<In, Out> flow = workflow("Logged", (ctx, in) -> {
      ctx.action(fileStep("fileIt"), in.name());
      ctx.task(TaskStep.of("check", CLERK));
      return new Out("x");
    }).build();
    // .ci/xes-check keeps this journal (-Dflow.xesJournal=DIR) and has pm4js read its XES: claims, a
    // reassignment and a person's name that XML must escape.
    String keep = System.getProperty("flow.xesJournal");
    Path journal = keep == null || keep.isBlank() ? dir.resolve("journal") : Path.of(keep);
    String xesOfEngine;
    String id;
    try (JournalStore store = JournalStore.open(journal, JournalOptions.defaults().withFsync(false));
        Engine engine = Engine.builder().clock(clock).connector(Desk.class, new RecordingDesk()).workflow(flow).store(store)
            .build()) {
      id = engine.start(flow, new In("a"));
      String task = engine.inbox().task(id, "check").id();
      clock.advance(Duration.ofMinutes(5));
      engine.inbox().claim(task, ALICE);
      engine.inbox().reassign(task, ALICE, BOB);
      clock.advance(Duration.ofMinutes(5));
      engine.inbox().complete(task, BOB);
      String second = engine.start(flow, new In("b"));
      String other = engine.inbox().task(second, "check").id();
      Principal hostile = Principal.of("<b>Zoë & \"Co\"</b> ]]>\u0001", CLERK);
      engine.inbox().claim(other, hostile);
      clock.advance(Duration.ofMinutes(1));
      engine.inbox().complete(other, hostile);
      engine.start(flow, new In("c"));
      xesOfEngine = engine.eventLog().toXes();
    }
    EventLog read = EventLog.readJournal(journal);
    assertEquals(xesOfEngine, read.toXes());
    assertEquals(List.of("Logged-1 1 COMPLETED", "Logged-2 1 COMPLETED", "Logged-3 1 RUNNING"),
        read.cases().stream().map(c -> c.caseId() + " " + c.version() + " " + c.state()).toList());
    Element first = children(parse(read.toXes()).getDocumentElement(), "trace").get(0);
    assertEquals(List.of("Logged start", "fileIt start", "fileIt complete", "check start", "check assign alice",
        "check reassign bob", "check complete bob", "Logged complete"), children(first, "event").stream()
        .map(e -> value(e, "concept:name") + " " + value(e, "lifecycle:transition")
            + (value(e, "org:resource") == null || !value(e, "concept:name").equals("check")
                || value(e, "lifecycle:transition").equals("start") ? "" : " " + value(e, "org:resource")))
        .toList());
    Element second = children(parse(read.toXes()).getDocumentElement(), "trace").get(1);
    assertEquals("<b>Zo\u00EB & \"Co\"</b> ]]>\uFFFD", value(children(second, "event").get(4), "org:resource"));
  }

  @Test
  void readingAJournalNeedsOneAndSaysWhatIsWrongInWords() throws Exception {
    StoreException missing = assertThrows(StoreException.class, () -> EventLog.readJournal(dir.resolve("nothing")));
    assertTrue(missing.getMessage().startsWith("there is no directory "), missing.getMessage());
    assertTrue(Files.notExists(dir.resolve("nothing")), "reading creates no journal");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    StoreException none = assertThrows(StoreException.class, () -> EventLog.readJournal(empty));
    assertTrue(none.getMessage().contains("holds no Flow journal (it has no MANIFEST file)"), none.getMessage());
    Path journal = dir.resolve("held");
    try (JournalStore held = JournalStore.open(journal, JournalOptions.defaults().withFsync(false))) {
      assertTrue(held.sizeOnDisk() > 0);
      StoreException busy = assertThrows(StoreException.class, () -> EventLog.readJournal(journal));
      assertTrue(busy.getMessage().contains("is in use by another engine"), busy.getMessage());
    }
    assertEquals(0, EventLog.readJournal(journal).cases().size());
  }
}

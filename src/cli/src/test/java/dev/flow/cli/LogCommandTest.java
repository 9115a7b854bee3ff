package dev.flow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** {@code flowc log}: a journal written by {@code flowc run --journal} exported as XES and CSV. */
class LogCommandTest {
  private static final Path ONBOARDING = Path.of("../../examples/onboarding");

  @TempDir
  Path dir;

  private record Result(int exit, String out, String err) {}

  private static Result flowc(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RunCommand run = new RunCommand(new ByteArrayInputStream(new byte[0]), false);
    int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(),
        Commands.withHelp(List.of(new CheckCommand(), run, new LogCommand())));
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path onboardingJournal() {
    Path journal = dir.resolve("journal");
    Result run = flowc("run", ONBOARDING.toString(), "--workflow", "DocumentCollection",
        "--input", "@" + ONBOARDING.resolve("run/intake.json"), "--answers", ONBOARDING.resolve("run/answers.json").toString(),
        "--start", "2026-11-24T09:00:00Z", "--journal", journal.toString());
    assertEquals(0, run.exit(), run.err() + run.out());
    assertTrue(run.out().contains("Kickoff-1 waits for task `prepareDeck`"), run.out());
    return journal;
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

  private static String value(Element parent, String key) {
    for (Element element : children(parent, "string")) {
      if (key.equals(element.getAttribute("key"))) {
        return element.getAttribute("value");
      }
    }
    for (Element element : children(parent, "int")) {
      if (key.equals(element.getAttribute("key"))) {
        return element.getAttribute("value");
      }
    }
    return null;
  }

  @Test
  void aRunKeptInAJournalIsExportedAsXes() throws Exception {
    Path journal = onboardingJournal();
    Path xes = dir.resolve("out/log.xes");
    Path dfg = dir.resolve("out/dfg.json");
    Result log = flowc("log", journal.toString(), "-o", xes.toString(), "--model", ONBOARDING.toString(),
        "--directly-follows", dfg.toString());
    assertEquals(0, log.exit(), log.err());
    assertTrue(log.err().matches("wrote 2 cases with \\d+ events as XES to .*log\\.xes, and their directly-follows counts to"
        + " .*dfg\\.json\\R"), log.err());

    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    Document document = factory.newDocumentBuilder().parse(xes.toFile());
    Element root = document.getDocumentElement();
    assertEquals("http://www.xes-standard.org/", root.getNamespaceURI());
    List<Element> traces = children(root, "trace");
    assertEquals(List.of("DocumentCollection-1", "Kickoff-1"), traces.stream().map(t -> value(t, "concept:name")).toList());
    Element first = traces.get(0);
    assertEquals("com.acme.onboarding.DocumentCollection", value(first, "workflow"));
    assertEquals("2", value(first, "version"), "the model's DocumentCollection is version 2");
    assertEquals("com.acme.onboarding.ClientOnboarding", value(first, "process"));
    assertEquals("completed", value(first, "state"));
    assertEquals("running", value(traces.get(1), "state"));
    assertEquals("com.acme.onboarding.ClientOnboarding", value(traces.get(1), "process"));
    List<String> events = new ArrayList<>();
    for (Element event : children(first, "event")) {
      events.add(value(event, "concept:name") + " " + value(event, "lifecycle:transition"));
    }
    assertEquals("DocumentCollection start", events.get(0));
    assertEquals("DocumentCollection complete", events.get(events.size() - 1));
    assertTrue(events.contains("ndaReview complete"), events.toString());
    assertTrue(events.indexOf("createFolder start") < events.indexOf("createFolder complete"), events.toString());

    JsonNode counts = new ObjectMapper().readTree(dfg.toFile());
    assertEquals(2, counts.get("cases").asInt());
    long pairs = 0;
    for (JsonNode pair : counts.get("directlyFollows")) {
      pairs += pair.get("count").asLong();
    }
    int allEvents = 0;
    for (Element trace : traces) {
      allEvents += children(trace, "event").size();
    }
    assertEquals(counts.get("events").asInt(), allEvents);
    assertEquals(allEvents - traces.size(), pairs, "one pair per event after a trace's first");
    assertTrue(counts.get("directlyFollows").toString().contains(
        "{\"from\":\"DocumentCollection\",\"to\":\"createFolder\",\"count\":1}"), counts.toString());
  }

  @Test
  void aCsvFileGetsCsvAndWithoutTheModelNoProcess() throws Exception {
    Path journal = onboardingJournal();
    Path csv = dir.resolve("log.csv");
    Result log = flowc("log", journal.toString(), "-o", csv.toString());
    assertEquals(0, log.exit(), log.err());
    List<String> rows = Files.readAllLines(csv);
    assertEquals("case_id,workflow,activity,lifecycle,timestamp,resource", rows.get(0));
    assertTrue(rows.contains("DocumentCollection-1,com.acme.onboarding.DocumentCollection,ndaReview,complete,"
        + "2026-11-24T09:00:00Z,dry-run"), rows.toString());
    Path xes = dir.resolve("log.xes");
    assertEquals(0, flowc("log", journal.toString(), "-o", xes.toString()).exit());
    assertFalse(Files.readString(xes).contains("key=\"process\""));
  }

  @Test
  void badSourcesAndUsageAreReportedInWords() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Result none = flowc("log", empty.toString(), "-o", dir.resolve("x.xes").toString());
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("holds no Flow journal (it has no MANIFEST file)"), none.err());
    assertFalse(none.err().contains("Exception"), none.err());
    assertFalse(Files.exists(dir.resolve("x.xes")), "nothing is written");
    assertFalse(Files.exists(empty.resolve("MANIFEST")), "no journal is made");
    Result missing = flowc("log", dir.resolve("nope").toString(), "-o", dir.resolve("x.xes").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("there is no directory"), missing.err());
    Result format = flowc("log", empty.toString(), "-o", dir.resolve("x.json").toString());
    assertEquals(2, format.exit());
    assertTrue(format.err().contains("cannot tell the format of"), format.err());
    Result noOutput = flowc("log", empty.toString());
    assertEquals(2, noOutput.exit());
    assertTrue(noOutput.err().contains("`flowc log` needs -o FILE"), noOutput.err());
    Result help = flowc("log", "--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("usage: flowc log [options] JOURNAL_DIR|JDBC_URL -o FILE.xes|FILE.csv"), help.out());
    assertTrue(help.out().contains("JDBC"), help.out());
  }

  @Test
  void aJournalInUseIsReportedInWords() throws Exception {
    Path journal = onboardingJournal();
    try (dev.flow.runtime.store.JournalStore held = dev.flow.runtime.store.JournalStore.open(journal)) {
      assertTrue(held.sizeOnDisk() > 0);
      Result busy = flowc("log", journal.toString(), "-o", dir.resolve("x.xes").toString());
      assertEquals(2, busy.exit());
      assertTrue(busy.err().contains("is in use by another engine"), busy.err());
    }
  }
}

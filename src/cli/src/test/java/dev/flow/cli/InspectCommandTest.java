package dev.flow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.runtime.EventLog;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.LogCase;
import dev.flow.runtime.LogEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowc inspect} on a log made by hand with known delays at known steps: it names those
 * steps where work waits, with their medians, and computes every measure as by hand.
 */
class InspectCommandTest {
  private static final Path ONBOARDING = Path.of("../../examples/onboarding");
  private static final String DC = "com.acme.onboarding.DocumentCollection";
  private static final String KICKOFF = "com.acme.onboarding.Kickoff";
  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

  @TempDir
  Path dir;

  private record Result(int exit, String out, String err) {}

  private static Result flowc(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RunCommand run = new RunCommand(new ByteArrayInputStream(new byte[0]), false);
    int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(),
        Commands.withHelp(List.of(new CheckCommand(), run, new LogCommand(), new InspectCommand())));
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Duration minutes(long m) {
    return Duration.ofMinutes(m);
  }

  private static Duration hours(long h) {
    return Duration.ofHours(h);
  }

  /**
   * Four families DocumentCollection-i → Kickoff-i. The NDA review waits 1h, 2h, 3h and 10h to be
   * claimed (the fourth is done twice, the second time waiting 1h, which the model cannot do); the checklist waits 30 min;
   * the deck waits 1 day; each family ends its kickoff 2, 4, 6 and 7 days after its intake. A
   * fifth DocumentCollection names a step the model does not have; a case of another workflow is
   * left out.
   */
  private static EventLog handMadeLog() {
    List<LogEntry> rows = new ArrayList<>();
    List<LogCase> cases = new ArrayList<>();
    long[] ndaWait = {1, 2, 3, 10};
    long[] kickoffDays = {2, 4, 6, 7};
    for (int i = 1; i <= 4; i++) {
      String dc = "DocumentCollection-" + i;
      String ko = "Kickoff-" + i;
      Instant t = T0.plus(Duration.ofDays(i));
      cases.add(new LogCase(dc, DC, 1, "", InstanceState.COMPLETED, ""));
      cases.add(new LogCase(ko, KICKOFF, 1, "", InstanceState.COMPLETED, dc));
      rows.add(row(dc, DC, "DocumentCollection", "start", t, ""));
      rows.add(row(dc, DC, "createFolder", "start", t, "Drive"));
      Instant at = t.plus(minutes(1));
      rows.add(row(dc, DC, "createFolder", "complete", at, "Drive"));
      rows.add(row(dc, DC, "ndaReview", "start", at, "Legal"));
      at = at.plus(hours(ndaWait[i - 1]));
      rows.add(row(dc, DC, "ndaReview", "claim", at, "lee"));
      at = at.plus(hours(1));
      rows.add(row(dc, DC, "ndaReview", "complete", at, "lee"));
      if (i == 4) {
        rows.add(row(dc, DC, "ndaReview", "start", at, "Legal"));
        at = at.plus(hours(1));
        rows.add(row(dc, DC, "ndaReview", "claim", at, "lee"));
        at = at.plus(hours(1));
        rows.add(row(dc, DC, "ndaReview", "complete", at, "lee"));
      }
      rows.add(row(dc, DC, "shareFolder", "start", at, "Drive"));
      rows.add(row(dc, DC, "shareFolder", "complete", at, "Drive"));
      rows.add(row(dc, DC, "assignChecklist", "start", at, "AccountManager"));
      at = at.plus(minutes(30));
      rows.add(row(dc, DC, "assignChecklist", "complete", at, "ann"));
      rows.add(row(dc, DC, "scheduleKickoff", "start", at, "Calendar"));
      rows.add(row(dc, DC, "scheduleKickoff", "complete", at, "Calendar"));
      rows.add(row(dc, DC, "DocumentCollection", "complete", at, ""));
      rows.add(row(ko, KICKOFF, "Kickoff", "start", at, ""));
      rows.add(row(ko, KICKOFF, "prepareDeck", "start", at, "ProjectLead"));
      rows.add(row(ko, KICKOFF, "prepareDeck", "claim", at.plus(Duration.ofDays(1)), "pat"));
      Instant end = t.plus(Duration.ofDays(kickoffDays[i - 1]));
      rows.add(row(ko, KICKOFF, "prepareDeck", "complete", end, "pat"));
      rows.add(row(ko, KICKOFF, "runKickoff", "start", end, "ProjectLead"));
      rows.add(row(ko, KICKOFF, "runKickoff", "complete", end, "pat"));
      rows.add(row(ko, KICKOFF, "Kickoff", "complete", end, ""));
    }
    Instant t5 = T0.plus(Duration.ofDays(5));
    cases.add(new LogCase("DocumentCollection-5", DC, 1, "", InstanceState.RUNNING, ""));
    rows.add(row("DocumentCollection-5", DC, "DocumentCollection", "start", t5, ""));
    rows.add(row("DocumentCollection-5", DC, "faxContract", "start", t5, "Fax"));
    rows.add(row("DocumentCollection-5", DC, "faxContract", "complete", t5.plus(minutes(5)), "Fax"));
    cases.add(new LogCase("Thing-1", "other.Thing", 1, "", InstanceState.COMPLETED, ""));
    rows.add(row("Thing-1", "other.Thing", "Thing", "start", t5, ""));
    rows.sort(java.util.Comparator.comparing(LogEntry::timestamp));
    return new EventLog(rows, cases);
  }

  private static LogEntry row(String id, String workflow, String activity, String lifecycle, Instant at, String resource) {
    return new LogEntry(id, workflow, activity, lifecycle, at, resource);
  }

  private Path xes() throws IOException {
    Path file = dir.resolve("cases.xes");
    Files.writeString(file, handMadeLog().toXes(), StandardCharsets.UTF_8);
    return file;
  }

  private static JsonNode step(JsonNode workflow, String name) {
    for (JsonNode step : workflow.get("steps")) {
      if (step.get("step").asText().equals(name)) {
        return step;
      }
    }
    throw new AssertionError("no step " + name + " in " + workflow);
  }

  private static JsonNode workflow(JsonNode report, String name) {
    for (JsonNode workflow : report.get("workflows")) {
      if (workflow.get("workflow").asText().equals(name)) {
        return workflow;
      }
    }
    throw new AssertionError("no workflow " + name + " in " + report);
  }

  private static JsonNode measure(JsonNode report, String name) {
    for (JsonNode measure : report.get("measures")) {
      if (measure.get("measure").asText().equals(name)) {
        return measure;
      }
    }
    throw new AssertionError("no measure " + name + " in " + report);
  }

  @Test
  void namesTheStepsWhereWorkWaitsWithTheirMediansAndComputesEveryMeasure() throws IOException {
    Result result = flowc("inspect", ONBOARDING.toString(), "--log", xes().toString(), "--format", "json");
    assertEquals(0, result.exit(), result.err());
    JsonNode report = new ObjectMapper().readTree(result.out());

    JsonNode bottlenecks = report.get("bottlenecks");
    assertEquals(3, bottlenecks.size());
    assertEquals("prepareDeck", bottlenecks.get(0).get("step").asText());
    assertEquals("PT24H", bottlenecks.get(0).get("medianWait").asText());
    assertEquals("ndaReview", bottlenecks.get(1).get("step").asText());
    assertEquals("PT2H", bottlenecks.get(1).get("medianWait").asText(), "waits 1h, 1h, 2h, 3h, 10h");
    assertEquals("assignChecklist", bottlenecks.get(2).get("step").asText());
    assertEquals("PT30M", bottlenecks.get(2).get("medianWait").asText());

    JsonNode collection = workflow(report, DC);
    assertEquals(5, collection.get("started").asInt());
    assertEquals(4, collection.get("completed").asInt());
    assertEquals(1, collection.get("running").asInt());
    JsonNode nda = step(collection, "ndaReview");
    assertEquals(5, nda.get("runs").asInt());
    assertEquals(4, nda.get("cases").asInt());
    assertEquals(0.8, nda.get("share").asDouble(), 1e-9);
    assertEquals(1, nda.get("rework").asInt());
    assertEquals("PT10H", nda.get("waiting").get("p90").asText());
    assertEquals("PT1H", nda.get("working").get("median").asText());
    assertEquals("PT1M", step(collection, "createFolder").get("working").get("median").asText());
    JsonNode variants = collection.get("variants");
    assertEquals(3, variants.size());
    assertEquals(3, variants.get(0).get("cases").asInt());
    assertEquals("[\"createFolder\",\"ndaReview\",\"shareFolder\",\"assignChecklist\",\"scheduleKickoff\"]",
        variants.get(0).get("steps").toString());
    JsonNode deviations = collection.get("deviations");
    assertEquals(2, deviations.size(), "the model has no loop to do the NDA review twice, nor a fax step");
    assertEquals("DocumentCollection-4", deviations.get(0).get("case").asText());
    assertEquals("`ndaReview` cannot follow `ndaReview`", deviations.get(0).get("reason").asText());
    assertEquals("DocumentCollection-5", deviations.get(1).get("case").asText());
    assertEquals("faxContract", deviations.get(1).get("activity").asText());
    assertEquals("[\"other.Thing\"]", report.get("unknownWorkflows").toString());

    // Intake to kickoff, across two workflows: 2d, 4d, 6d, 7d; the fifth intake is still open.
    JsonNode kickoff = measure(report, "timeToKickoff");
    assertEquals(4, kickoff.get("stats").get("count").asInt());
    assertEquals("PT120H", kickoff.get("stats").get("median").asText());
    assertEquals("PT168H", kickoff.get("stats").get("p90").asText());
    assertEquals(0.5, kickoff.get("withinTarget").asDouble(), 1e-9);
    assertEquals(1, kickoff.get("open").asInt());
    assertTrue(kickoff.get("verdict").asText().startsWith("on target"), kickoff.toString());
    // Intake to checklist: 2h31m, 3h31m, 4h31m, 13h31m (the NDA review done twice).
    JsonNode checklist = measure(report, "checklistTurnaround");
    assertEquals("PT4H1M", checklist.get("stats").get("median").asText());
    assertEquals("PT13H31M", checklist.get("stats").get("p90").asText());
    assertEquals(1.0, checklist.get("withinTarget").asDouble(), 1e-9);
    JsonNode review = measure(report, "reviewTime");
    assertEquals(0, review.get("stats").get("count").asInt());
    assertTrue(review.get("withinTarget").isNull());
  }

  @Test
  void casesWhoseStepsComeInAnOrderTheModelCannotProduceAreNamedWithTheFirstStepOutOfPlace() throws IOException {
    List<LogEntry> rows = new ArrayList<>();
    List<LogCase> cases = new ArrayList<>();
    Map<String, List<String>> paths = new java.util.LinkedHashMap<>();
    paths.put("DocumentCollection-1", List.of("createFolder", "shareFolder", "fileDocument", "fileDocument",
        "assignChecklist", "scheduleKickoff"));
    paths.put("DocumentCollection-2", List.of("shareFolder", "createFolder"));
    paths.put("DocumentCollection-3", List.of("createFolder", "assignChecklist"));
    paths.put("DocumentCollection-4", List.of("createFolder", "ndaReview"));
    paths.put("DocumentCollection-5", List.of("createFolder", "ndaReview"));
    Instant at = T0;
    for (Map.Entry<String, List<String>> path : paths.entrySet()) {
      boolean running = path.getKey().endsWith("-5");
      cases.add(new LogCase(path.getKey(), DC, 1, "", running ? InstanceState.WAITING : InstanceState.COMPLETED, ""));
      for (String step : path.getValue()) {
        at = at.plus(minutes(1));
        rows.add(row(path.getKey(), DC, step, "start", at, ""));
        rows.add(row(path.getKey(), DC, step, "complete", at, ""));
      }
    }
    Path file = dir.resolve("order.xes");
    Files.writeString(file, new EventLog(rows, cases).toXes(), StandardCharsets.UTF_8);
    Result result = flowc("inspect", ONBOARDING.toString(), "--log", file.toString());
    assertEquals(0, result.exit(), result.err());
    assertTrue(result.out().contains("3 cases the model cannot produce:\n"
        + "    DocumentCollection-2: `shareFolder` cannot come first\n"
        + "    DocumentCollection-3: `assignChecklist` cannot follow `createFolder`\n"
        + "    DocumentCollection-4: the case completed right after `ndaReview`, which the model never ends with\n"),
        result.out());
  }

  @Test
  void aTargetTheMedianCaseMissesIsSaidToBeMissed() throws IOException {
    Path model = dir.resolve("model");
    Files.createDirectories(model);
    for (Path file : Files.list(ONBOARDING).filter(f -> f.toString().endsWith(".flow")).toList()) {
      String text = Files.readString(file);
      Files.writeString(model.resolve(file.getFileName()), text.replace("to Kickoff.end target 5d", "to Kickoff.end target 3d"));
    }
    Result result = flowc("inspect", model.toString(), "--log", xes().toString());
    assertEquals(0, result.exit(), result.err());
    assertTrue(result.out().contains("4 cases, median 5d, p90 7d, 25% within target, 1 open: misses its target: the median"
        + " case takes 5d, more than 3d"), result.out());
  }

  @Test
  void theTextReportAndTheMarkdownReportWithItsHeatMap() throws IOException {
    Result text = flowc("inspect", ONBOARDING.toString(), "--log", xes().toString());
    assertEquals(0, text.exit(), text.err());
    assertTrue(text.out().contains("Inspected 9 cases of 2 workflows"), text.out());
    assertTrue(text.out().contains("  1. Kickoff.prepareDeck: median wait 1d (4 runs)"), text.out());
    assertTrue(text.out().contains("  2. DocumentCollection.ndaReview: median wait 2h (5 runs)"), text.out());
    assertTrue(text.out().contains("Not in the model (left out): other.Thing"), text.out());
    assertTrue(text.out().contains("DocumentCollection-5: the model's DocumentCollection has no step `faxContract`"),
        text.out());
    assertTrue(text.out().matches("(?s).*ndaReview +human +5 +4 +80% +1 +2h +10h +1h +1h +0\n.*"), text.out());

    Path report = dir.resolve("report.md");
    Result markdown = flowc("inspect", ONBOARDING.toString(), "--log", xes().toString(), "--format", "markdown",
        "-o", report.toString());
    assertEquals(0, markdown.exit(), markdown.err());
    String md = Files.readString(report);
    // The heat map is the workflow's own flowchart, marked.
    assertTrue(md.contains("```mermaid\n---\n"), md);
    assertTrue(md.contains("accTitle: Workflow com.acme.onboarding.DocumentCollection\n"), md);
    assertTrue(md.contains("  s_ndaReview(\"<b>NDA review</b><br/>approval by Legal counsel<br/>"), md);
    assertTrue(md.contains("<br/>waits 2h\")\n"), "the NDA review's label ends with its median wait: " + md);
    assertTrue(md.contains("  s_ndaReview -->|\"approved#58; 4#215;\"| s_shareFolder\n"),
        "four cases went from the NDA review to sharing the folder, on the model's 'approved' edge: " + md);
    assertTrue(md.contains("  n1_if -->|\"yes#58; 4#215;\"| s_ndaReview\n"),
        "four went through the decision before it: " + md);
    assertTrue(md.contains("  n1_if -->|\"no\"| s_shareFolder\n"), "no case skipped the NDA review: " + md);
    assertTrue(md.contains("  s_ndaReview -.->|\"1#215;, not in the model\"| s_ndaReview\n"),
        "one case did the NDA review again, which the model cannot do: " + md);
    assertTrue(md.contains("  s_scheduleKickoff -->|\"4#215;\"| n9_complete\n"), "four cases completed: " + md);
    assertFalse(md.contains("n0_start -.->"), "the running case that completed no step is not drawn: " + md);
    assertTrue(md.contains("  style s_ndaReview fill:#ff6b6b,color:#000\n"), "the longest wait is the reddest: " + md);
    assertTrue(md.contains("  style s_assignChecklist fill:#ffd3ae,color:#000\n"), "a short wait is paler: " + md);
  }

  @Test
  void aCsvLogHasNoStatesNorParentsSoItsCasesAreEndedOrRunningAndSuccessorsAreTiedByStartsAfter() throws IOException {
    Path csv = dir.resolve("cases.csv");
    StringWriter writer = new StringWriter();
    handMadeLog().writeCsv(writer);
    Files.writeString(csv, writer.toString(), StandardCharsets.UTF_8);
    Result result = flowc("inspect", ONBOARDING.toString(), "--log", csv.toString(), "--format", "json");
    assertEquals(0, result.exit(), result.err());
    JsonNode report = new ObjectMapper().readTree(result.out());
    JsonNode collection = workflow(report, DC);
    assertEquals(4, collection.get("ended").asInt());
    assertEquals(1, collection.get("running").asInt());
    assertEquals("PT2H", step(collection, "ndaReview").get("waiting").get("median").asText());
    assertEquals("PT4H1M", measure(report, "checklistTurnaround").get("stats").get("median").asText());
    // Without parents, each kickoff is tied to its intake by `starts after`: the intake that
    // completed at the instant the kickoff started. The figures are those of the log with parents.
    JsonNode kickoff = measure(report, "timeToKickoff");
    assertEquals(4, kickoff.get("stats").get("count").asInt());
    assertEquals("PT120H", kickoff.get("stats").get("median").asText());
    assertEquals(1, kickoff.get("open").asInt());
  }

  @Test
  void aJournalOfARealRunIsReadAndItsSuccessorBelongsToTheSameCase() {
    Path journal = dir.resolve("journal");
    Result run = flowc("run", ONBOARDING.toString(), "--workflow", "DocumentCollection",
        "--input", "@" + ONBOARDING.resolve("run/intake.json"), "--answers", ONBOARDING.resolve("run/answers.json").toString(),
        "--start", "2026-11-24T09:00:00Z", "--journal", journal.toString());
    assertEquals(0, run.exit(), run.err() + run.out());
    Result result = flowc("inspect", ONBOARDING.toString(), "--log", journal.toString());
    assertEquals(0, result.exit(), result.err());
    assertTrue(result.out().contains("DocumentCollection: 1 case: 1 completed"), result.out());
    assertTrue(result.out().contains("Kickoff: 1 case: 1 running"), result.out());
    assertTrue(result.out().contains("no case has reached Kickoff.end yet (1 open)"), result.out());
  }

  @Test
  void aDatabaseStoreIsReadByItsUrl() throws IOException {
    String database = "jdbc:h2:file:" + dir.resolve("flow-db").toAbsolutePath();
    Result run = flowc("run", ONBOARDING.toString(), "--workflow", "DocumentCollection",
        "--input", "@" + ONBOARDING.resolve("run/intake.json"), "--answers", ONBOARDING.resolve("run/answers.json").toString(),
        "--start", "2026-11-24T09:00:00Z", "--journal", database);
    assertEquals(0, run.exit(), run.err() + run.out());
    Result inspect = flowc("inspect", ONBOARDING.toString(), "--log", database);
    assertEquals(0, inspect.exit(), inspect.err());
    assertTrue(inspect.out().contains("DocumentCollection: 1 case: 1 completed"), inspect.out());
    assertTrue(inspect.out().contains("Kickoff: 1 case: 1 running"), inspect.out());
    Path csv = dir.resolve("log.csv");
    Result log = flowc("log", database, "-o", csv.toString());
    assertEquals(0, log.exit(), log.err());
    assertTrue(Files.readString(csv).contains("DocumentCollection-1,com.acme.onboarding.DocumentCollection,createFolder,"
        + "complete,2026-11-24T09:00:00Z"), Files.readString(csv));
    Result wrong = flowc("inspect", ONBOARDING.toString(), "--log", "jdbc:nosuchdb://host/flow?password=secret");
    assertEquals(2, wrong.exit());
    assertTrue(wrong.err().contains("flowc keeps runs in H2"), wrong.err());
    assertEquals(false, wrong.err().contains("secret"), wrong.err());
  }

  @Test
  void badUsageAndUnreadableLogsAreSaidInWords() throws IOException {
    Result noLog = flowc("inspect", ONBOARDING.toString());
    assertEquals(2, noLog.exit());
    assertTrue(noLog.err().contains("`flowc inspect` needs --log SOURCE"), noLog.err());
    Result missing = flowc("inspect", ONBOARDING.toString(), "--log", dir.resolve("nope.xes").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("does not exist"), missing.err());
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "case,when\n1,2\n");
    Result badCsv = flowc("inspect", ONBOARDING.toString(), "--log", bad.toString());
    assertEquals(2, badCsv.exit());
    assertTrue(badCsv.err().contains("has no column `case_id`"), badCsv.err());
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "hello");
    Result unknown = flowc("inspect", ONBOARDING.toString(), "--log", text.toString());
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("cannot tell the format"), unknown.err());
    Result format = flowc("inspect", ONBOARDING.toString(), "--log", xes().toString(), "--format", "pdf");
    assertEquals(2, format.exit());
    assertTrue(format.err().contains("unknown format `pdf`"), format.err());
    Result workflow = flowc("inspect", ONBOARDING.toString(), "--log", xes().toString(), "--workflow", "Nope");
    assertEquals(2, workflow.exit());
    assertTrue(workflow.err().contains("the model has no workflow `Nope`"), workflow.err());
    assertEquals(false, workflow.err().contains("Exception"), workflow.err());
  }
}

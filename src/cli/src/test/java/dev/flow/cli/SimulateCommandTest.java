package dev.flow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowc simulate} on the onboarding example: profiles whose outcome can be worked out by
 * hand, checked through the log it writes and {@code flowc inspect}.
 */
class SimulateCommandTest {
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
        Commands.withHelp(List.of(new CheckCommand(), run, new InspectCommand(), new SimulateCommand())));
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path profile(String name, String json) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }

  /** Every intake needs an NDA; a folder takes 10 minutes, the review 2 hours, the checklist 1 hour (the default). */
  private static String onboarding(String arrivals, String legal) {
    return """
        {
          "arrivals": {"DocumentCollection": "%s"},
          "inputs": {"DocumentCollection": {"intake": {"client": "Acme", "email": "it@acme.example", "needsNda": true}}},
          "steps": {
            "createFolder": {"work": "10m"},
            "ndaReview": {"work": "2h", "approved": 1.0}
          },
          "staff": {"Legal": %s}
        }
        """.formatted(arrivals, legal);
  }

  private JsonNode inspect(Path log) throws IOException {
    Result result = flowc("inspect", ONBOARDING.toString(), "--log", log.toString(), "--format", "json");
    assertEquals(0, result.exit(), result.err());
    return new ObjectMapper().readTree(result.out());
  }

  private static JsonNode step(JsonNode report, String workflow, String step) {
    for (JsonNode w : report.get("workflows")) {
      if (w.get("workflow").asText().endsWith("." + workflow)) {
        for (JsonNode s : w.get("steps")) {
          if (s.get("step").asText().equals(step)) {
            return s;
          }
        }
      }
    }
    throw new AssertionError("no step " + workflow + "." + step + " in " + report);
  }

  private static JsonNode measure(JsonNode report, String name) {
    for (JsonNode m : report.get("measures")) {
      if (m.get("measure").asText().equals(name)) {
        return m;
      }
    }
    throw new AssertionError("no measure " + name);
  }

  @Test
  void stepsTakeTheTimesOfTheProfileAndTheMeasuresFollow() throws IOException {
    Path log = dir.resolve("run.xes");
    Result result = flowc("simulate", ONBOARDING.toString(), "--cases", "3", "--profile",
        profile("p.json", onboarding("1d", "{\"people\": 1}")).toString(), "--log", log.toString());
    assertEquals(0, result.exit(), result.err());
    assertTrue(result.out().startsWith("Simulated 3 cases (seed 1); instances: DocumentCollection 3"), result.out());
    JsonNode report = inspect(log);
    assertEquals("PT10M", step(report, "DocumentCollection", "createFolder").get("working").get("median").asText());
    assertEquals("PT2H", step(report, "DocumentCollection", "ndaReview").get("working").get("median").asText());
    assertEquals("PT0S", step(report, "DocumentCollection", "ndaReview").get("waiting").get("median").asText(),
        "a day apart, no intake waits for the one lawyer");
    // Intake to checklist: 10m + 2h + 1h, for every case.
    JsonNode checklist = measure(report, "checklistTurnaround");
    assertEquals(3, checklist.get("stats").get("count").asInt());
    assertEquals("PT3H10M", checklist.get("stats").get("median").asText());
    assertEquals("PT3H10M", checklist.get("stats").get("p90").asText());
  }

  private static final String SHOP = """
      package shop
      role Clerk
      event Paid { order: Text, amount: Decimal }
      workflow Order {
        owner Clerk
        starts manually
        input order: Text
        try {
          receive payment: Paid where payment.order == order and payment.amount > 0 within 3d
          step ship by Clerk {
            parcel: Text
          }
        } catch late {
          step chase by Clerk {
            note: Text
          }
        }
      }
      """;

  private String csvOf(Path model, String profileJson, int cases) throws IOException {
    Path log = dir.resolve("shop-" + cases + "-" + profileJson.hashCode() + ".csv");
    Result result = flowc("simulate", model.toString(), "--cases", Integer.toString(cases), "--profile",
        profile("shop.json", profileJson).toString(), "--log", log.toString());
    assertEquals(0, result.exit(), result.err());
    return Files.readString(log);
  }

  @Test
  void aReceiveGetsItsEventAfterItsWaitWithItsCorrelatedFieldsFromTheCase() throws IOException {
    Path model = dir.resolve("shop.flow");
    Files.writeString(model, SHOP, StandardCharsets.UTF_8);
    // Two orders a day apart, each with its own number; each payment comes 2h after its receive waits.
    String csv = csvOf(model, """
        {"arrivals": {"Order": "1d"},
         "inputs": {"Order": {"order": "A-1"}},
         "steps": {"payment": {"wait": "2h", "amount": 40}, "ship": {"work": "30m"}}}
        """, 2);
    assertTrue(csv.contains(",payment,complete,2026-01-06T02:00:00Z,"), csv);
    assertTrue(csv.contains(",ship,complete,2026-01-06T02:30:00Z,"), csv);
    assertTrue(csv.contains(",payment,complete,2026-01-07T02:00:00Z,"), csv);
    assertEquals(2, csv.lines().filter(l -> l.contains(",ship,complete,")).count(), csv);
    assertTrue(csv.lines().noneMatch(l -> l.contains(",chase,")), csv);
  }

  @Test
  void anEventThatDoesNotComeOrDoesNotMatchLeavesTheReceiveToItsLimit() throws IOException {
    Path model = dir.resolve("shop.flow");
    Files.writeString(model, SHOP, StandardCharsets.UTF_8);
    String never = csvOf(model, """
        {"arrivals": {"Order": "1d"}, "inputs": {"Order": {"order": "A-1"}},
         "steps": {"payment": {"wait": "2h", "amount": 40, "arrives": 0}}}
        """, 1);
    assertTrue(never.contains(",chase,start,2026-01-09T00:00:00Z,"), "three days after it began waiting: " + never);
    assertTrue(never.lines().noneMatch(l -> l.contains(",ship,")), never);
    // A payment of nothing does not meet the rest of the receive's condition: it is not taken.
    String unmatched = csvOf(model, """
        {"arrivals": {"Order": "1d"}, "inputs": {"Order": {"order": "A-1"}},
         "steps": {"payment": {"wait": "2h", "amount": 0}}}
        """, 1);
    assertTrue(unmatched.contains(",chase,start,2026-01-09T00:00:00Z,"), unmatched);
  }

  @Test
  void aLongSystemStepDelaysOnlyItsOwnCase() throws IOException {
    Path log = dir.resolve("run.csv");
    String slowFolders = onboarding("1h", "{\"people\": 2}").replace("\"createFolder\": {\"work\": \"10m\"}",
        "\"createFolder\": {\"work\": \"1d\"}");
    Result result = flowc("simulate", ONBOARDING.toString(), "--cases", "2", "--profile",
        profile("p.json", slowFolders).toString(), "--log", log.toString());
    assertEquals(0, result.exit(), result.err());
    String csv = Files.readString(log);
    // Arrivals at 01:00 and 02:00; each folder takes a day, side by side.
    assertTrue(csv.contains(",createFolder,start,2026-01-05T01:00:00Z,"), csv);
    assertTrue(csv.contains(",createFolder,start,2026-01-05T02:00:00Z,"), "the second case is not held up: " + csv);
    assertTrue(csv.contains(",createFolder,complete,2026-01-06T01:00:00Z,"), csv);
    assertTrue(csv.contains(",createFolder,complete,2026-01-06T02:00:00Z,"), csv);
    assertTrue(csv.contains(",ndaReview,complete,2026-01-06T04:00:00Z,"), "2h of review after its folder: " + csv);
  }

  @Test
  void oneLawyerMakesIntakesAnHourApartQueue() throws IOException {
    Path log = dir.resolve("run.csv");
    Result result = flowc("simulate", ONBOARDING.toString(), "--cases", "3", "--profile",
        profile("p.json", onboarding("1h", "{\"people\": 1}")).toString(), "--log", log.toString());
    assertEquals(0, result.exit(), result.err());
    // Offered at 1h10m, 2h10m, 3h10m; the lawyer is free at 1h10m, 3h10m, 5h10m: waits 0, 1h, 2h.
    JsonNode nda = step(inspect(log), "DocumentCollection", "ndaReview");
    assertEquals("PT1H", nda.get("waiting").get("median").asText());
    assertEquals("PT2H", nda.get("waiting").get("p90").asText());
  }

  @Test
  void peopleWorkOnlyInTheirHours() throws IOException {
    Path log = dir.resolve("run.csv");
    // The first intake arrives Tuesday 2026-01-06 00:00; its review is offered at 00:10 and taken up at 09:00.
    Result result = flowc("simulate", ONBOARDING.toString(), "--cases", "1", "--profile",
        profile("p.json", onboarding("1d", "{\"people\": 1, \"hours\": \"09:00-17:00\", \"days\": \"MON-FRI\"}")).toString(),
        "--log", log.toString());
    assertEquals(0, result.exit(), result.err());
    String csv = Files.readString(log);
    assertTrue(csv.contains(",ndaReview,start,2026-01-06T00:10:00Z,"), csv);
    assertTrue(csv.contains(",ndaReview,claim,2026-01-06T09:00:00Z,legal-1"), csv);
    assertTrue(csv.contains(",ndaReview,complete,2026-01-06T11:00:00Z,legal-1"), csv);
  }

  @Test
  void theSameSeedGivesTheSameLogAndAnotherSeedAnother() throws IOException {
    String random = """
        {"arrivals": {"DocumentCollection": "exponential 6h"},
         "inputs": {"DocumentCollection": {"intake": {"needsNda": 0.5}}},
         "steps": {"ndaReview": {"work": "lognormal 2h 0.8", "approved": 0.8}, "assignChecklist": {"work": "uniform 10m 2h"}},
         "staff": {"Legal": {"people": 1, "hours": "09:00-17:00", "days": "MON-FRI"}}}
        """;
    Path p = profile("random.json", random);
    Path first = dir.resolve("first.csv");
    Path second = dir.resolve("second.csv");
    Path other = dir.resolve("other.csv");
    assertEquals(0, flowc("simulate", ONBOARDING.toString(), "--cases", "20", "-p", p.toString(), "--seed", "7",
        "--log", first.toString()).exit());
    assertEquals(0, flowc("simulate", ONBOARDING.toString(), "--cases", "20", "-p", p.toString(), "--seed", "7",
        "--log", second.toString()).exit());
    assertEquals(0, flowc("simulate", ONBOARDING.toString(), "--cases", "20", "-p", p.toString(), "--seed", "8",
        "--log", other.toString()).exit());
    assertEquals(Files.readString(first), Files.readString(second));
    assertNotEquals(Files.readString(first), Files.readString(other));
  }

  @Test
  void aSecondLawyerShortensTheQueueWhatIfSays() throws IOException {
    Path one = profile("one.json", onboarding("1h", "{\"people\": 1}"));
    Path two = profile("two.json", onboarding("1h", "{\"people\": 2}"));
    Result result = flowc("simulate", ONBOARDING.toString(), "--cases", "5", "--profile", one.toString(),
        "--what-if", two.toString());
    assertEquals(0, result.exit(), result.err());
    // checklistTurnaround: one lawyer 3h10m, 4h10m, 5h10m, 6h10m, 7h10m (the reviews queue: waits 0 to 4h);
    // two lawyers take turns and nobody waits: 3h10m each.
    assertTrue(result.out().matches("(?s).*checklistTurnaround +5h 10m +3h 10m +7h 10m +3h 10m +100% +100%\n.*"),
        result.out());
    assertTrue(result.out().contains("Where work waits: DocumentCollection.ndaReview 2h"), result.out());
    assertTrue(result.out().contains("what-if: no step waited"), result.out());
  }

  @Test
  void profileMistakesAreSaidWithWhereTheyAre() throws IOException {
    Result unknown = flowc("simulate", ONBOARDING.toString(), "--cases", "1", "-p",
        profile("a.json", "{\"arrival\": {}}").toString());
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("unknown key `arrival`"), unknown.err());
    Result distribution = flowc("simulate", ONBOARDING.toString(), "--cases", "1", "-p",
        profile("b.json", "{\"steps\": {\"ndaReview\": {\"work\": \"gaussian 2h\"}}}").toString());
    assertEquals(2, distribution.exit());
    assertTrue(distribution.err().contains("steps.ndaReview.work: `gaussian 2h` is not a duration such as 2h"),
        distribution.err());
    Result hours = flowc("simulate", ONBOARDING.toString(), "--cases", "1", "-p",
        profile("c.json", "{\"staff\": {\"Legal\": {\"hours\": \"17:00-09:00\"}}}").toString());
    assertEquals(2, hours.exit());
    assertTrue(hours.err().contains("staff.Legal.hours 17:00-09:00 must close after it opens"), hours.err());
    Result arrivals = flowc("simulate", ONBOARDING.toString(), "--cases", "1", "-p",
        profile("d.json", "{\"arrivals\": {\"Nope\": \"1d\"}}").toString());
    assertEquals(2, arrivals.exit());
    assertTrue(arrivals.err().contains("arrivals names `Nope`, which is not a workflow of the model"), arrivals.err());
    Result cases = flowc("simulate", ONBOARDING.toString(), "--cases", "none");
    assertEquals(2, cases.exit());
    assertTrue(cases.err().contains("--cases `none` is not a number of cases"), cases.err());
    Result value = flowc("simulate", ONBOARDING.toString(), "--cases", "1", "-p",
        profile("e.json", "{\"inputs\": {\"DocumentCollection\": {\"intake\": {\"tier\": \"Gold\"}}}}").toString());
    assertEquals(2, value.exit());
    assertTrue(value.err().contains("inputs.DocumentCollection.intake.tier"), value.err());
  }
}

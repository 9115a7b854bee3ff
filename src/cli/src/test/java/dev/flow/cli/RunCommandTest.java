package dev.flow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** {@code flowc run}: a dry run of a workflow, with answers from a file, the terminal or defaults. */
class RunCommandTest {
  private static final Path ONBOARDING = Path.of("../../examples/onboarding");

  @TempDir
  Path dir;

  private record Result(int exit, String out, String err) {}

  private static Result flowc(String stdin, boolean interactive, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RunCommand run = new RunCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), interactive);
    int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of(), Commands.withHelp(List.of(new CheckCommand(), run)));
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void runsTheOnboardingExampleWithAnswers() throws IOException {
    Path log = dir.resolve("log.csv");
    Result result = flowc("", false, "run", ONBOARDING.toString(), "--workflow", "DocumentCollection",
        "--input", "@" + ONBOARDING.resolve("run/intake.json"), "--answers", ONBOARDING.resolve("run/answers.json").toString(),
        "--start", "2026-11-24T09:00:00Z", "--log", log.toString());
    assertEquals(0, result.exit(), result.err() + result.out());
    String out = result.out();
    assertTrue(out.contains("step createFolder by Drive.createFolder(client: \"Globex\")"
        + " -> \"https://drive.example/clients/globex\""
        + " (from answers)"), out);
    assertTrue(out.contains("approval ndaReview for Legal (in the inbox)"), out);
    assertTrue(out.contains("ndaReview done by dry-run: {approved: true, comment: \"standard NDA\"}"), out);
    assertTrue(out.contains("notify hank@globex.example via Email: \"Hi Hank Scorpio, we still need 2 items from you."), out);
    assertTrue(out.contains("end DocumentCollection-1: completed with {client: \"Globex\""), out);
    List<String> rows = Files.readAllLines(log);
    assertEquals("case_id,workflow,activity,lifecycle,timestamp,resource", rows.get(0));
    assertTrue(rows.contains(
        "DocumentCollection-1,com.acme.onboarding.DocumentCollection,ndaReview,complete,2026-11-24T09:00:00Z,dry-run"),
        rows.toString());
  }

  @Test
  void runsThePurchasingExampleWithTheFourEyesRule() throws IOException {
    Path purchasing = Path.of("../../examples/purchasing");
    Result result = flowc("", false, "run", purchasing.toString(), "--workflow", "PurchaseApproval",
        "--input", "@" + purchasing.resolve("run/request.json"), "--answers", purchasing.resolve("run/answers.json").toString(),
        "--start", "2026-11-24T09:00:00Z");
    assertEquals(0, result.exit(), result.err() + result.out());
    String out = result.out();
    assertTrue(out.contains("approval approve for Finance or ManagingDirector (in the inbox)"), out);
    assertTrue(out.contains("approve done by tom:"), out + " (the assignee: the requester's manager)");
    assertTrue(out.contains("order done by pia:"), out);
    assertTrue(out.contains("completed with {approvedBy: \"tom\", paidBy: \"frank\""), out);

    Path answers = dir.resolve("answers.json");
    Files.writeString(answers, Files.readString(purchasing.resolve("run/answers.json")).replace("\"frank\"", "\"tom\""));
    Result refused = flowc("", false, "run", purchasing.toString(), "--workflow", "PurchaseApproval",
        "--input", "@" + purchasing.resolve("run/request.json"), "--answers", answers.toString(),
        "--start", "2026-11-24T09:00:00Z");
    assertEquals(1, refused.exit(), refused.err() + refused.out());
    assertTrue(refused.err().contains("the answer for task `release` was refused: tom may not act on task"), refused.err());
    assertTrue(refused.err().contains("separation of duties"), refused.err());
  }

  @Test
  void runsTheInvoicingExampleWhoseCalledWorkflowFailsWithADeclaredError() throws IOException {
    Path invoicing = Path.of("../../examples/invoicing");
    Result result = flowc("", false, "run", invoicing.toString(), "--workflow", "PaymentCollection",
        "--input", "@" + invoicing.resolve("run/collection.json"), "--answers", invoicing.resolve("run/answers.json").toString(),
        "--start", "2026-11-24T09:00:00Z");
    assertEquals(0, result.exit(), result.err() + result.out());
    String out = result.out();
    assertTrue(out.contains("end ChargeCard-1: failed at fail: OverCardLimit(limit=15000, total=18400.00)"), out);
    assertTrue(out.contains("call card failed: ChargeCard failed: OverCardLimit(limit=15000, total=18400.00)"), out);
    assertTrue(out.contains("is over our card limit of 15000. Please pay by bank transfer"), out + " (the typed catch)");
    assertTrue(out.contains("call dunning: completed with {received: 18400.00, reminders: 0}"), out);
    assertTrue(out.contains("end PaymentCollection-1: completed"), out);
  }

  @Test
  void tracesTheBlocksOfACancelRegionAndItsCancel() throws IOException {
    Path model = dir.resolve("audit.flow");
    Files.writeString(model, String.join("\n",
        "package com.acme.audits",
        "role Clerk",
        "role Manager",
        "process Audits { category support goal \"Audits\" owner Manager workflows Audit }",
        "workflow Audit {",
        "  owner Manager",
        "  parallel {",
        "    branch control {",
        "      approval goOn by Manager",
        "      if not goOn.approved { cancel region audit }",
        "    }",
        "    branch work { region audit { step check by Clerk { note: Text } } }",
        "  }",
        "}", ""));
    Path answers = dir.resolve("answers.json");
    Files.writeString(answers, "{\"goOn\": false}");
    Result result = flowc("", false, "run", model.toString(), "--workflow", "Audit", "--answers", answers.toString(),
        "--start", "2026-11-24T09:00:00Z");
    assertEquals(0, result.exit(), result.err() + result.out());
    String out = result.out();
    assertTrue(out.contains("region audit: entered"), out);
    assertTrue(out.contains("cancel region audit"), out);
    assertTrue(out.contains("region audit: cancelled"), out);
    assertTrue(out.contains("end Audit-1: completed"), out);
  }

  @Test
  void asksAtTheTerminalForHumanStepsWithoutAnAnswer() throws IOException {
    Path answers = dir.resolve("answers.json");
    Files.writeString(answers, "{\"ndaReview\": false}");
    Result result = flowc("", true, "run", ONBOARDING.toString(), "--workflow", "com.acme.onboarding.DocumentCollection",
        "--input", "@" + ONBOARDING.resolve("run/intake.json"), "--answers", answers.toString(),
        "--start", "2026-11-24T09:00:00Z");
    assertEquals(1, result.exit(), result.err() + result.out());
    assertTrue(result.out().contains("end DocumentCollection-1: failed at fail: NDA rejected by Legal"), result.out());
    assertTrue(result.out().contains("undo createFolder"), result.out());
  }

  @Test
  void terminalAnswersAreCheckedAndAskedAgain() throws IOException {
    Path answers = dir.resolve("answers.json");
    Files.writeString(answers, "{\"ndaReview\": true}");
    Result result = flowc("https://c\nlots\n3\n\n", true, "run", ONBOARDING.toString(), "--workflow", "DocumentCollection",
        "--input", "@" + ONBOARDING.resolve("run/intake.json"), "--answers", answers.toString(),
        "--start", "2026-11-24T09:00:00Z");
    assertEquals(0, result.exit(), result.err() + result.out());
    assertTrue(result.out().contains("missingItems (Int): "), result.out());
    assertTrue(result.out().contains("missingItems must be an Int, not \"lots\"; try again"), result.out());
    assertTrue(result.out().contains("assignChecklist done by dry-run: {checklist: \"https://c\", missingItems: 3, notes: none}"),
        result.out());
  }

  @Test
  void badUsageIsReportedInWords() {
    Result missing = flowc("", false, "run", ONBOARDING.toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("`flowc run` needs the workflow to run: --workflow NAME"), missing.err());
    Result unknown = flowc("", false, "run", ONBOARDING.toString(), "--workflow", "DocumentColection");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("no workflow `DocumentColection` in the model: did you mean `DocumentCollection`?"),
        unknown.err());
    Result json = flowc("", false, "run", ONBOARDING.toString(), "--workflow", "DocumentCollection", "--input", "{intake: 1");
    assertEquals(2, json.exit());
    assertTrue(json.err().contains("--input is not valid JSON"), json.err());
    Result input = flowc("", false, "run", ONBOARDING.toString(), "--workflow", "DocumentCollection", "--input",
        "{\"intake\": {\"client\": 3}}");
    assertEquals(2, input.exit());
    assertTrue(input.err().contains("the --input of DocumentCollection is not a valid Input"), input.err());
  }

  @Test
  void aStepWhoseRetriesRunOutAndThatWaitsForAnOperatorIsReportedAsAnIncident() throws IOException {
    Path model = dir.resolve("booking.flow");
    Files.writeString(model, """
        package test.booking

        role Clerk
        system Ledger {
          action book(amount: Decimal): Text
          retry 1 times every 1m then wait for operator
        }

        workflow Booking {
          owner Clerk
          input amount: Decimal
          output entry: Text
          step booked by Ledger.book(amount: amount)
          set entry = booked
        }
        """);
    Path answers = dir.resolve("answers.json");
    Files.writeString(answers, "{\"booked\": [{\"$fail\": \"ledger closed\"}, {\"$fail\": \"still closed\"}, \"E-1\"]}");
    Result result = flowc("", false, "run", model.toString(), "--workflow", "Booking", "--input", "{\"amount\": 5}",
        "--answers", answers.toString(), "--start", "2026-11-24T09:00:00Z");
    assertEquals(1, result.exit(), result.err() + result.out());
    String out = result.out();
    assertTrue(out.contains("step booked by Ledger.book(amount: 5) fails: ledger closed (from answers)"), out);
    assertTrue(out.contains("incident at step booked: waits for an operator after 2 attempts: test.booking.Ledger.book failed:"
        + " still closed"), out);
    assertTrue(out.contains("Booking-1 waits for incident `booked`: its retries are exhausted"
        + " (test.booking.Ledger.book failed: still closed); an operator retries or fails it"), out);
  }

  @Test
  void aRunKeptInAJournalResumesWhereItStopped() throws IOException {
    Path model = dir.resolve("paying.flow");
    Files.writeString(model, """
        package test.paying

        role Clerk
        event Paid { order: Text }

        workflow Paying {
          owner Clerk
          input order: Text
          output outcome: Text
          receive paid: Paid where paid.order == order
          set outcome = "paid {paid.order}"
        }
        """);
    Path journal = dir.resolve("journal");
    Result first = flowc("", false, "run", model.toString(), "--workflow", "Paying", "--input", "{\"order\": \"A-1\"}",
        "--start", "2026-11-24T09:00:00Z", "--journal", journal.toString());
    assertEquals(1, first.exit(), first.err() + first.out());
    assertTrue(first.out().contains("Paying-1"), first.out());
    Path answers = dir.resolve("answers.json");
    Files.writeString(answers, "{\"paid\": {\"order\": \"A-1\"}}");
    Result second = flowc("", false, "run", model.toString(), "--workflow", "Paying", "--input", "{\"order\": \"A-1\"}",
        "--answers", answers.toString(), "--journal", journal.toString());
    assertEquals(0, second.exit(), second.err() + second.out());
    assertTrue(second.out().contains("resuming Paying-1"), second.out());
    assertTrue(second.out().contains("end Paying-1: completed with {outcome: \"paid A-1\"}"), second.out());
  }

  @Test
  void aRunKeptInADatabaseResumesWhereItStopped() throws IOException {
    Path model = dir.resolve("paying.flow");
    Files.writeString(model, """
        package test.paying

        role Clerk
        event Paid { order: Text }

        workflow Paying {
          owner Clerk
          input order: Text
          output outcome: Text
          receive paid: Paid where paid.order == order
          set outcome = "paid {paid.order}"
        }
        """);
    String database = "jdbc:h2:file:" + dir.resolve("flow-db").toAbsolutePath();
    Result first = flowc("", false, "run", model.toString(), "--workflow", "Paying", "--input", "{\"order\": \"A-1\"}",
        "--start", "2026-11-24T09:00:00Z", "--journal", database);
    assertEquals(1, first.exit(), first.err() + first.out());
    assertTrue(first.out().contains("Paying-1"), first.out());
    Path answers = dir.resolve("answers.json");
    Files.writeString(answers, "{\"paid\": {\"order\": \"A-1\"}}");
    Result second = flowc("", false, "run", model.toString(), "--workflow", "Paying", "--input", "{\"order\": \"A-1\"}",
        "--answers", answers.toString(), "--journal", database);
    assertEquals(0, second.exit(), second.err() + second.out());
    assertTrue(second.out().contains("resuming Paying-1"), second.out());
    assertTrue(second.out().contains("end Paying-1: completed with {outcome: \"paid A-1\"}"), second.out());

    Result unknown = flowc("", false, "run", model.toString(), "--workflow", "Paying", "--input", "{\"order\": \"A-1\"}",
        "--journal", "jdbc:nosuchdb://localhost/flow?password=secret");
    assertEquals(2, unknown.exit(), unknown.err() + unknown.out());
    assertTrue(unknown.err().contains("flowc run: flowc keeps runs in H2 (jdbc:h2:...) or PostgreSQL"
        + " (jdbc:postgresql://...) databases, not in jdbc:nosuchdb:"), unknown.err());
    Result unreachable = flowc("", false, "run", model.toString(), "--workflow", "Paying", "--input",
        "{\"order\": \"A-1\"}", "--journal", "jdbc:postgresql://127.0.0.1:1/flow?password=secret&connectTimeout=2");
    assertEquals(2, unreachable.exit(), unreachable.err() + unreachable.out());
    assertTrue(unreachable.err().contains("flowc run: cannot connect to the database"
        + " jdbc:postgresql://127.0.0.1:1/flow?password=***&connectTimeout=2: "), unreachable.err());
    assertTrue(!unreachable.err().contains("secret") && !unreachable.err().contains("\tat "), unreachable.err());
    assertTrue(!unknown.err().contains("secret") && !unknown.err().contains("\tat "), unknown.err());
  }
}

package dev.flow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Task;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pages as a browser uses them: forms posted, problems shown in words, nothing changed on a bad form. */
class PagesTest {
  private Onboarding onboarding;

  @BeforeEach
  void start() {
    onboarding = new Onboarding();
  }

  @AfterEach
  void stop() {
    onboarding.close();
  }

  private String intakeWithoutNda() {
    Http hook = Http.basic(onboarding.base(), "hook", "hook-pw");
    String event = ApiTest.INTAKE.replace("\"needsNda\": true", "\"needsNda\": false");
    return ApiTest.json(hook.post("/api/events", event), 200).path("started").get(0).asText();
  }

  @Test
  void aFormWithAProblemIsShownAgainAndNothingChangesThenItIsFixed() {
    String caseId = intakeWithoutNda();
    Task checklist = onboarding.engine.inbox().task(caseId, "assignChecklist");
    Http ann = new Http(onboarding.base()).login("ann", "ann-pw");
    String inbox = ann.get("/inbox").body();
    assertTrue(inbox.contains("Assign checklist"), inbox);
    String page = ann.get("/tasks/" + checklist.id()).body();
    assertTrue(page.contains("name=\"checklist\"") && page.contains("name=\"missingItems\"") && page.contains("name=\"notes\""));
    assertTrue(page.contains("Notes <span class=\"hint\">(optional)</span>"), "optional fields say so");

    HttpResponse<String> bad = ann.form("/tasks/" + checklist.id() + "/complete", "checklist", "https://files.example/list",
        "missingItems", "a few", "notes", "");
    assertEquals(422, bad.statusCode());
    assertTrue(bad.body().contains("Nothing was saved"), bad.body());
    assertTrue(bad.body().contains("missingItems"), "the problem names the field");
    assertTrue(bad.body().contains("value=\"https://files.example/list\""), "what was typed is kept");
    assertTrue(onboarding.engine.inbox().task(checklist.id()).orElseThrow().isOpen(), "nothing changed");

    HttpResponse<String> good = ann.form("/tasks/" + checklist.id() + "/complete", "checklist", "https://files.example/list",
        "missingItems", "0", "notes", "");
    assertEquals(302, good.statusCode(), good.body());
    assertEquals(InstanceState.COMPLETED, onboarding.engine.instance(caseId).state());
    String casePage = ann.get("/cases/" + caseId).body();
    assertTrue(casePage.contains("id=\"case-state\" class=\"state completed\""), casePage);
    assertTrue(casePage.contains("<td>task completed: {&quot;checklist&quot;:&quot;https://files.example/list&quot;"), casePage);
    assertTrue(casePage.contains("<td>ann</td>"), "the history says who");
    assertTrue(casePage.contains("id=\"outputs\""));
  }

  @Test
  void legalRejectsWithACommentAndTheCaseSaysWhy() {
    String caseId = ApiTest.intake(onboarding);
    Task nda = onboarding.engine.inbox().task(caseId, "ndaReview");
    Http lee = new Http(onboarding.base()).login("lee", "lee-pw");
    String page = lee.get("/tasks/" + nda.id()).body();
    assertTrue(page.contains("id=\"approve\"") && page.contains("id=\"reject\""));
    assertEquals(302, lee.form("/tasks/" + nda.id() + "/claim").statusCode());
    assertTrue(lee.get("/tasks/" + nda.id()).body().contains("taken by lee"));
    assertEquals(302, lee.form("/tasks/" + nda.id() + "/complete", "decision", "reject", "comment", "clause 4 is missing")
        .statusCode());
    assertEquals(InstanceState.FAILED, onboarding.engine.instance(caseId).state());
    Http olga = new Http(onboarding.base()).login("olga", "olga-pw");
    String casePage = olga.get("/cases/" + caseId).body();
    assertTrue(casePage.contains("NDA rejected by Legal"), casePage);
    assertTrue(casePage.contains("clause 4 is missing"));
    assertTrue(casePage.contains("<td>lee</td>"));
  }

  @Test
  void startingByHandWithAFormAndReassigning() {
    Http ann = new Http(onboarding.base()).login("ann", "ann-pw");
    assertTrue(ann.get("/start").body().contains("DocumentCollection"));
    String form = ann.get("/start/com.acme.onboarding.DocumentCollection").body();
    assertTrue(form.contains("name=\"intake.client\"") && form.contains("name=\"intake.tier\""), form);
    assertTrue(form.contains("<option>Enterprise</option>"), "an enum is a choice");
    HttpResponse<String> missing = ann.form("/start/com.acme.onboarding.DocumentCollection", "intake.client", "Acme");
    assertEquals(422, missing.statusCode());
    assertTrue(missing.body().contains("not a valid IntakeSubmitted: contactName"), missing.body());
    assertTrue(onboarding.engine.instances().isEmpty(), "nothing started");
    HttpResponse<String> started = ann.form("/start/com.acme.onboarding.DocumentCollection", "intake.client", "Acme",
        "intake.contactName", "Ada", "intake.email", "ada@acme.example", "intake.tier", "Essentials",
        "intake.documents", "[{\"name\": \"Brief\", \"url\": null, \"pages\": 2}]");
    assertEquals(302, started.statusCode(), started.body());
    String caseId = onboarding.engine.instances().get(0).id();
    assertEquals("/cases/" + caseId, started.headers().firstValue("Location").orElse(""));
    Task checklist = onboarding.engine.inbox().task(caseId, "assignChecklist");
    Http olga = new Http(onboarding.base()).login("olga", "olga-pw");
    assertEquals(403, olga.form("/tasks/" + checklist.id() + "/reassign", "to", "ann").statusCode(),
        "only those who hold the role may hand a task on: olga does not (until it is escalated)");
    assertEquals(302, ann.form("/tasks/" + checklist.id() + "/claim").statusCode());
    assertEquals("ann", onboarding.engine.inbox().task(checklist.id()).orElseThrow().assignee());
    Http pat = new Http(onboarding.base()).login("pat", "pat-pw");
    assertFalse(pat.get("/inbox").body().contains("Assign checklist"));
  }

  @Test
  void theProcessPageShowsItsMeasures() {
    intakeWithoutNda();
    Http olga = new Http(onboarding.base()).login("olga", "olga-pw");
    String page = olga.get("/processes/com.acme.onboarding.ClientOnboarding").body();
    assertTrue(page.contains("A signed client is productive within 14 days"), page);
    assertTrue(page.contains("data-measure=\"timeToKickoff\""));
    assertTrue(page.contains("Intake to checklist assigned"));
  }
}

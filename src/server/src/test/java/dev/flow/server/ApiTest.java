package dev.flow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The onboarding case played through the JSON API by its people. */
class ApiTest {
  static final String INTAKE = "{\"type\": \"IntakeSubmitted\", \"event\": {\"client\": \"Acme\", \"contactName\": \"Ada\","
      + " \"email\": \"ada@acme.example\", \"tier\": \"Growth\", \"needsNda\": true, \"documents\": ["
      + "{\"name\": \"Contract\", \"url\": \"https://files.example/c.pdf\", \"pages\": 3},"
      + " {\"name\": \"Logo\", \"url\": null, \"pages\": 1}]}}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private Onboarding onboarding;

  @BeforeEach
  void start() {
    onboarding = new Onboarding();
  }

  @AfterEach
  void stop() {
    onboarding.close();
  }

  static JsonNode json(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), () -> "HTTP " + response.statusCode() + ": " + response.body());
    try {
      return JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /** The intake published by the integration user; returns the new case's id. */
  static String intake(Onboarding onboarding) {
    Http hook = Http.basic(onboarding.base(), "hook", "hook-pw");
    JsonNode delivery = json(hook.post("/api/events", INTAKE), 200);
    assertEquals(1, delivery.path("started").size(), delivery.toString());
    return delivery.path("started").get(0).asText();
  }

  static JsonNode onlyTask(Http http, String step) {
    JsonNode tasks = json(http.get("/api/tasks"), 200);
    List<JsonNode> matching = new ArrayList<>();
    tasks.forEach(t -> {
      if (t.path("step").asText().equals(step)) {
        matching.add(t);
      }
    });
    assertEquals(1, matching.size(), () -> "tasks: " + tasks);
    return matching.get(0);
  }

  @Test
  void theWholeOnboardingCaseThroughTheApi() {
    String caseId = intake(onboarding);
    Http lee = new Http(onboarding.base()).apiLogin("lee", "lee-pw");
    Http ann = Http.basic(onboarding.base(), "ann", "ann-pw");
    Http pat = new Http(onboarding.base()).apiLogin("pat", "pat-pw");

    JsonNode nda = onlyTask(lee, "ndaReview");
    assertEquals(caseId, nda.path("caseId").asText());
    assertEquals("approval", nda.path("kind").asText());
    assertEquals(0, json(ann.get("/api/tasks"), 200).size(), "the account manager has nothing to do yet");
    String ndaId = nda.path("id").asText();
    assertEquals(403, pat.get("/api/tasks/" + ndaId).statusCode());
    assertEquals(403, pat.post("/api/tasks/" + ndaId + "/approve", "{}").statusCode());

    assertEquals(0, json(lee.get("/api/cases?waitingOn=lee"), 200).size(), "nobody has taken it yet");
    assertEquals(1, json(lee.get("/api/cases?waitingOn=Legal"), 200).size(), "waiting on Legal");
    json(lee.post("/api/tasks/" + ndaId + "/claim", "{}"), 200);
    assertEquals(caseId, json(lee.get("/api/cases?waitingOn=lee"), 200).get(0).path("id").asText(), "waiting on lee");
    JsonNode approved = json(lee.post("/api/tasks/" + ndaId + "/approve", "{\"comment\": \"standard NDA\"}"), 200);
    assertEquals("completed", approved.path("status").asText());
    assertEquals("lee", approved.path("completedBy").asText());

    JsonNode checklist = onlyTask(ann, "assignChecklist");
    String checklistId = checklist.path("id").asText();
    assertEquals(3, checklist.path("fields").size());
    HttpResponse<String> bad = ann.post("/api/tasks/" + checklistId + "/complete",
        "{\"checklist\": \"https://files.example/checklist\", \"missingItems\": \"many\"}");
    JsonNode problems = json(bad, 422);
    assertTrue(problems.path("problems").toString().contains("missingItems"), problems.toString());
    assertEquals("open", json(ann.get("/api/tasks/" + checklistId), 200).path("status").asText(), "nothing changed");

    json(ann.post("/api/tasks/" + checklistId + "/complete",
        "{\"checklist\": \"https://files.example/checklist\", \"missingItems\": 1}"), 200);
    JsonNode done = json(ann.get("/api/cases/" + caseId), 200);
    assertEquals("completed", done.path("state").asText(), done.toString());
    assertEquals("Acme", done.path("output").path("client").asText());
    String history = done.path("history").toString();
    assertTrue(history.contains("lee"), "the approval is recorded with who gave it");
    assertTrue(history.contains("ann"), "the checklist is recorded with who completed it");

    JsonNode kickoff = json(pat.get("/api/cases?workflow=Kickoff"), 200);
    assertEquals(1, kickoff.size(), kickoff.toString());
    assertEquals("waiting", kickoff.get(0).path("state").asText(), "the kickoff started after the document collection");

    // The project lead runs the kickoff, which the intake started after it.
    JsonNode deck = onlyTask(pat, "prepareDeck");
    json(pat.post("/api/tasks/" + deck.path("id").asText() + "/complete", "{\"deckUrl\": \"https://deck.example/1\"}"),
        200);
    Http olga = Http.basic(onboarding.base(), "olga", "olga-pw");
    json(olga.post("/api/clock", "{\"advance\": \"3d\"}"), 200);
    JsonNode run = onlyTask(pat, "runKickoff");
    json(pat.post("/api/tasks/" + run.path("id").asText() + "/complete", "{\"attendees\": 5, \"firstDeliverable\":"
        + " \"Plan\", \"dueDate\": \"2026-12-15\"}"), 200);
    assertEquals("completed", json(pat.get("/api/cases/" + kickoff.get(0).path("id").asText()), 200).path("state").asText());

    JsonNode process = json(olga.get("/api/processes/ClientOnboarding"), 200);
    JsonNode turnaround = null;
    for (JsonNode measure : process.path("measures")) {
      if (measure.path("name").asText().equals("checklistTurnaround")) {
        turnaround = measure;
      }
    }
    assertEquals(1, turnaround.path("cases").asInt(), process.toString());
    assertEquals("PT0S", turnaround.path("median").asText(), "no time passed on the manual clock");
    assertEquals(1.0, turnaround.path("withinTarget").asDouble());
    JsonNode toKickoff = null;
    for (JsonNode measure : process.path("measures")) {
      if (measure.path("name").asText().equals("timeToKickoff")) {
        toKickoff = measure;
      }
    }
    assertEquals(1, toKickoff.path("cases").asInt(), "the kickoff is linked to the intake it started after: " + process);
    assertEquals("PT72H", toKickoff.path("median").asText());
    assertEquals(1.0, toKickoff.path("withinTarget").asDouble(), "within the 5 days promised");
  }

  @Test
  void anApprovalPastItsLimitIsEscalatedAndMarked() {
    String caseId = intake(onboarding);
    Http olga = Http.basic(onboarding.base(), "olga", "olga-pw");
    assertTrue(json(olga.get("/api/tasks"), 200).isEmpty(), "not escalated yet");
    json(olga.post("/api/clock", "{\"advance\": \"2d1h\"}"), 200);
    JsonNode nda = onlyTask(olga, "ndaReview");
    assertTrue(nda.path("escalated").asBoolean());
    assertTrue(nda.path("overdue").asBoolean());
    JsonNode detail = json(olga.get("/api/cases/" + caseId), 200);
    assertEquals(1, detail.path("breaches").size(), detail.path("breaches").toString());
    assertEquals("com.acme.onboarding.OperationsLead", detail.path("breaches").get(0).path("escalatedTo").asText());
    json(olga.post("/api/tasks/" + nda.path("id").asText() + "/reject", "{\"comment\": \"too late\"}"), 200);
    JsonNode failed = json(olga.get("/api/cases/" + caseId), 200);
    assertEquals("failed", failed.path("state").asText());
    assertTrue(failed.path("history").toString().contains("olga"));
  }

  @Test
  void startingByHandAndCancelling() {
    Http ann = new Http(onboarding.base()).apiLogin("ann", "ann-pw");
    JsonNode workflows = json(ann.get("/api/workflows"), 200);
    assertTrue(workflows.toString().contains("\"mayStart\":true"), workflows.toString());
    HttpResponse<String> bad = ann.post("/api/workflows/DocumentCollection/start", "{\"intake\": {\"client\": \"Acme\"}}");
    assertEquals(422, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("is required"), bad.body());
    JsonNode started = json(ann.post("/api/workflows/DocumentCollection/start",
        "{\"intake\": " + INTAKE.substring(INTAKE.indexOf("{\"client"), INTAKE.length() - 1) + "}"), 201);
    String id = started.path("id").asText();
    Http lee = new Http(onboarding.base()).apiLogin("lee", "lee-pw");
    assertEquals(403, lee.post("/api/cases/" + id + "/cancel", "{\"reason\": \"no\"}").statusCode(),
        "Legal works in the case but does not own it");
    JsonNode cancelled = json(ann.post("/api/cases/" + id + "/cancel", "{\"reason\": \"duplicate\"}"), 200);
    assertEquals("cancelled", cancelled.path("state").asText());
    JsonNode detail = json(ann.get("/api/cases/" + id), 200);
    assertTrue(detail.path("cancelReason").asText().contains("ann"), detail.path("cancelReason").asText());
    assertFalse(json(ann.get("/api/cases?state=cancelled"), 200).isEmpty());
  }

  @Test
  void theOpenApiDocumentListsEveryRoute() throws Exception {
    JsonNode doc = json(new Http(onboarding.base()).get("/api/openapi.json"), 200);
    assertEquals("3.0.3", doc.path("openapi").asText());
    for (String path : List.of("/api/session", "/api/me", "/api/tasks", "/api/tasks/{id}", "/api/tasks/{id}/claim",
        "/api/tasks/{id}/release", "/api/tasks/{id}/reassign", "/api/tasks/{id}/complete", "/api/tasks/{id}/approve",
        "/api/tasks/{id}/reject", "/api/workflows", "/api/workflows/{name}/start", "/api/events", "/api/cases",
        "/api/cases/{id}", "/api/cases/{id}/cancel", "/api/processes", "/api/processes/{name}", "/api/clock",
        "/api/incidents", "/api/incidents/{id}/retry", "/api/incidents/{id}/fail")) {
      assertTrue(doc.path("paths").has(path), "the OpenAPI document lacks " + path);
    }
  }
}

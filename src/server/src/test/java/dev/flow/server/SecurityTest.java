package dev.flow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.Task;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Nobody sees or changes a task, case or process of a role they lack, by page or by API; POSTs need a CSRF token. */
class SecurityTest {
  private static Onboarding onboarding;
  private static String caseId;
  private static String ndaId;

  @BeforeAll
  static void start() {
    onboarding = new Onboarding();
    caseId = ApiTest.intake(onboarding);
    ndaId = onboarding.engine.inbox().task(caseId, "ndaReview").id();
  }

  @AfterAll
  static void stop() {
    onboarding.close();
  }

  private static void unchanged() {
    Task nda = onboarding.engine.inbox().task(ndaId).orElseThrow();
    assertTrue(nda.isOpen(), "the task is still open");
    assertNull(nda.assignee(), "nobody took the task");
    for (HistoryEvent event : onboarding.engine.instance(caseId).history()) {
      assertFalse(event.detail().contains("pat") || event.detail().contains("hook"), "recorded: " + event);
    }
  }

  @Test
  void signedOutPeopleAreSentToSignInAndTheApiSays401() {
    Http anonymous = new Http(onboarding.base());
    HttpResponse<String> inbox = anonymous.get("/inbox");
    assertEquals(302, inbox.statusCode());
    assertEquals("/login?next=%2Finbox", inbox.headers().firstValue("Location").orElse(""));
    assertEquals(302, anonymous.get("/cases/" + caseId).statusCode());
    assertEquals(401, anonymous.get("/api/tasks").statusCode());
    assertEquals(401, anonymous.get("/api/cases/" + caseId).statusCode());
    assertEquals(401, Http.basic(onboarding.base(), "lee", "wrong").get("/api/tasks").statusCode());
    assertEquals(401, Http.basic(onboarding.base(), "nobody", "x").get("/api/tasks").statusCode());
    HttpResponse<String> claim = anonymous.post("/api/tasks/" + ndaId + "/claim", "{}");
    assertTrue(claim.statusCode() == 401 || claim.statusCode() == 403, claim.body());
    unchanged();
  }

  @Test
  void aWrongPasswordDoesNotSignIn() {
    Http browser = new Http(onboarding.base());
    browser.get("/login");
    HttpResponse<String> refused = browser.form("/login", "name", "lee", "password", "guess", "next", "/inbox");
    assertEquals(401, refused.statusCode());
    assertTrue(refused.body().contains("Wrong user name or password"));
    assertEquals(302, browser.get("/inbox").statusCode(), "still signed out");
  }

  @Test
  void postsWithoutTheCsrfTokenAreRefused() {
    Http lee = new Http(onboarding.base()).login("lee", "lee-pw");
    HttpResponse<String> noToken = lee.formRaw("/tasks/" + ndaId + "/claim", Map.of());
    assertEquals(403, noToken.statusCode());
    assertTrue(noToken.body().contains("CSRF"), noToken.body());
    assertEquals(403, lee.formRaw("/tasks/" + ndaId + "/claim", Map.of("_csrf", "forged")).statusCode());
    assertEquals(403, lee.postWithoutToken("/api/tasks/" + ndaId + "/claim", "{}").statusCode());
    assertEquals(403, lee.formRaw("/logout", Map.of()).statusCode(), "not even a sign-out without the token");
    Http basicForm = Http.basic(onboarding.base(), "lee", "lee-pw");
    assertEquals(403, basicForm.formRaw("/api/tasks/" + ndaId + "/claim", Map.of()).statusCode(),
        "HTTP Basic POSTs must be JSON, which no other site's form can send");
    Http signIn = new Http(onboarding.base());
    signIn.get("/login");
    assertEquals(403, signIn.formRaw("/login", Map.of("name", "lee", "password", "lee-pw")).statusCode(),
        "the sign-in form needs its token too");
    unchanged();
    HttpResponse<String> withToken = lee.form("/tasks/" + ndaId + "/claim");
    assertEquals(302, withToken.statusCode(), withToken.body());
    assertEquals("lee", onboarding.engine.inbox().task(ndaId).orElseThrow().assignee());
    assertEquals(302, lee.form("/tasks/" + ndaId + "/release").statusCode());
    assertNull(onboarding.engine.inbox().task(ndaId).orElseThrow().assignee());
  }

  @Test
  void someoneWithoutTheRoleGets403ForEveryTaskAndCaseUrlAndApiCall() {
    Http pat = new Http(onboarding.base()).login("pat", "pat-pw");
    Http patApi = Http.basic(onboarding.base(), "pat", "pat-pw");
    String task = "/tasks/" + ndaId;
    String kase = "/cases/" + caseId;
    List<HttpResponse<String>> refused = List.of(
        pat.get(task),
        pat.form(task + "/claim"),
        pat.form(task + "/release"),
        pat.form(task + "/reassign", "to", "pat"),
        pat.form(task + "/complete", "decision", "approve"),
        pat.get(kase),
        pat.form(kase + "/cancel", "reason", "mischief"),
        pat.get("/start/DocumentCollection"),
        pat.form("/start/DocumentCollection"),
        pat.get("/events"),
        pat.form("/events", "type", "IntakeSubmitted", "json", "{}"),
        patApi.get("/api" + task),
        patApi.post("/api" + task + "/claim", "{}"),
        patApi.post("/api" + task + "/release", "{}"),
        patApi.post("/api" + task + "/reassign", "{\"to\": \"pat\"}"),
        patApi.post("/api" + task + "/complete", "{\"approved\": true}"),
        patApi.post("/api" + task + "/approve", "{}"),
        patApi.post("/api" + task + "/reject", "{}"),
        patApi.get("/api" + kase),
        patApi.post("/api" + kase + "/cancel", "{}"),
        patApi.post("/api/workflows/DocumentCollection/start", "{}"),
        patApi.post("/api/events", ApiTest.INTAKE),
        patApi.post("/api/clock", "{\"advance\": \"1d\"}"));
    for (HttpResponse<String> response : refused) {
      assertEquals(403, response.statusCode(), () -> response.request().method() + " " + response.request().uri()
          + " gave " + response.statusCode() + ": " + response.body());
      assertFalse(response.body().contains("Exception"), response.body());
    }
    assertFalse(patApi.get("/api/tasks").body().contains(ndaId), "not in pat's inbox");
    assertFalse(patApi.get("/api/cases").body().contains(caseId), "not in pat's case list");
    assertFalse(pat.get("/inbox").body().contains(ndaId));
    assertFalse(pat.get("/cases").body().contains(caseId));
    Http hook = Http.basic(onboarding.base(), "hook", "hook-pw");
    assertEquals(403, hook.get("/api/processes/ClientOnboarding").statusCode(), "hook is no stakeholder");
    assertEquals(403, hook.get("/api/cases/" + caseId).statusCode());
    Http ann = Http.basic(onboarding.base(), "ann", "ann-pw");
    assertEquals(403, ann.get("/api" + task).statusCode(), "the account manager is not Legal");
    assertEquals(200, ann.get("/api" + kase).statusCode(), "but works in the case");
    unchanged();
    assertEquals(dev.flow.runtime.InstanceState.WAITING, onboarding.engine.instance(caseId).state());
  }

  @Test
  void whatPeopleTypedIsEscapedOnEveryPage() {
    Http hook = Http.basic(onboarding.base(), "hook", "hook-pw");
    String hostile = ApiTest.INTAKE.replace("\"Acme\"", "\"<script>alert('x')</script>\"");
    String id = ApiTest.json(hook.post("/api/events", hostile), 200).path("started").get(0).asText();
    Http olga = new Http(onboarding.base()).login("olga", "olga-pw");
    String page = olga.get("/cases/" + id).body();
    assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), page);
    assertFalse(page.contains("<script>alert"), "a script typed into an event never reaches a page as markup");
  }

  @Test
  void signingOutEndsTheSession() {
    Http lee = new Http(onboarding.base()).login("lee", "lee-pw");
    assertEquals(200, lee.get("/inbox").statusCode());
    assertEquals(302, lee.form("/logout").statusCode());
    assertEquals(302, lee.get("/inbox").statusCode());
    assertEquals(401, lee.get("/api/tasks").statusCode());
  }
}

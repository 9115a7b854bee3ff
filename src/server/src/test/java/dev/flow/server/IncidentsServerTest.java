package dev.flow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flow.compiler.codegen.GeneratedCode;
import dev.flow.compiler.source.SourceFile;
import dev.flow.runtime.Engine;
import dev.flow.runtime.FlowModule;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.SystemDefinition;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Incidents on the server: a step whose retries ran out waits for an operator (the workflow's owner
 * or an admin), who sees it on the operator desk and the case page and retries or fails it, by page
 * (with the session's CSRF token) or by API. Anyone else gets 403; nobody changes it without a token.
 */
class IncidentsServerTest {
  private static final String MODEL = """
      package test.ledger

      role Bookkeeper "Bookkeeper"
      role Auditor "Auditor"

      system Ledger {
        action book(amount: Decimal): Text
        retry 1 times every 1m then wait for operator
      }

      workflow Booking {
        owner Bookkeeper
        starts manually
        input amount: Decimal
        output entry: Text
        step booked by Ledger.book(amount: amount)
        approval check by Auditor
        set entry = booked
      }
      """;
  private static List<FlowModule> modules;

  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();
  private Engine engine;
  private FlowServer server;

  private static synchronized List<FlowModule> modules() throws ReflectiveOperationException {
    if (modules == null) {
      SortedMap<String, String> sources = GeneratedCode.generate(List.of(new SourceFile("ledger.flow", MODEL)));
      ClassLoader loader = GeneratedCode.compile(sources);
      List<FlowModule> found = new ArrayList<>();
      for (String path : sources.keySet()) {
        Class<?> type = Class.forName(path.substring(0, path.length() - ".java".length()).replace('/', '.'), true, loader);
        if (FlowModule.class.isAssignableFrom(type) && !type.isInterface()) {
          found.add((FlowModule) type.getField("INSTANCE").get(null));
        }
      }
      modules = List.copyOf(found);
    }
    return modules;
  }

  @BeforeEach
  void start() throws ReflectiveOperationException {
    Engine.Builder builder = Engine.builder().clock(clock);
    List<String> roles = new ArrayList<>();
    for (FlowModule module : modules()) {
      builder.module(module);
      module.roles().forEach(r -> roles.add(r.name()));
      for (SystemDefinition system : module.systems()) {
        connect(builder, system);
      }
    }
    engine = builder.build();
    String json = "{\"users\": [" + user("bea", "\"test.ledger.Bookkeeper\"", "") + ","
        + user("al", "\"test.ledger.Auditor\"", "") + "," + user("root", "", ", \"admin\": true") + "]}";
    server = FlowServer.builder(engine).modules(modules()).users(Users.parse(json, "test users", roles)).port(0)
        .testClock(clock).start();
  }

  private static String user(String name, String roles, String extra) {
    return "{\"name\": \"" + name + "\", \"password\": \"" + Users.hash(name + "-pw") + "\", \"roles\": [" + roles + "]"
        + extra + "}";
  }

  private <S> void connect(Engine.Builder builder, SystemDefinition system) {
    @SuppressWarnings("unchecked")
    Class<S> type = (Class<S>) system.type();
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.getName().equals("hashCode") ? System.identityHashCode(self)
            : method.getName().equals("equals") ? self == args[0] : "test " + system.name();
      }
      calls.incrementAndGet();
      if (failures.getAndDecrement() > 0) {
        throw new IllegalStateException("ledger closed");
      }
      return "E-" + args[0];
    });
    builder.connector(type, type.cast(proxy));
  }

  @AfterEach
  void stop() {
    server.close();
    engine.close();
  }

  private String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A Booking whose step fails twice: its one retry is spent, it waits for an operator. */
  private String stuckCase() {
    failures.set(2);
    String id = ApiTest.json(Http.basic(base(), "bea", "bea-pw").post("/api/workflows/Booking/start", "{\"amount\": 12}"),
        201).path("id").asText();
    clock.advance(Duration.ofMinutes(1));
    assertEquals(InstanceState.WAITING, engine.instance(id).state());
    assertEquals(1, engine.incidents().size());
    return id;
  }

  @Test
  void theOperatorDeskListsTheIncidentAndItsRetryButtonRunsTheStepAgain() {
    String id = stuckCase();
    Http bea = new Http(base()).login("bea", "bea-pw");
    String desk = bea.get("/operator").body();
    assertTrue(desk.contains("id=\"incidents\""), desk);
    assertTrue(desk.contains("test.ledger.Ledger.book failed: ledger closed"), desk);
    assertTrue(desk.contains("action=\"/incidents/" + id + "/booked/retry\""), desk);
    String casePage = bea.get("/cases/" + id).body();
    assertTrue(casePage.contains("<h2>Incidents</h2>"), casePage);
    assertTrue(casePage.contains("incident opened"), casePage);
    HttpResponse<String> retried = bea.form("/incidents/" + id + "/booked/retry");
    assertEquals(302, retried.statusCode(), retried.body());
    assertEquals("/cases/" + id, retried.headers().firstValue("Location").orElse(""));
    assertEquals(3, calls.get(), "the step ran again");
    assertEquals(List.of(), engine.incidents());
    String after = bea.get("/cases/" + id).body();
    assertTrue(after.contains("retried by bea"), "the history names who retried it: " + after);
    assertFalse(bea.get("/operator").body().contains("id=\"incidents\""));
  }

  @Test
  void theFailButtonFailsTheStepWithTheReasonAndTheOperatorsName() {
    String id = stuckCase();
    Http root = new Http(base()).login("root", "root-pw");
    HttpResponse<String> failed = root.form("/incidents/" + id + "/booked/fail", "reason", "closed for the year");
    assertEquals(302, failed.statusCode(), failed.body());
    assertEquals(InstanceState.FAILED, engine.instance(id).state());
    assertEquals("test.ledger.Ledger.book failed: ledger closed (failed by root: closed for the year)",
        engine.instance(id).error().orElseThrow().message());
  }

  @Test
  void theApiListsRetriesAndFailsIncidents() {
    String id = stuckCase();
    Http bea = Http.basic(base(), "bea", "bea-pw");
    JsonNode list = ApiTest.json(bea.get("/api/incidents"), 200);
    assertEquals(1, list.size(), list.toString());
    assertEquals(id + "/booked", list.get(0).path("id").asText());
    assertEquals("booked", list.get(0).path("step").asText());
    assertEquals(2, list.get(0).path("attempts").asInt());
    assertEquals("test.ledger.Ledger.book failed: ledger closed", list.get(0).path("message").asText());
    JsonNode detail = ApiTest.json(bea.get("/api/cases/" + id), 200);
    assertEquals(id + "/booked", detail.path("incidents").get(0).path("id").asText());
    failures.set(2);
    assertEquals(id + "/booked", ApiTest.json(bea.post("/api/incidents/" + id + "/booked/retry", "{}"), 200)
        .path("retried").asText());
    clock.advance(Duration.ofMinutes(1));
    assertEquals(4, ApiTest.json(bea.get("/api/incidents"), 200).get(0).path("attempts").asInt(),
        "a fresh budget: one retry, then an incident again");
    assertEquals(422, bea.post("/api/incidents/" + id + "/booked/fail", "{\"reason\": 5}").statusCode());
    assertEquals(id + "/booked", ApiTest.json(bea.post("/api/incidents/" + id + "/booked/fail",
        "{\"reason\": \"wrong ledger\"}"), 200).path("failed").asText());
    assertEquals(InstanceState.FAILED, engine.instance(id).state());
    assertEquals(404, bea.post("/api/incidents/" + id + "/booked/retry", "{}").statusCode(), "it is no longer open");
  }

  @Test
  void someoneWhoIsNotTheOwnerNorAnAdminSeesNoIncidentAndMayNotResolveOne() {
    String id = stuckCase();
    Http al = Http.basic(base(), "al", "al-pw");
    assertEquals(0, ApiTest.json(al.get("/api/incidents"), 200).size());
    assertEquals(403, al.post("/api/incidents/" + id + "/booked/retry", "{}").statusCode());
    assertEquals(403, al.post("/api/incidents/" + id + "/booked/fail", "{}").statusCode());
    Http alPages = new Http(base()).login("al", "al-pw");
    assertFalse(alPages.get("/operator").body().contains("id=\"incidents\""));
    assertEquals(403, alPages.form("/incidents/" + id + "/booked/retry").statusCode());
    assertEquals(1, engine.incidents().size(), "nothing changed");
    assertEquals(2, calls.get());
  }

  @Test
  void aPostWithoutTheSessionsCsrfTokenChangesNothing() {
    String id = stuckCase();
    Http bea = new Http(base()).login("bea", "bea-pw");
    assertEquals(403, bea.formRaw("/incidents/" + id + "/booked/retry", Map.of()).statusCode());
    assertEquals(403, bea.postWithoutToken("/api/incidents/" + id + "/booked/fail", "{}").statusCode());
    assertEquals(1, engine.incidents().size());
    assertEquals(404, Http.basic(base(), "root", "root-pw").post("/api/incidents/Nope-1/booked/retry", "{}").statusCode());
  }
}

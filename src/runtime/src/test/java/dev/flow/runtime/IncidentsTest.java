package dev.flow.runtime;

import static dev.flow.runtime.Flows.fileStep;
import static dev.flow.runtime.Flows.undo;
import static dev.flow.runtime.Flows.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.flow.runtime.Flows.Desk;
import dev.flow.runtime.Flows.In;
import dev.flow.runtime.Flows.Out;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.HistoryEntry.IncidentResolved.Resolution;
import dev.flow.runtime.store.JdbcStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents: an action step whose retries are exhausted and whose policy says {@code then wait for
 * operator} waits for an operator, who retries it (a fresh attempt budget) or fails it (as if its
 * retries had run out). Durable on the journal and the JDBC store.
 */
class IncidentsTest {
  private final ManualClock clock = ManualClock.at("2026-11-24T09:00:00Z");
  private final RecordingDesk desk = new RecordingDesk();

  {
    desk.failuresOnlyOf = "a";
  }

  @TempDir
  Path dir;

  /** {@code retry 1 times every 10s then wait for operator}. */
  private static final ActionStep<Desk, String> FILE = fileStep("fileIt")
      .retry(RetryPolicy.of(1, Duration.ofSeconds(10), 1).thenWaitForOperator());

  private static final WorkflowDefinition<In, Out> FILING = workflow("Filing", (ctx, in) -> {
    ctx.actionWithUndo(fileStep("prepare"), new Object[] {"draft"}, r -> undo("draft"));
    return new Out(ctx.action(FILE, in.name()));
  }).build();

  private static final WorkflowDefinition<In, Out> CAUGHT = workflow("Caught", (ctx, in) -> {
    String[] result = {""};
    ctx.attempt(() -> result[0] = ctx.action(FILE, in.name()), error -> result[0] = "caught: " + error.message());
    return new Out(result[0]);
  }).build();

  private Engine.Builder builder() {
    return Engine.builder().clock(clock).connector(Desk.class, desk).workflow(FILING).workflow(CAUGHT);
  }

  private static List<String> kinds(Engine engine, String id) {
    return engine.history(id).stream().map(r -> r.entry().getClass().getSimpleName())
        .filter(k -> k.startsWith("Incident") || k.equals("ActionFailed")).toList();
  }

  /** Starts a Filing whose file step fails twice: its retries are exhausted, it waits for an operator. */
  private String exhaust(Engine engine) {
    desk.failures = 2;
    String id = engine.start(FILING, new In("a"));
    clock.advance(Duration.ofSeconds(10));
    return id;
  }

  @Test
  void exhaustedRetriesOpenAnIncidentInsteadOfFailing() {
    try (Engine engine = builder().build()) {
      String id = exhaust(engine);
      WorkflowInstance instance = engine.instance(id);
      assertEquals(InstanceState.WAITING, instance.state(), "the instance waits for an operator, it does not fail");
      assertEquals(List.of("file draft", "file a", "file a"), desk.calls);
      Incident incident = engine.incidents().get(0);
      assertEquals(1, engine.incidents().size());
      assertEquals(id + "/fileIt", incident.id());
      assertEquals("t.Filing", incident.workflow());
      assertEquals("fileIt", incident.step());
      assertEquals(2, incident.attempts());
      assertEquals("t.Desk.file failed: desk unreachable", incident.message());
      assertEquals(clock.instant(), incident.opened());
      WorkflowInstance.Wait wait = instance.waits().get(0);
      assertEquals("incident", wait.kind());
      assertEquals("t.Desk.file failed: desk unreachable", wait.detail());
      clock.advance(Duration.ofDays(1));
      assertEquals(3, desk.calls.size(), "nothing is attempted until the operator acts");
      assertTrue(engine.history(id).stream().anyMatch(r -> r.entry() instanceof HistoryEntry.IncidentOpened o
          && o.attempts() == 2 && o.stepId().equals("fileIt")));
    }
  }

  @Test
  void aRetryRunsTheActionAgainWithAFreshAttemptBudget() {
    try (Engine engine = builder().build()) {
      String id = exhaust(engine);
      desk.failures = 2;
      engine.retryIncident(id + "/fileIt", "olga");
      assertEquals(List.of(), engine.incidents(), "the incident is resolved");
      assertEquals(4, desk.calls.size(), "the retry ran at once");
      assertEquals(InstanceState.WAITING, engine.instance(id).state(), "attempt 3 failed: its one retry waits 10s");
      clock.advance(Duration.ofSeconds(10));
      assertEquals(5, desk.calls.size(), "a fresh budget: one retry after 10s, as the policy says");
      assertEquals(1, engine.incidents().size(), "exhausted again: a new incident");
      assertEquals(4, engine.incidents().get(0).attempts());
      engine.retryIncident(id + "/fileIt", "olga");
      WorkflowInstance done = engine.instance(id);
      assertEquals(InstanceState.COMPLETED, done.state());
      assertEquals(new Out("filed a"), done.output(Out.class));
      assertEquals(List.of("IncidentOpened", "IncidentResolved", "IncidentOpened", "IncidentResolved"), kinds(engine, id));
      HistoryEntry.IncidentResolved resolved = engine.history(id).stream().map(r -> r.entry())
          .filter(e -> e instanceof HistoryEntry.IncidentResolved).map(e -> (HistoryEntry.IncidentResolved) e)
          .findFirst().orElseThrow();
      assertEquals(Resolution.RETRIED, resolved.resolution());
      assertEquals("olga", resolved.by());
      assertEquals(1, desk.keys.stream().filter(k -> k.endsWith("/fileIt")).distinct().count(),
          "every attempt, before and after the operator's retry, carries the same idempotency key");
      assertTrue(engine.instance(id).history().stream().anyMatch(e -> e.type() == HistoryEvent.Type.INCIDENT_RESOLVED
          && e.detail().equals("retried by olga")));
    }
  }

  @Test
  void aFailFailsTheStepAsIfItsRetriesHadRunOutAndTheInstanceIsCompensated() {
    try (Engine engine = builder().build()) {
      String id = exhaust(engine);
      engine.failIncident(id + "/fileIt", "olga", "the desk is gone for good");
      WorkflowInstance failed = engine.instance(id);
      assertEquals(InstanceState.FAILED, failed.state());
      assertEquals("fileIt", failed.error().orElseThrow().step());
      assertEquals("t.Desk.file failed: desk unreachable (failed by olga: the desk is gone for good)",
          failed.error().orElseThrow().message());
      assertEquals("undo draft", desk.calls.get(desk.calls.size() - 1), "the completed step is compensated");
      assertEquals(List.of("IncidentOpened", "IncidentResolved", "ActionFailed"), kinds(engine, id));
      assertEquals(List.of(), engine.incidents());
    }
  }

  @Test
  void aFailedIncidentIsCaughtByAnEnclosingTry() {
    try (Engine engine = builder().build()) {
      desk.failures = 2;
      String id = engine.start(CAUGHT, new In("a"));
      clock.advance(Duration.ofSeconds(10));
      assertEquals(id + "/try/fileIt", engine.incidents().get(0).id());
      engine.failIncident(id + "/try/fileIt", "olga", "");
      WorkflowInstance done = engine.instance(id);
      assertEquals(InstanceState.COMPLETED, done.state());
      assertEquals(new Out("caught: t.Desk.file failed: desk unreachable (failed by olga)"), done.output(Out.class));
    }
  }

  @Test
  void cancellingTheInstanceWithdrawsItsIncident() {
    try (Engine engine = builder().build()) {
      String id = exhaust(engine);
      engine.cancel(id, "no longer needed");
      assertEquals(List.of(), engine.incidents());
      assertEquals(List.of("IncidentOpened", "IncidentResolved"), kinds(engine, id));
      IncidentException gone = assertThrows(IncidentException.class, () -> engine.retryIncident(id + "/fileIt", "olga"));
      assertTrue(gone.getMessage().contains("is not open"), gone.getMessage());
    }
  }

  @Test
  void requestsAboutNoOpenIncidentAreRefusedInWords() {
    try (Engine engine = builder().build()) {
      String id = exhaust(engine);
      assertEquals("no incident Nope-1/fileIt",
          assertThrows(IncidentException.class, () -> engine.retryIncident("Nope-1/fileIt", "olga")).getMessage());
      assertEquals("no incident " + id + "/prepare",
          assertThrows(IncidentException.class, () -> engine.failIncident(id + "/prepare", "olga", "x")).getMessage());
      assertEquals("no incident garbage",
          assertThrows(IncidentException.class, () -> engine.retryIncident("garbage", "olga")).getMessage());
      assertTrue(assertThrows(IncidentException.class, () -> engine.retryIncident(id + "/fileIt", " "))
          .getMessage().contains("operator's name is empty"));
      engine.retryIncident(id + "/fileIt", "olga");
      assertTrue(assertThrows(IncidentException.class, () -> engine.retryIncident(id + "/fileIt", "olga"))
          .getMessage().contains("is not open"));
    }
  }

  @Test
  void anIncidentSurvivesARestartOnTheJournal() {
    Path journal = dir.resolve("journal");
    survivesARestart(() -> builder().journal(journal).build());
  }

  @Test
  void anIncidentSurvivesARestartOnTheJdbcStore() {
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setJdbcUrl("jdbc:h2:file:" + dir.resolve("flow").toAbsolutePath());
      survivesARestart(() -> builder().store(JdbcStore.open(pool)).build());
    }
  }

  private void survivesARestart(Supplier<Engine> open) {
    String id;
    try (Engine first = open.get()) {
      id = exhaust(first);
      assertEquals(1, first.incidents().size());
    }
    try (Engine second = open.get()) {
      assertEquals(List.of(id + "/fileIt"), second.incidents().stream().map(Incident::id).toList(),
          "the incident is read back from the store's index");
      second.recover();
      assertEquals(3, desk.calls.size(), "recovery does not attempt the step again: it waits for the operator");
      second.retryIncident(id + "/fileIt", "olga");
      assertEquals(InstanceState.COMPLETED, second.instance(id).state());
      assertEquals(List.of(), second.incidents());
    }
    try (Engine third = open.get()) {
      assertEquals(List.of(), third.incidents());
      assertEquals(List.of("IncidentOpened", "IncidentResolved"), kinds(third, id));
    }
  }
}

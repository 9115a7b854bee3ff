package com.acme.onboarding.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.onboarding.Document;
import com.acme.onboarding.DocumentCollection;
import com.acme.onboarding.IntakeSubmitted;
import com.acme.onboarding.Kickoff;
import com.acme.onboarding.OnboardingModule;
import com.acme.onboarding.ServiceTier;
import dev.flow.runtime.FormException;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.temporal.FlowSearchAttributes;
import dev.flow.temporal.TemporalFlowRuntime;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The onboarding workflows on Temporal's in-process test server (no network; time skips when
 * the test sleeps): the same generated classes and connectors as on the embedded engine.
 */
class OnboardingOnTemporalTest {
  private static final Principal ANNA = Principal.of("anna", OnboardingModule.ACCOUNT_MANAGER);
  private static final Principal LEO = Principal.of("leo", OnboardingModule.LEGAL);
  private static final Principal OLGA = Principal.of("olga", OnboardingModule.OPERATIONS_LEAD);
  private static final String HANK = "hank@globex.example";
  private static final Duration QUIET = Duration.ofSeconds(30);

  private TestWorkflowEnvironment environment;
  private final InMemoryDrive drive = new InMemoryDrive();
  private final Outbox outbox = new Outbox();
  private TemporalFlowRuntime runtime;

  @BeforeEach
  void start() {
    // Monday 2 March 2026, 9:00 in Berlin.
    environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(Instant.parse("2026-03-02T08:00:00Z")).build());
    FlowSearchAttributes.register(environment.getOperatorServiceStubs(), environment.getNamespace());
    InMemoryCalendar calendar = new InMemoryCalendar(new ServerClock(environment), OnTemporal.ZONE);
    OnTemporal.worker(drive, calendar, outbox).register(environment.newWorker(OnTemporal.QUEUE));
    environment.start();
    runtime = OnTemporal.runtime(environment.getWorkflowClient());
  }

  @AfterEach
  void stop() {
    environment.close();
  }

  private static IntakeSubmitted intake(ServiceTier tier, boolean needsNda) {
    return new IntakeSubmitted("Globex", "Hank", HANK, tier, needsNda, List.of(
        new Document("Brief", "https://globex.example/brief.pdf", 4),
        new Document("Brand book", null, 0)));
  }

  private String instanceOf(String workflow) {
    return runtime.instances().stream().filter(i -> i.workflow().equals(workflow)).findFirst().orElseThrow().id();
  }

  private Task task(String instanceId, String step) {
    return runtime.inbox().task(instanceId, step);
  }

  @Test
  void aClientIsOnboardedFromTheIntakeFormToTheKickoff() {
    runtime.publish(intake(ServiceTier.Growth, true));
    runtime.awaitQuiet(QUIET);
    String collection = instanceOf(DocumentCollection.DEFINITION.name());
    String folder = drive.folders().get(0).link();
    assertTrue(drive.folder(folder).orElseThrow().files().isEmpty(), "nothing is shared before Legal accepted the NDA");

    runtime.inbox().approve(task(collection, "ndaReview").id(), LEO, "standard NDA");
    runtime.awaitQuiet(QUIET);
    assertEquals(Map.of("Brief", folder + "/Brief"), drive.folder(folder).orElseThrow().files());

    runtime.inbox().complete(task(collection, "assignChecklist").id(), ANNA,
        new DocumentCollection.AssignChecklistForm("https://drive.example.com/checklists/globex", 1, null));
    runtime.awaitQuiet(QUIET);
    WorkflowInstance collected = runtime.instance(collection);
    assertEquals(InstanceState.COMPLETED, collected.state());
    assertEquals(folder, collected.output(DocumentCollection.Output.class).folder());
    assertTrue(outbox.to(HANK).contains("Welcome aboard, Hank! Everything we share with you lives in " + folder + "."));
    assertEquals(InstanceState.WAITING, runtime.instance(instanceOf(Kickoff.DEFINITION.name())).state(),
        "the kickoff starts after the documents are collected");
  }

  @Test
  void aRejectedNdaFailsTheOnboardingAndDeletesTheFolder() {
    runtime.publish(intake(ServiceTier.Essentials, true));
    runtime.awaitQuiet(QUIET);
    String collection = instanceOf(DocumentCollection.DEFINITION.name());
    String folder = drive.folders().get(0).link();
    runtime.inbox().reject(task(collection, "ndaReview").id(), LEO, "unlimited liability");
    runtime.awaitQuiet(QUIET);
    WorkflowInstance failed = runtime.instance(collection);
    assertEquals(InstanceState.FAILED, failed.state());
    assertEquals("NDA rejected by Legal", failed.error().orElseThrow().message());
    assertEquals(List.of(folder), drive.deleted(), "the compensation deletes the client's folder");
  }

  @Test
  void onlyLegalMayDecideAndABadFormIsRefused() {
    runtime.publish(intake(ServiceTier.Essentials, true));
    runtime.awaitQuiet(QUIET);
    String collection = instanceOf(DocumentCollection.DEFINITION.name());
    String review = task(collection, "ndaReview").id();
    assertThrows(TaskException.class, () -> runtime.inbox().approve(review, ANNA, "looks fine to me"));
    runtime.inbox().approve(review, LEO, "ok");
    runtime.awaitQuiet(QUIET);
    TaskException twice = assertThrows(TaskException.class, () -> runtime.inbox().approve(review, LEO, "again"));
    assertEquals("task " + review + " was already completed by leo", twice.getMessage(), "exactly one completion wins");

    String checklist = task(collection, "assignChecklist").id();
    FormException bad = assertThrows(FormException.class,
        () -> runtime.inbox().complete(checklist, ANNA, Map.of("missingItems", "several")));
    assertFalse(bad.problems().isEmpty());
    assertTrue(task(collection, "assignChecklist").isOpen(), "a refused form changes nothing");
  }

  @Test
  void anUnassignedChecklistEscalatesAfterADay() {
    runtime.publish(intake(ServiceTier.Essentials, false));
    runtime.awaitQuiet(QUIET);
    String collection = instanceOf(DocumentCollection.DEFINITION.name());
    assertFalse(task(collection, "assignChecklist").escalated());
    environment.sleep(Duration.ofDays(1).plusMinutes(1));
    runtime.awaitQuiet(QUIET);
    Task escalated = task(collection, "assignChecklist");
    assertTrue(escalated.escalated());
    assertTrue(escalated.allows(OLGA), "the escalation role may now do it");
    assertEquals(1, runtime.inbox().forRole(OnboardingModule.OPERATIONS_LEAD).size());
    assertFalse(runtime.breaches().isEmpty());
  }

  /** The test server's clock, for the calendar connector (its "now" follows the skipped time). */
  private static final class ServerClock extends Clock {
    private final TestWorkflowEnvironment environment;

    ServerClock(TestWorkflowEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(environment.currentTimeMillis());
    }
  }
}

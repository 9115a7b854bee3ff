package com.acme.onboarding.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.onboarding.Document;
import com.acme.onboarding.DocumentCollection;
import com.acme.onboarding.FirstDeliverable;
import com.acme.onboarding.IntakeSubmitted;
import com.acme.onboarding.Kickoff;
import com.acme.onboarding.OnboardingModule;
import com.acme.onboarding.ServiceTier;
import dev.flow.runtime.Engine;
import dev.flow.runtime.FormException;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Task;
import dev.flow.runtime.TaskException;
import dev.flow.runtime.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The onboarding workflows, generated from src/main/flow, driven through their people and timers. */
class OnboardingTest {
  private static final Principal ANNA = Principal.of("anna", OnboardingModule.ACCOUNT_MANAGER);
  private static final Principal LEO = Principal.of("leo", OnboardingModule.LEGAL);
  private static final Principal PAT = Principal.of("pat", OnboardingModule.PROJECT_LEAD);
  private static final Principal OLGA = Principal.of("olga", OnboardingModule.OPERATIONS_LEAD);
  private static final String HANK = "hank@globex.example";

  /** Monday 2 March 2026, 9:00 in Berlin. */
  private final ManualClock clock = ManualClock.at("2026-03-02T08:00:00Z");
  private final InMemoryDrive drive = new InMemoryDrive();
  private final InMemoryCalendar calendar = new InMemoryCalendar(clock, Onboarding.ZONE);
  private final Outbox outbox = new Outbox();
  private final Engine engine = Onboarding.engine(clock, drive, calendar, outbox).build();

  private static IntakeSubmitted intake(ServiceTier tier, boolean needsNda) {
    return new IntakeSubmitted("Globex", "Hank", HANK, tier, needsNda, List.of(
        new Document("Brief", "https://globex.example/brief.pdf", 4),
        new Document("Brand book", null, 0)));
  }

  private String instanceOf(String workflow) {
    return engine.instances().stream().filter(i -> i.workflow().equals(workflow)).findFirst().orElseThrow().id();
  }

  private Task task(String instanceId, String step) {
    return engine.inbox().task(instanceId, step);
  }

  @Test
  void aGrowthClientIsOnboardedFromTheIntakeFormToTheFirstDeliverable() {
    engine.publish(intake(ServiceTier.Growth, true));
    String collection = instanceOf(DocumentCollection.DEFINITION.name());
    String folder = drive.folders().get(0).link();
    assertEquals("https://drive.example.com/folders/globex-1", folder);

    // Nobody opens a document before Legal accepted the NDA.
    assertTrue(drive.folder(folder).orElseThrow().files().isEmpty());
    engine.inbox().approve(task(collection, "ndaReview").id(), LEO, "standard NDA");
    InMemoryDrive.Folder filed = drive.folder(folder).orElseThrow();
    assertEquals(Map.of("Brief", folder + "/Brief"), filed.files());
    assertEquals(java.util.Set.of(HANK), filed.editors());

    engine.inbox().complete(task(collection, "assignChecklist").id(), ANNA,
        new DocumentCollection.AssignChecklistForm("https://drive.example.com/checklists/globex", 1, null));
    WorkflowInstance collected = engine.instance(collection);
    assertEquals(InstanceState.COMPLETED, collected.state());
    DocumentCollection.Output output = collected.output(DocumentCollection.Output.class);
    Instant kickoffAt = Instant.parse("2026-03-03T08:00:00Z"); // Tuesday 9:00, the first free slot
    assertEquals(new DocumentCollection.Output("Globex", HANK, ServiceTier.Growth, folder, kickoffAt), output);
    assertEquals(List.of(
        "Hi Hank, we still need 2 items from you. Please upload them to " + folder + ".",
        "Welcome aboard, Hank! Everything we share with you lives in " + folder + "."), outbox.to(HANK));

    // The kickoff starts after the documents are collected, and waits for its meeting.
    String kickoff = instanceOf(Kickoff.DEFINITION.name());
    engine.inbox().complete(task(kickoff, "prepareDeck").id(), PAT, new Kickoff.PrepareDeckForm("https://slides/globex"));
    clock.advanceTo(kickoffAt.minus(Duration.ofHours(1)));
    assertEquals(List.of("The kickoff with Globex starts in one hour. Deck: https://slides/globex"),
        outbox.toRole(OnboardingModule.PROJECT_LEAD));
    assertTrue(engine.inbox().forInstance(kickoff).stream().noneMatch(Task::isOpen), "the kickoff has not started yet");
    clock.advanceTo(kickoffAt);
    engine.inbox().complete(task(kickoff, "runKickoff").id(), PAT, Map.of(
        "attendees", 4, "firstDeliverable", "Brand audit", "dueDate", LocalDate.of(2026, 3, 20), "risks", "tight budget"));
    assertEquals(InstanceState.COMPLETED, engine.instance(kickoff).state());
    assertEquals("Steering committee: Globex", calendar.meetings().get(1).title(), "a Growth client gets a steering committee");
    assertEquals(List.of("Risks raised at the Globex kickoff: tight budget"), outbox.toRole(OnboardingModule.OPERATIONS_LEAD));

    // A rejected draft goes back to the project lead.
    String deliverable = instanceOf(FirstDeliverable.DEFINITION.name());
    engine.inbox().complete(task(deliverable, "draftDeliverable").id(), PAT, Map.of("link", "v1", "summary", "draft"));
    engine.inbox().reject(engine.inbox().forInstance(deliverable).stream().filter(Task::isOpen).findFirst().orElseThrow().id(),
        OLGA, "missing the competitors");
    assertTrue(outbox.toRole(OnboardingModule.PROJECT_LEAD).contains("Please rework Brand audit: missing the competitors"));
    Task redo = engine.inbox().forInstance(deliverable).stream().filter(Task::isOpen).findFirst().orElseThrow();
    assertEquals("draftDeliverable", redo.step());
    engine.inbox().complete(redo.id(), PAT, Map.of("link", "v2", "summary", "with competitors"));
    engine.inbox().approve(engine.inbox().forInstance(deliverable).stream().filter(Task::isOpen).findFirst().orElseThrow().id(),
        OLGA, "good");
    engine.inbox().complete(task(deliverable, "confirmReceipt").id(), ANNA);
    assertEquals(InstanceState.COMPLETED, engine.instance(deliverable).state());
    assertTrue(outbox.to(HANK).contains("Your first deliverable, Brand audit, is ready: v2\n\nwith competitors"));
  }

  @Test
  void aRejectedNdaFailsTheOnboardingAndDeletesTheFolder() {
    engine.publish(intake(ServiceTier.Essentials, true));
    String collection = instanceOf(DocumentCollection.DEFINITION.name());
    String folder = drive.folders().get(0).link();
    engine.inbox().reject(task(collection, "ndaReview").id(), LEO, "unlimited liability");

    WorkflowInstance failed = engine.instance(collection);
    assertEquals(InstanceState.FAILED, failed.state());
    assertEquals("NDA rejected by Legal", failed.error().orElseThrow().message());
    assertEquals(List.of(folder), drive.deleted(), "the compensation deletes the client's folder");
    assertEquals(List.of("The NDA for Globex was rejected: unlimited liability"), outbox.toRole(OnboardingModule.ACCOUNT_MANAGER));
    assertEquals(1, engine.instances().size(), "no kickoff after a failed onboarding");
  }

  @Test
  void onlyLegalMayDecideOnTheNdaAndABadChecklistFormIsRefused() {
    engine.publish(intake(ServiceTier.Essentials, true));
    String collection = instanceOf(DocumentCollection.DEFINITION.name());
    String review = task(collection, "ndaReview").id();
    assertThrows(TaskException.class, () -> engine.inbox().approve(review, ANNA, "looks fine to me"));
    engine.inbox().approve(review, LEO, "ok");

    String checklist = task(collection, "assignChecklist").id();
    FormException bad = assertThrows(FormException.class,
        () -> engine.inbox().complete(checklist, ANNA, Map.of("missingItems", "several")));
    assertFalse(bad.problems().isEmpty());
    assertTrue(task(collection, "assignChecklist").isOpen(), "a refused form changes nothing");
  }

  @Test
  void anUnassignedChecklistEscalatesToTheHeadOfOperationsAfterADay() {
    engine.publish(intake(ServiceTier.Essentials, false));
    String collection = instanceOf(DocumentCollection.DEFINITION.name());
    assertFalse(task(collection, "assignChecklist").escalated());

    clock.advance(Duration.ofDays(1).plusMinutes(1));
    Task escalated = task(collection, "assignChecklist");
    assertTrue(escalated.escalated());
    assertTrue(escalated.allows(OLGA), "the escalation role may now do it");
    assertFalse(engine.breaches().isEmpty());

    engine.inbox().complete(escalated.id(), OLGA, new DocumentCollection.AssignChecklistForm("checklist", 0, "done by ops"));
    assertEquals(InstanceState.COMPLETED, engine.instance(collection).state());
    assertEquals(Instant.parse("2026-03-04T08:00:00Z"), engine.instance(collection)
        .output(DocumentCollection.Output.class).kickoffAt(), "booked from the day the checklist was done");
  }

  @Test
  void theCalendarBooksTheFirstFreeWorkingHourInsideTheWindow() {
    calendar.block(Instant.parse("2026-03-03T08:00:00Z"), Duration.ofHours(2), "all hands");
    Instant at = calendar.schedule(HANK, "Kickoff", Duration.ofDays(5));
    assertEquals(Instant.parse("2026-03-03T10:00:00Z"), at, "Tuesday 11:00, after the all hands");
    clock.advanceTo(Instant.parse("2026-03-06T08:00:00Z")); // a Friday
    assertEquals(Instant.parse("2026-03-09T08:00:00Z"), calendar.schedule(HANK, "Next", Duration.ofDays(5)),
        "the weekend is skipped");
  }
}

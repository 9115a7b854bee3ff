package com.acme.onboarding.app;

import com.acme.onboarding.Document;
import com.acme.onboarding.DocumentCollection;
import com.acme.onboarding.IntakeSubmitted;
import com.acme.onboarding.Kickoff;
import com.acme.onboarding.OnboardingModule;
import com.acme.onboarding.ServiceTier;
import dev.flow.runtime.Engine;
import dev.flow.runtime.EngineListener;
import dev.flow.runtime.HistoryEvent;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.ManualClock;
import dev.flow.runtime.Principal;
import dev.flow.runtime.Task;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Onboards one client from the intake form to the first deliverable, with the people played by
 * this program and time on a manual clock, so that a week of work runs in a second. Prints what
 * happens. Run it with {@code mvn -q compile exec:java}.
 */
public final class Main {
  private static final Principal ANNA = Principal.of("anna", OnboardingModule.ACCOUNT_MANAGER);
  private static final Principal LEO = Principal.of("leo", OnboardingModule.LEGAL);
  private static final Principal PAT = Principal.of("pat", OnboardingModule.PROJECT_LEAD);
  private static final Principal OLGA = Principal.of("olga", OnboardingModule.OPERATIONS_LEAD);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE dd MMM HH:mm");

  private final PrintStream out;
  private final ManualClock clock = ManualClock.at("2026-03-02T08:00:00Z");
  private final Engine engine;

  Main(PrintStream out) {
    this.out = out;
    Outbox outbox = new Outbox(n -> say("notify " + (n.recipient().isRole() ? simple(n.recipient().role())
        : n.recipient().address()) + ": " + n.message()));
    InMemoryCalendar calendar = new InMemoryCalendar(clock, Onboarding.ZONE);
    this.engine = Onboarding.engine(clock, new InMemoryDrive(), calendar, outbox).listener(new Printer()).build();
  }

  public static void main(String[] args) {
    new Main(System.out).run();
  }

  void run() {
    say("the intake form of Globex arrives");
    engine.publish(new IntakeSubmitted("Globex", "Hank Scorpio", "hank@globex.example", ServiceTier.Growth, true,
        List.of(new Document("Brief", "https://globex.example/brief.pdf", 4), new Document("Brand book", null, 0))));
    String collection = only(DocumentCollection.DEFINITION.name());

    complete("ndaReview", t -> engine.inbox().approve(t.id(), LEO, "standard mutual NDA"));
    complete("assignChecklist", t -> engine.inbox().complete(t.id(), ANNA,
        new DocumentCollection.AssignChecklistForm("https://drive.example.com/checklists/globex", 1, null)));
    DocumentCollection.Output collected = engine.instance(collection).output(DocumentCollection.Output.class);
    say("documents collected: folder " + collected.folder() + ", kickoff at " + show(collected.kickoffAt()));

    complete("prepareDeck", t -> engine.inbox().complete(t.id(), PAT,
        new Kickoff.PrepareDeckForm("https://slides.example.com/globex-kickoff")));
    say("waiting for the kickoff");
    clock.advanceTo(collected.kickoffAt());
    complete("runKickoff", t -> engine.inbox().complete(t.id(), PAT, Map.of(
        "attendees", 5, "firstDeliverable", "Brand audit", "dueDate", LocalDate.of(2026, 3, 20))));

    complete("draftDeliverable", t -> engine.inbox().complete(t.id(), PAT,
        Map.of("link", "https://drive.example.com/globex/audit-v1", "summary", "First pass")));
    complete("qualityReview", t -> engine.inbox().reject(t.id(), OLGA, "the competitor section is missing"));
    complete("draftDeliverable", t -> engine.inbox().complete(t.id(), PAT,
        Map.of("link", "https://drive.example.com/globex/audit-v2", "summary", "With the competitor section")));
    complete("qualityReview", t -> engine.inbox().approve(t.id(), OLGA, "good to go"));
    complete("confirmReceipt", t -> engine.inbox().complete(t.id(), ANNA));

    long done = engine.instances().stream().filter(i -> i.state() == InstanceState.COMPLETED).count();
    say(done + " of " + engine.instances().size() + " workflows completed");
  }

  /** Waits (on the manual clock) until a task of that step is open, then lets its person do it. */
  private void complete(String step, java.util.function.Consumer<Task> person) {
    for (int hours = 0; hours < 24 * 14; hours++) {
      List<Task> open = engine.inbox().open().stream().filter(t -> t.step().equals(step)).toList();
      if (!open.isEmpty()) {
        Task task = open.get(0);
        say("task " + step + " (" + simple(task.role()) + ") is done");
        person.accept(task);
        return;
      }
      clock.advance(java.time.Duration.ofHours(1));
    }
    throw new IllegalStateException("no task " + step + " came up within two weeks");
  }

  private String only(String workflow) {
    return engine.instances().stream().filter(i -> i.workflow().equals(workflow)).findFirst().orElseThrow().id();
  }

  private void say(String what) {
    out.println(show(clock.instant()) + "  " + what);
  }

  private static String show(java.time.Instant at) {
    return TIME.format(at.atZone(Onboarding.ZONE));
  }

  private static String simple(String qualified) {
    return qualified == null ? "" : qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  /** Prints each step as the engine records it. */
  private final class Printer implements EngineListener {
    @Override
    public void onHistory(String instanceId, HistoryEvent event) {
      switch (event.type()) {
        case ACTION_COMPLETED -> say("  " + event.step() + (event.value() == null ? " done" : " -> " + event.value()));
        case TASK_CREATED -> say("  " + event.step() + " waits in the inbox");
        case TIMER_FIRED -> say("  " + event.step() + " fired");
        default -> { }
      }
    }

    @Override
    public void onStateChange(String instanceId, InstanceState state) {
      if (state.isTerminal()) {
        say(simple(engine.instance(instanceId).workflow()) + " " + state.name().toLowerCase(java.util.Locale.ROOT));
      }
    }
  }
}

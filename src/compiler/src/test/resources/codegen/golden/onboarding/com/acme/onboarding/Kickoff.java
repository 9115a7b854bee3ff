package com.acme.onboarding;

import dev.flow.runtime.ActionStep;
import dev.flow.runtime.FlowContext;
import dev.flow.runtime.FlowOptional;
import dev.flow.runtime.Form;
import dev.flow.runtime.FormField;
import dev.flow.runtime.Recipient;
import dev.flow.runtime.TaskStep;
import dev.flow.runtime.Workflow;
import dev.flow.runtime.WorkflowDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The kickoff meeting: agree on scope, people and the first deliverable.
 */
@Generated("dev.flow.compiler")
public final class Kickoff implements Workflow<Kickoff.Input, Kickoff.Output> {
  /**
   * The deck is built from the intake checklist before the meeting.
   */
  private static final TaskStep<PrepareDeckForm> PREPARE_DECK = TaskStep.of("prepareDeck", "com.acme.onboarding.ProjectLead", PrepareDeckForm.FORM)
      .within(Duration.ofDays(2))
      .doc("The deck is built from the intake checklist before the meeting.");

  /**
   * What was agreed in the meeting.
   */
  private static final TaskStep<RunKickoffForm> RUN_KICKOFF = TaskStep.of("runKickoff", "com.acme.onboarding.ProjectLead", RunKickoffForm.FORM)
      .within(Duration.ofDays(1))
      .escalateTo("com.acme.onboarding.OperationsLead")
      .doc("What was agreed in the meeting.");

  /**
   * Larger engagements get their first steering committee booked right away.
   */
  private static final ActionStep<Calendar, Instant> SCHEDULE_STEERING = ActionStep.of("scheduleSteering", Calendar.SCHEDULE)
      .timeout(Duration.ofMinutes(1))
      .doc("Larger engagements get their first steering committee booked right away.");

  /**
   * What the engine knows about {@code Kickoff}.
   */
  public static final WorkflowDefinition<Input, Output> DEFINITION = WorkflowDefinition.builder("com.acme.onboarding.Kickoff", Input.class, Output.class, Kickoff::new)
      .owner("com.acme.onboarding.ProjectLead")
      .doc("The kickoff meeting: agree on scope, people and the first deliverable.")
      .startsAfter("com.acme.onboarding.DocumentCollection", DocumentCollection.Output.class,
          outputs -> new Input(outputs.client(), outputs.contactEmail(), outputs.tier(), outputs.kickoffAt()))
      .deadline(Duration.ofDays(7), "com.acme.onboarding.OperationsLead")
      .steps(PREPARE_DECK, RUN_KICKOFF, SCHEDULE_STEERING)
      .build();

  /**
   * The result of step {@code prepareDeck}.
   */
  private PrepareDeckForm prepareDeck;

  /**
   * The result of step {@code runKickoff}.
   */
  private RunKickoffForm runKickoff;

  /**
   * The result of step {@code scheduleSteering}.
   */
  private Instant scheduleSteering;

  /**
   * Output {@code client}.
   */
  private String client;

  /**
   * Output {@code contactEmail}.
   */
  private String contactEmail;

  /**
   * Output {@code firstDeliverable}.
   */
  private String firstDeliverable;

  /**
   * Output {@code dueDate}.
   */
  private LocalDate dueDate;

  /**
   * A fresh object for one run: the engine makes one per run.
   */
  public Kickoff() {
  }

  @Override
  public WorkflowDefinition<Input, Output> definition() {
    return DEFINITION;
  }

  @Override
  public Output run(FlowContext ctx, Input input) {
    // The deck is built from the intake checklist before the meeting.
    prepareDeck = ctx.task(PREPARE_DECK);
    ctx.awaitUntil(input.kickoffAt().minus(Duration.ofHours(1)));
    ctx.notify(Recipient.role("com.acme.onboarding.ProjectLead"), null, "The kickoff with "
        + input.client() + " starts in one hour. Deck: " + prepareDeck.deckUrl());
    ctx.awaitUntil(input.kickoffAt());
    // What was agreed in the meeting.
    runKickoff = ctx.task(RUN_KICKOFF);
    switch (input.tier()) {
      case Essentials -> {
        ctx.notify(Recipient.address(input.contactEmail()), "com.acme.onboarding.Email", "Thank you for the kickoff! We will deliver "
            + runKickoff.firstDeliverable() + " by " + runKickoff.dueDate() + ".");
      }
      case Growth, Enterprise -> {
        // Larger engagements get their first steering committee booked right away.
        scheduleSteering = ctx.action(SCHEDULE_STEERING, input.contactEmail(), "Steering committee: "
            + input.client(), Duration.ofDays(30));
        ctx.notify(Recipient.address(input.contactEmail()), "com.acme.onboarding.Email", "Thank you for the kickoff! We will deliver "
            + runKickoff.firstDeliverable() + " by " + runKickoff.dueDate()
            + "; the first steering committee is on " + scheduleSteering + ".");
      }
    }
    if (runKickoff.risks() != null) {
      ctx.notify(Recipient.role("com.acme.onboarding.OperationsLead"), null, "Risks raised at the "
          + input.client() + " kickoff: " + runKickoff.risks());
    }
    client = input.client();
    contactEmail = input.contactEmail();
    firstDeliverable = runKickoff.firstDeliverable();
    dueDate = runKickoff.dueDate();
    return outputs();
  }

  /**
   * The outputs as they are now.
   */
  private Output outputs() {
    return new Output(client, contactEmail, firstDeliverable, dueDate);
  }

  /**
   * The inputs of {@code Kickoff}.
   */
  @Generated("dev.flow.compiler")
  public record Input(String client, String contactEmail, ServiceTier tier, Instant kickoffAt) {
    public Input {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(contactEmail, "contactEmail");
      Objects.requireNonNull(tier, "tier");
      Objects.requireNonNull(kickoffAt, "kickoffAt");
    }
  }

  /**
   * The outputs of {@code Kickoff}.
   */
  @Generated("dev.flow.compiler")
  public record Output(String client, String contactEmail, String firstDeliverable,
      LocalDate dueDate) {
    public Output {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(contactEmail, "contactEmail");
      Objects.requireNonNull(firstDeliverable, "firstDeliverable");
      Objects.requireNonNull(dueDate, "dueDate");
    }
  }

  /**
   * The form of step {@code prepareDeck}, which a person fills in to complete it.
   *
   * <p>The deck is built from the intake checklist before the meeting.
   */
  @Generated("dev.flow.compiler")
  public record PrepareDeckForm(String deckUrl) {
    /**
     * The fields the inbox checks, and how their values become a {@code PrepareDeckForm}.
     */
    public static final Form<PrepareDeckForm> FORM = Form.of(PrepareDeckForm.class, List.of(
        FormField.required("deckUrl", String.class)),
        values -> new PrepareDeckForm(values.text("deckUrl")));

    public PrepareDeckForm {
      Objects.requireNonNull(deckUrl, "deckUrl");
    }
  }

  /**
   * The form of step {@code runKickoff}, which a person fills in to complete it.
   *
   * <p>What was agreed in the meeting.
   *
   * @param dueDate When the client expects the first deliverable.
   */
  @Generated("dev.flow.compiler")
  public record RunKickoffForm(long attendees, String firstDeliverable, LocalDate dueDate,
      @FlowOptional String risks) {
    /**
     * The fields the inbox checks, and how their values become a {@code RunKickoffForm}.
     */
    public static final Form<RunKickoffForm> FORM = Form.of(RunKickoffForm.class, List.of(
        FormField.required("attendees", Long.class),
        FormField.required("firstDeliverable", String.class),
        FormField.required("dueDate", LocalDate.class),
        FormField.optional("risks", String.class)),
        values -> new RunKickoffForm(values.integer("attendees"), values.text("firstDeliverable"), values.date("dueDate"), values.text("risks")));

    public RunKickoffForm {
      Objects.requireNonNull(firstDeliverable, "firstDeliverable");
      Objects.requireNonNull(dueDate, "dueDate");
    }
  }
}

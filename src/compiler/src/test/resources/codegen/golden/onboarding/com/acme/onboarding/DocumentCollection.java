package com.acme.onboarding;

import dev.flow.runtime.ActionStep;
import dev.flow.runtime.Approval;
import dev.flow.runtime.ApprovalStep;
import dev.flow.runtime.Expressions;
import dev.flow.runtime.FlowContext;
import dev.flow.runtime.FlowOptional;
import dev.flow.runtime.Form;
import dev.flow.runtime.FormField;
import dev.flow.runtime.Recipient;
import dev.flow.runtime.RetryPolicy;
import dev.flow.runtime.TaskStep;
import dev.flow.runtime.Workflow;
import dev.flow.runtime.WorkflowDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * A new client submits the intake form. We open their folder, file what they sent,
 * have the account manager go through the intake checklist, confirm by e-mail and
 * book the kickoff.
 */
@Generated("dev.flow.compiler")
public final class DocumentCollection implements Workflow<DocumentCollection.Input, DocumentCollection.Output> {
  /**
   * One folder per client. If onboarding fails, the folder is deleted again.
   */
  private static final ActionStep<Drive, String> CREATE_FOLDER = ActionStep.of("createFolder", Drive.CREATE_FOLDER)
      .retry(RetryPolicy.of(3, Duration.ofSeconds(10), 2))
      .timeout(Duration.ofSeconds(30))
      .compensateWith(Drive.DELETE_FOLDER)
      .doc("One folder per client. If onboarding fails, the folder is deleted again.");

  /**
   * Nobody opens a client document before Legal has accepted the NDA.
   */
  private static final ApprovalStep NDA_REVIEW = ApprovalStep.of("ndaReview", "com.acme.onboarding.Legal")
      .within(Duration.ofDays(2))
      .escalateTo("com.acme.onboarding.OperationsLead")
      .doc("Nobody opens a client document before Legal has accepted the NDA.");

  /**
   * The client's contact can upload the rest of their documents themselves.
   */
  private static final ActionStep<Drive, Void> SHARE_FOLDER = ActionStep.of("shareFolder", Drive.SHARE)
      .retry(RetryPolicy.of(3, Duration.ofSeconds(10), 2))
      .timeout(Duration.ofSeconds(30))
      .doc("The client's contact can upload the rest of their documents themselves.");

  /**
   * File each attached document in the client's folder.
   */
  private static final ActionStep<Drive, String> FILE_DOCUMENT = ActionStep.of("fileDocument", Drive.COPY_INTO)
      .retry(RetryPolicy.of(3, Duration.ofSeconds(10), 2))
      .timeout(Duration.ofSeconds(30))
      .doc("File each attached document in the client's folder.");

  /**
   * The account manager goes through the intake checklist with what arrived.
   */
  private static final TaskStep<AssignChecklistForm> ASSIGN_CHECKLIST = TaskStep.of("assignChecklist", "com.acme.onboarding.AccountManager", AssignChecklistForm.FORM)
      .within(Duration.ofDays(1))
      .escalateTo("com.acme.onboarding.OperationsLead")
      .doc("The account manager goes through the intake checklist with what arrived.");

  /**
   * Book the kickoff with the client within a working week.
   */
  private static final ActionStep<Calendar, Instant> SCHEDULE_KICKOFF = ActionStep.of("scheduleKickoff", Calendar.SCHEDULE)
      .timeout(Duration.ofMinutes(1))
      .doc("Book the kickoff with the client within a working week.");

  /**
   * What the engine knows about {@code DocumentCollection}.
   */
  public static final WorkflowDefinition<Input, Output> DEFINITION = WorkflowDefinition.builder("com.acme.onboarding.DocumentCollection", Input.class, Output.class, DocumentCollection::new)
      .version(2)
      .owner("com.acme.onboarding.AccountManager")
      .doc("A new client submits the intake form. We open their folder, file what they sent,\n"
          + "have the account manager go through the intake checklist, confirm by e-mail and\n"
          + "book the kickoff.")
      .startsOn(IntakeSubmitted.class, Input::new)
      .startsManually()
      .deadline(Duration.ofDays(5), "com.acme.onboarding.OperationsLead")
      .steps(CREATE_FOLDER, NDA_REVIEW, SHARE_FOLDER, FILE_DOCUMENT, ASSIGN_CHECKLIST, SCHEDULE_KICKOFF)
      .loopCheckpoints()
      .build();

  /**
   * The result of step {@code createFolder}.
   */
  private String createFolder;

  /**
   * The result of step {@code ndaReview}.
   */
  private Approval ndaReview;

  /**
   * The result of step {@code fileDocument}.
   */
  private String fileDocument;

  /**
   * The result of step {@code assignChecklist}.
   */
  private AssignChecklistForm assignChecklist;

  /**
   * The result of step {@code scheduleKickoff}.
   */
  private Instant scheduleKickoff;

  /**
   * Documents the client promised but did not attach yet.
   */
  private long promised;

  /**
   * Output {@code client}.
   */
  private String client;

  /**
   * Output {@code contactEmail}.
   */
  private String contactEmail;

  /**
   * Output {@code tier}.
   */
  private ServiceTier tier;

  /**
   * Output {@code folder}.
   */
  private String folder;

  /**
   * Output {@code kickoffAt}.
   */
  private Instant kickoffAt;

  /**
   * A fresh object for one run: the engine makes one per run.
   */
  public DocumentCollection() {
  }

  @Override
  public WorkflowDefinition<Input, Output> definition() {
    return DEFINITION;
  }

  @Override
  public Output run(FlowContext ctx, Input input) {
    // One folder per client. If onboarding fails, the folder is deleted again.
    createFolder = ctx.actionWithUndo(CREATE_FOLDER, new Object[] {input.intake().client()},
        createFolder -> new Object[] {createFolder});
    if (input.intake().needsNda()) {
      // Nobody opens a client document before Legal has accepted the NDA.
      ndaReview = ctx.approval(NDA_REVIEW);
      if (!ndaReview.approved()) {
        ctx.notify(Recipient.role("com.acme.onboarding.AccountManager"), null, "The NDA for "
            + input.intake().client() + " was rejected: "
            + Expressions.orElse(ndaReview.comment(), "no reason given"));
        throw ctx.fail("NDA rejected by Legal");
      }
    }
    // The client's contact can upload the rest of their documents themselves.
    ctx.action(SHARE_FOLDER, createFolder, input.intake().email());
    // Documents the client promised but did not attach yet.
    promised = 0L;
    ctx.forEach("document", input.intake().documents(), document -> {
      if (document.url() != null) {
        // File each attached document in the client's folder.
        fileDocument = ctx.action(FILE_DOCUMENT, createFolder, document.url(), document.name());
      } else {
        promised = Math.addExact(promised, 1L);
      }
    });
    // The account manager goes through the intake checklist with what arrived.
    assignChecklist = ctx.task(ASSIGN_CHECKLIST);
    if (Math.addExact(assignChecklist.missingItems(), promised) > 0L) {
      ctx.notify(Recipient.address(input.intake().email()), "com.acme.onboarding.Email", "Hi "
          + input.intake().contactName() + ", we still need "
          + Math.addExact(assignChecklist.missingItems(), promised)
          + " items from you. Please upload them to " + createFolder + ".");
    }
    // Confirmation e-mail to the client.
    ctx.notify(Recipient.address(input.intake().email()), "com.acme.onboarding.Email", "Welcome aboard, "
        + input.intake().contactName() + "! Everything we share with you lives in " + createFolder
        + ".");
    ctx.notify(Recipient.role("com.acme.onboarding.AccountManager"), null, input.intake().client()
        + " is set up. Checklist: " + assignChecklist.checklist());
    // Book the kickoff with the client within a working week.
    scheduleKickoff = ctx.action(SCHEDULE_KICKOFF, input.intake().email(), "Kickoff: "
        + input.intake().client() + " and Acme", Duration.ofDays(5));
    client = input.intake().client();
    contactEmail = input.intake().email();
    tier = input.intake().tier();
    folder = createFolder;
    kickoffAt = scheduleKickoff;
    return outputs();
  }

  /**
   * The outputs as they are now.
   */
  private Output outputs() {
    return new Output(client, contactEmail, tier, folder, kickoffAt);
  }

  /**
   * The inputs of {@code DocumentCollection}.
   */
  @Generated("dev.flow.compiler")
  public record Input(IntakeSubmitted intake) {
    public Input {
      Objects.requireNonNull(intake, "intake");
    }
  }

  /**
   * The outputs of {@code DocumentCollection}.
   */
  @Generated("dev.flow.compiler")
  public record Output(String client, String contactEmail, ServiceTier tier, String folder,
      Instant kickoffAt) {
    public Output {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(contactEmail, "contactEmail");
      Objects.requireNonNull(tier, "tier");
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(kickoffAt, "kickoffAt");
    }
  }

  /**
   * The form of step {@code assignChecklist}, which a person fills in to complete it.
   *
   * <p>The account manager goes through the intake checklist with what arrived.
   *
   * @param checklist Link to the filled-in checklist in the client folder.
   * @param missingItems Required items that are still missing, not counting promised documents.
   */
  @Generated("dev.flow.compiler")
  public record AssignChecklistForm(String checklist, long missingItems,
      @FlowOptional String notes) {
    /**
     * The fields the inbox checks, and how their values become a {@code AssignChecklistForm}.
     */
    public static final Form<AssignChecklistForm> FORM = Form.of(AssignChecklistForm.class, List.of(
        FormField.required("checklist", String.class),
        FormField.required("missingItems", Long.class),
        FormField.optional("notes", String.class)),
        values -> new AssignChecklistForm(values.text("checklist"), values.integer("missingItems"), values.text("notes")));

    public AssignChecklistForm {
      Objects.requireNonNull(checklist, "checklist");
    }
  }
}

package com.acme.onboarding;

import dev.flow.runtime.Approval;
import dev.flow.runtime.ApprovalStep;
import dev.flow.runtime.Expressions;
import dev.flow.runtime.FlowContext;
import dev.flow.runtime.Form;
import dev.flow.runtime.FormField;
import dev.flow.runtime.Recipient;
import dev.flow.runtime.Segment;
import dev.flow.runtime.TaskStep;
import dev.flow.runtime.Workflow;
import dev.flow.runtime.WorkflowDefinition;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The first deliverable goes through our quality bar before it reaches the client.
 * A rejected draft goes back to the project lead.
 */
@Generated("dev.flow.compiler")
public final class FirstDeliverable implements Workflow<FirstDeliverable.Input, FirstDeliverable.Output> {
  /**
   * The project lead produces (or reworks) the deliverable.
   */
  private static final TaskStep<DraftDeliverableForm> DRAFT_DELIVERABLE = TaskStep.of("draftDeliverable", "com.acme.onboarding.ProjectLead", DraftDeliverableForm.FORM)
      .within(Duration.ofDays(5))
      .doc("The project lead produces (or reworks) the deliverable.");

  /**
   * The head of operations signs off on everything a new client sees first.
   */
  private static final ApprovalStep QUALITY_REVIEW = ApprovalStep.of("qualityReview", "com.acme.onboarding.OperationsLead")
      .within(Duration.ofDays(1))
      .doc("The head of operations signs off on everything a new client sees first.");

  /**
   * The account manager confirms on a call that the client has received it.
   */
  private static final TaskStep<Void> CONFIRM_RECEIPT = TaskStep.of("confirmReceipt", "com.acme.onboarding.AccountManager")
      .within(Duration.ofDays(2))
      .doc("The account manager confirms on a call that the client has received it.");

  /**
   * What the engine knows about {@code FirstDeliverable}.
   */
  public static final WorkflowDefinition<Input, Output> DEFINITION = WorkflowDefinition.builder("com.acme.onboarding.FirstDeliverable", Input.class, Output.class, FirstDeliverable::new)
      .owner("com.acme.onboarding.ProjectLead")
      .doc("The first deliverable goes through our quality bar before it reaches the client.\n"
          + "A rejected draft goes back to the project lead.")
      .startsAfter("com.acme.onboarding.Kickoff", Kickoff.Output.class,
          outputs -> new Input(outputs.client(), outputs.contactEmail(), outputs.firstDeliverable(), outputs.dueDate()))
      .deadline(Duration.ofDays(14), null)
      .steps(DRAFT_DELIVERABLE, QUALITY_REVIEW, CONFIRM_RECEIPT)
      .build();

  /**
   * The result of step {@code draftDeliverable}.
   */
  private DraftDeliverableForm draftDeliverable;

  /**
   * The result of step {@code qualityReview}.
   */
  private Approval qualityReview;

  /**
   * A fresh object for one run: the engine makes one per run.
   */
  public FirstDeliverable() {
  }

  @Override
  public WorkflowDefinition<Input, Output> definition() {
    return DEFINITION;
  }

  @Override
  public Output run(FlowContext ctx, Input input) {
    ctx.block(
        Segment.at("draftDeliverable", () -> {
          // The project lead produces (or reworks) the deliverable.
          draftDeliverable = ctx.task(DRAFT_DELIVERABLE);
          // The head of operations signs off on everything a new client sees first.
          qualityReview = ctx.approval(QUALITY_REVIEW);
          if (!qualityReview.approved()) {
            ctx.notify(Recipient.role("com.acme.onboarding.ProjectLead"), null, "Please rework "
                + input.firstDeliverable() + ": "
                + Expressions.orElse(qualityReview.comment(), "see the review notes"));
            throw ctx.goTo("draftDeliverable");
          }
          if (ctx.today().isAfter(input.dueDate())) {
            ctx.notify(Recipient.role("com.acme.onboarding.AccountManager"), null, input.firstDeliverable()
                + " for " + input.client() + " is late (it was due on " + input.dueDate()
                + "); please call them");
          }
          ctx.notify(Recipient.address(input.contactEmail()), "com.acme.onboarding.Email", "Your first deliverable, "
              + input.firstDeliverable() + ", is ready: " + draftDeliverable.link() + "\n\n"
              + draftDeliverable.summary());
          // The account manager confirms on a call that the client has received it.
          ctx.task(CONFIRM_RECEIPT);
        }));
    return outputs();
  }

  /**
   * The outputs as they are now.
   */
  private Output outputs() {
    return new Output();
  }

  /**
   * The inputs of {@code FirstDeliverable}.
   */
  @Generated("dev.flow.compiler")
  public record Input(String client, String contactEmail, String firstDeliverable,
      LocalDate dueDate) {
    public Input {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(contactEmail, "contactEmail");
      Objects.requireNonNull(firstDeliverable, "firstDeliverable");
      Objects.requireNonNull(dueDate, "dueDate");
    }
  }

  /**
   * The outputs of {@code FirstDeliverable}.
   */
  @Generated("dev.flow.compiler")
  public record Output() {
  }

  /**
   * The form of step {@code draftDeliverable}, which a person fills in to complete it.
   *
   * <p>The project lead produces (or reworks) the deliverable.
   */
  @Generated("dev.flow.compiler")
  public record DraftDeliverableForm(String link, String summary) {
    /**
     * The fields the inbox checks, and how their values become a {@code DraftDeliverableForm}.
     */
    public static final Form<DraftDeliverableForm> FORM = Form.of(DraftDeliverableForm.class, List.of(
        FormField.required("link", String.class),
        FormField.required("summary", String.class)),
        values -> new DraftDeliverableForm(values.text("link"), values.text("summary")));

    public DraftDeliverableForm {
      Objects.requireNonNull(link, "link");
      Objects.requireNonNull(summary, "summary");
    }
  }
}

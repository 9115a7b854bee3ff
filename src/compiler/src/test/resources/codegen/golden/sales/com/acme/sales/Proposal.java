package com.acme.sales;

import dev.flow.runtime.ActionStep;
import dev.flow.runtime.Approval;
import dev.flow.runtime.ApprovalStep;
import dev.flow.runtime.Expressions;
import dev.flow.runtime.FlowContext;
import dev.flow.runtime.Form;
import dev.flow.runtime.FormField;
import dev.flow.runtime.Recipient;
import dev.flow.runtime.RetryPolicy;
import dev.flow.runtime.Segment;
import dev.flow.runtime.TaskStep;
import dev.flow.runtime.Workflow;
import dev.flow.runtime.WorkflowDefinition;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Scope, price and send a proposal. The sales director approves every proposal;
 * a rejected draft goes back to the rep, at most three times.
 */
@Generated("dev.flow.compiler")
public final class Proposal implements Workflow<Proposal.Input, Proposal.Output> {
  /**
   * The architect sizes the work.
   */
  private static final TaskStep<EstimateEffortForm> ESTIMATE_EFFORT = TaskStep.of("estimateEffort", "com.acme.sales.SolutionArchitect", EstimateEffortForm.FORM)
      .within(Duration.ofDays(2))
      .doc("The architect sizes the work.");

  /**
   * The rep writes the proposal from the estimate.
   */
  private static final TaskStep<DraftProposalForm> DRAFT_PROPOSAL = TaskStep.of("draftProposal", "com.acme.sales.SalesRep", DraftProposalForm.FORM)
      .within(Duration.ofDays(3))
      .doc("The rep writes the proposal from the estimate.");

  /**
   * Every proposal leaves the house with the director's approval.
   */
  private static final ApprovalStep PROPOSAL_APPROVAL = ApprovalStep.of("proposalApproval", "com.acme.sales.SalesDirector")
      .within(Duration.ofDays(1))
      .doc("Every proposal leaves the house with the director's approval.");

  /**
   * Step {@code parkDeal}.
   */
  private static final ActionStep<HubSpot, Void> PARK_DEAL = ActionStep.of("parkDeal", HubSpot.MOVE_DEAL)
      .retry(RetryPolicy.of(3, Duration.ofSeconds(5), 2))
      .timeout(Duration.ofSeconds(20));

  /**
   * Step {@code markProposalSent}.
   */
  private static final ActionStep<HubSpot, Void> MARK_PROPOSAL_SENT = ActionStep.of("markProposalSent", HubSpot.MOVE_DEAL)
      .retry(RetryPolicy.of(3, Duration.ofSeconds(5), 2))
      .timeout(Duration.ofSeconds(20));

  /**
   * What the engine knows about {@code Proposal}.
   */
  public static final WorkflowDefinition<Input, Output> DEFINITION = WorkflowDefinition.builder("com.acme.sales.Proposal", Input.class, Output.class, Proposal::new)
      .version(3)
      .owner("com.acme.sales.SalesRep")
      .doc("Scope, price and send a proposal. The sales director approves every proposal;\n"
          + "a rejected draft goes back to the rep, at most three times.")
      .startsAfter("com.acme.sales.LeadIntake", LeadIntake.Output.class,
          outputs -> new Input(outputs.deal(), outputs.company(), outputs.email(), outputs.budget()))
      .deadline(Duration.ofDays(10), "com.acme.sales.SalesDirector")
      .steps(ESTIMATE_EFFORT, DRAFT_PROPOSAL, PROPOSAL_APPROVAL, PARK_DEAL, MARK_PROPOSAL_SENT)
      .build();

  /**
   * The result of step {@code estimateEffort}.
   */
  private EstimateEffortForm estimateEffort;

  /**
   * The result of step {@code draftProposal}.
   */
  private DraftProposalForm draftProposal;

  /**
   * The result of step {@code proposalApproval}.
   */
  private Approval proposalApproval;

  /**
   * Variable {@code listPrice}.
   */
  private BigDecimal listPrice;

  /**
   * Variable {@code drafts}.
   */
  private long drafts;

  /**
   * Variable {@code price}.
   */
  private BigDecimal price;

  /**
   * Output {@code deal}.
   */
  private String deal;

  /**
   * Output {@code company}.
   */
  private String company;

  /**
   * Output {@code email}.
   */
  private String email;

  /**
   * Output {@code proposalUrl}.
   */
  private String proposalUrl;

  /**
   * Output {@code value}.
   */
  private BigDecimal value;

  /**
   * A fresh object for one run: the engine makes one per run.
   */
  public Proposal() {
  }

  @Override
  public WorkflowDefinition<Input, Output> definition() {
    return DEFINITION;
  }

  @Override
  public Output run(FlowContext ctx, Input input) {
    ctx.block(
        Segment.start(() -> {
          // The architect sizes the work.
          estimateEffort = ctx.task(ESTIMATE_EFFORT);
          listPrice = estimateEffort.dayRate().multiply(BigDecimal.valueOf(estimateEffort.days()));
          drafts = 0L;
        }),
        Segment.at("draftProposal", () -> {
          // The rep writes the proposal from the estimate.
          draftProposal = ctx.task(DRAFT_PROPOSAL);
          drafts = Math.addExact(drafts, 1L);
          price = Expressions.divide(listPrice.multiply(BigDecimal.valueOf(Math.subtractExact(100L, draftProposal.discountPercent()))), BigDecimal.valueOf(100));
          // Every proposal leaves the house with the director's approval.
          proposalApproval = ctx.approval(PROPOSAL_APPROVAL);
          if (!proposalApproval.approved()) {
            if (drafts >= 3L) {
              ctx.notify(Recipient.role("com.acme.sales.SalesRep"), null, "The proposal for "
                  + input.company() + " was rejected three times; the deal is parked");
              ctx.action(PARK_DEAL, input.deal(), DealStage.Lost);
              throw ctx.fail("proposal rejected after three drafts");
            }
            ctx.notify(Recipient.role("com.acme.sales.SalesRep"), null, "Please rework the proposal for "
                + input.company() + ": "
                + Expressions.orElse(proposalApproval.comment(), "see the comments in HubSpot"));
            throw ctx.goTo("draftProposal");
          }
          if (price.compareTo(input.budget()) > 0) {
            ctx.notify(Recipient.role("com.acme.sales.SalesRep"), null, "Heads-up: the proposal for "
                + input.company() + " (" + Expressions.text(price)
                + ") is above the budget they confirmed (" + Expressions.text(input.budget())
                + "). Assumptions: " + estimateEffort.assumptions());
          }
          ctx.action(MARK_PROPOSAL_SENT, input.deal(), DealStage.ProposalSent);
          ctx.notify(Recipient.address(input.email()), "com.acme.sales.Email", "Dear "
              + input.company() + " team, thank you for your time. Our proposal is here: "
              + draftProposal.documentUrl());
          deal = input.deal();
          company = input.company();
          email = input.email();
          proposalUrl = draftProposal.documentUrl();
          value = price;
        }));
    return outputs();
  }

  /**
   * The outputs as they are now.
   */
  private Output outputs() {
    return new Output(deal, company, email, proposalUrl, value);
  }

  /**
   * The inputs of {@code Proposal}.
   */
  @Generated("dev.flow.compiler")
  public record Input(String deal, String company, String email, BigDecimal budget) {
    public Input {
      Objects.requireNonNull(deal, "deal");
      Objects.requireNonNull(company, "company");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(budget, "budget");
    }
  }

  /**
   * The outputs of {@code Proposal}.
   */
  @Generated("dev.flow.compiler")
  public record Output(String deal, String company, String email, String proposalUrl,
      BigDecimal value) {
    public Output {
      Objects.requireNonNull(deal, "deal");
      Objects.requireNonNull(company, "company");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(proposalUrl, "proposalUrl");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The form of step {@code estimateEffort}, which a person fills in to complete it.
   *
   * <p>The architect sizes the work.
   */
  @Generated("dev.flow.compiler")
  public record EstimateEffortForm(long days, BigDecimal dayRate, String assumptions) {
    /**
     * The fields the inbox checks, and how their values become a {@code EstimateEffortForm}.
     */
    public static final Form<EstimateEffortForm> FORM = Form.of(EstimateEffortForm.class, List.of(
        FormField.required("days", Long.class),
        FormField.required("dayRate", BigDecimal.class),
        FormField.required("assumptions", String.class)),
        values -> new EstimateEffortForm(values.integer("days"), values.decimal("dayRate"), values.text("assumptions")));

    public EstimateEffortForm {
      Objects.requireNonNull(dayRate, "dayRate");
      Objects.requireNonNull(assumptions, "assumptions");
    }
  }

  /**
   * The form of step {@code draftProposal}, which a person fills in to complete it.
   *
   * <p>The rep writes the proposal from the estimate.
   *
   * @param discountPercent Discount off the list price, in percent.
   */
  @Generated("dev.flow.compiler")
  public record DraftProposalForm(String documentUrl, long discountPercent) {
    /**
     * The fields the inbox checks, and how their values become a {@code DraftProposalForm}.
     */
    public static final Form<DraftProposalForm> FORM = Form.of(DraftProposalForm.class, List.of(
        FormField.required("documentUrl", String.class),
        FormField.required("discountPercent", Long.class)),
        values -> new DraftProposalForm(values.text("documentUrl"), values.integer("discountPercent")));

    public DraftProposalForm {
      Objects.requireNonNull(documentUrl, "documentUrl");
    }
  }
}

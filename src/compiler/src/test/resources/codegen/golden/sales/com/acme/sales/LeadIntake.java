package com.acme.sales;

import dev.flow.runtime.ActionStep;
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
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * A lead arrives from the website, a referral, a conference or outbound prospecting.
 * We route it to a regional team, qualify it on a call and open a deal.
 */
@Generated("dev.flow.compiler")
public final class LeadIntake implements Workflow<LeadIntake.Input, LeadIntake.Output> {
  /**
   * The rep calls the lead and finds out whether there is a real project.
   */
  private static final TaskStep<QualifyForm> QUALIFY = TaskStep.of("qualify", "com.acme.sales.SalesRep", QualifyForm.FORM)
      .within(Duration.ofDays(2))
      .escalateTo("com.acme.sales.SalesDirector")
      .doc("The rep calls the lead and finds out whether there is a real project.");

  /**
   * Open the deal in the CRM.
   */
  private static final ActionStep<HubSpot, String> CREATE_DEAL = ActionStep.of("createDeal", HubSpot.CREATE_DEAL)
      .retry(RetryPolicy.of(3, Duration.ofSeconds(5), 2))
      .timeout(Duration.ofSeconds(20))
      .doc("Open the deal in the CRM.");

  /**
   * Step {@code logSource}.
   */
  private static final ActionStep<HubSpot, Void> LOG_SOURCE = ActionStep.of("logSource", HubSpot.LOG_ACTIVITY)
      .retry(RetryPolicy.of(3, Duration.ofSeconds(5), 2))
      .timeout(Duration.ofSeconds(20));

  /**
   * What the engine knows about {@code LeadIntake}.
   */
  public static final WorkflowDefinition<Input, Output> DEFINITION = WorkflowDefinition.builder("com.acme.sales.LeadIntake", Input.class, Output.class, LeadIntake::new)
      .owner("com.acme.sales.SalesRep")
      .doc("A lead arrives from the website, a referral, a conference or outbound prospecting.\n"
          + "We route it to a regional team, qualify it on a call and open a deal.")
      .startsOn(LeadCaptured.class, Input::new)
      .deadline(Duration.ofDays(3), "com.acme.sales.SalesDirector")
      .steps(QUALIFY, CREATE_DEAL, LOG_SOURCE)
      .build();

  /**
   * The result of step {@code qualify}.
   */
  private QualifyForm qualify;

  /**
   * The result of step {@code createDeal}.
   */
  private String createDeal;

  /**
   * The regional team that handles the lead, by country.
   */
  private String region;

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
   * Output {@code budget}.
   */
  private BigDecimal budget;

  /**
   * A fresh object for one run: the engine makes one per run.
   */
  public LeadIntake() {
  }

  @Override
  public WorkflowDefinition<Input, Output> definition() {
    return DEFINITION;
  }

  @Override
  public Output run(FlowContext ctx, Input input) {
    // The regional team that handles the lead, by country.
    region = "International";
    String subject = Expressions.upper(Expressions.trim(input.lead().country()));
    if (subject.equals("DE") || subject.equals("AT") || subject.equals("CH")) {
      region = "DACH";
    } else if (subject.equals("GB") || subject.equals("IE")) {
      region = "UK and Ireland";
    } else if (subject.equals("US") || subject.equals("CA")) {
      region = "North America";
    } else {
      ctx.notify(Recipient.role("com.acme.sales.SalesDirector"), null, "Lead from "
          + input.lead().company() + " in " + input.lead().country()
          + ": no regional team, it goes to the international desk");
    }
    switch (input.lead().source()) {
      case Referral -> {
        // Referrals are personal: the director thanks whoever sent them.
        ctx.notify(Recipient.role("com.acme.sales.SalesDirector"), null, "Referral: "
            + input.lead().contactName() + " from " + input.lead().company() + " <"
            + input.lead().email() + ">");
      }
      case Website, Conference, Outbound -> {
        ctx.notify(Recipient.role("com.acme.sales.SalesRep"), null, "New " + region + " lead from "
            + input.lead().source() + ": " + input.lead().company());
      }
    }
    // The rep calls the lead and finds out whether there is a real project.
    qualify = ctx.task(QUALIFY);
    if (!qualify.qualified()) {
      ctx.notify(Recipient.address(input.lead().email()), "com.acme.sales.Email", "Thank you for reaching out, "
          + input.lead().contactName()
          + ". We don't think we are the right partner for this project, and we would rather tell you now.");
      throw ctx.cancel("lead not qualified");
    }
    if (Expressions.orElse(input.lead().estimatedBudget(), new BigDecimal("0.0")).compareTo(qualify.budget().multiply(BigDecimal.valueOf(2))) > 0) {
      ctx.notify(Recipient.role("com.acme.sales.SalesRep"), null, input.lead().company() + " put "
          + Expressions.text(input.lead().estimatedBudget()) + " on the form but confirmed only "
          + Expressions.text(qualify.budget()) + ": worth asking why");
    }
    // Open the deal in the CRM.
    createDeal = ctx.action(CREATE_DEAL, input.lead().company(), qualify.decisionMaker(), Expressions.lower(input.lead().email()), qualify.budget());
    ctx.action(LOG_SOURCE, createDeal, "Source: " + input.lead().source() + ", region: " + region
        + ". " + input.lead().message());
    deal = createDeal;
    company = input.lead().company();
    email = Expressions.lower(input.lead().email());
    budget = qualify.budget();
    return outputs();
  }

  /**
   * The outputs as they are now.
   */
  private Output outputs() {
    return new Output(deal, company, email, budget);
  }

  /**
   * The inputs of {@code LeadIntake}.
   */
  @Generated("dev.flow.compiler")
  public record Input(LeadCaptured lead) {
    public Input {
      Objects.requireNonNull(lead, "lead");
    }
  }

  /**
   * The outputs of {@code LeadIntake}.
   */
  @Generated("dev.flow.compiler")
  public record Output(String deal, String company, String email, BigDecimal budget) {
    public Output {
      Objects.requireNonNull(deal, "deal");
      Objects.requireNonNull(company, "company");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(budget, "budget");
    }
  }

  /**
   * The form of step {@code qualify}, which a person fills in to complete it.
   *
   * <p>The rep calls the lead and finds out whether there is a real project.
   *
   * @param budget The budget the client confirmed on the call.
   */
  @Generated("dev.flow.compiler")
  public record QualifyForm(boolean qualified, BigDecimal budget, String decisionMaker,
      @FlowOptional String notes) {
    /**
     * The fields the inbox checks, and how their values become a {@code QualifyForm}.
     */
    public static final Form<QualifyForm> FORM = Form.of(QualifyForm.class, List.of(
        FormField.required("qualified", Boolean.class),
        FormField.required("budget", BigDecimal.class),
        FormField.required("decisionMaker", String.class),
        FormField.optional("notes", String.class)),
        values -> new QualifyForm(values.bool("qualified"), values.decimal("budget"), values.text("decisionMaker"), values.text("notes")));

    public QualifyForm {
      Objects.requireNonNull(budget, "budget");
      Objects.requireNonNull(decisionMaker, "decisionMaker");
    }
  }
}

package com.acme.sales;

import dev.flow.runtime.FlowModule;
import dev.flow.runtime.ProcessDefinition;
import dev.flow.runtime.RoleDefinition;
import dev.flow.runtime.SystemDefinition;
import dev.flow.runtime.WorkflowDefinition;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Everything package {@code com.acme.sales} declares that the engine needs:
 * {@code Engine.builder().module(SalesModule.INSTANCE)} registers it.
 */
@Generated("dev.flow.compiler")
public final class SalesModule implements FlowModule {
  /**
   * Works a lead from the first call to the signed contract.
   */
  public static final String SALES_REP = "com.acme.sales.SalesRep";

  /**
   * Signs off on every proposal and owns the pipeline.
   */
  public static final String SALES_DIRECTOR = "com.acme.sales.SalesDirector";

  /**
   * Sizes the work behind a proposal.
   */
  public static final String SOLUTION_ARCHITECT = "com.acme.sales.SolutionArchitect";

  /**
   * The module of package {@code com.acme.sales}.
   */
  public static final SalesModule INSTANCE = new SalesModule();

  private SalesModule() {
  }

  @Override
  public String packageName() {
    return "com.acme.sales";
  }

  @Override
  public List<WorkflowDefinition<?, ?>> workflows() {
    return List.of(
        Contract.DEFINITION,
        PipelineFollowUp.DEFINITION,
        LeadIntake.DEFINITION,
        Proposal.DEFINITION);
  }

  @Override
  public List<ProcessDefinition> processes() {
    return List.of(SalesPipeline.DEFINITION);
  }

  @Override
  public List<RoleDefinition> roles() {
    return List.of(
        new RoleDefinition(SALES_REP, "Sales representative", "Works a lead from the first call to the signed contract."),
        new RoleDefinition(SALES_DIRECTOR, "Sales director", "Signs off on every proposal and owns the pipeline."),
        new RoleDefinition(SOLUTION_ARCHITECT, "Solution architect", "Sizes the work behind a proposal."));
  }

  @Override
  public List<SystemDefinition> systems() {
    return List.of(
        new SystemDefinition("com.acme.sales.HubSpot", "HubSpot CRM", HubSpot.class, List.of("createDeal", "moveDeal", "logActivity", "staleDeals"), "The CRM: every deal and every conversation lives here."),
        new SystemDefinition("com.acme.sales.DocuSign", "DocuSign", DocuSign.class, List.of("sendEnvelope", "voidEnvelope"), "E-signature for contracts."),
        new SystemDefinition("com.acme.sales.Email", "Outlook", Email.class, List.of(), "Outgoing mail to prospects."),
        new SystemDefinition("com.acme.sales.Slack", "Slack", Slack.class, List.of(), "The team chat; reminders go to the deal owner's handle."));
  }
}

package com.acme.sales;

import dev.flow.runtime.ProcessDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * Turning interest into signed work.
 */
@Generated("dev.flow.compiler")
public final class SalesPipeline {
  /**
   * Process {@code SalesPipeline}: its category, goal, owner, stakeholders, workflows and measures.
   */
  public static final ProcessDefinition DEFINITION = new ProcessDefinition(
      "com.acme.sales.SalesPipeline",
      "operational",
      "Qualified leads get a proposal within 10 days and a signed contract within 30",
      "com.acme.sales.SalesDirector",
      List.of(
          "com.acme.sales.SalesRep",
          "com.acme.sales.SolutionArchitect"),
      List.of(
          "com.acme.sales.LeadIntake",
          "com.acme.sales.Proposal",
          "com.acme.sales.Contract",
          "com.acme.sales.PipelineFollowUp"),
      List.of(
          new ProcessDefinition.Measure("leadToProposal", "Lead to proposal sent", "com.acme.sales.LeadIntake.start", "com.acme.sales.Proposal.markProposalSent", Optional.of(Duration.ofDays(10))),
          new ProcessDefinition.Measure("timeToSignature", "Contract sent to signed", "com.acme.sales.Contract.sendContract", "com.acme.sales.Contract.contractSigned", Optional.of(Duration.ofDays(14))),
          new ProcessDefinition.Measure("salesCycle", "Lead to signed contract", "com.acme.sales.LeadIntake.start", "com.acme.sales.Contract.end", Optional.empty())),
      "Turning interest into signed work.");

  private SalesPipeline() {
  }
}

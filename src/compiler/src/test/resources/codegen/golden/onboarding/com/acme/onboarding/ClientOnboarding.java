package com.acme.onboarding;

import dev.flow.runtime.ProcessDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * Everything between a signed contract and the first deliverable in the client's hands.
 */
@Generated("dev.flow.compiler")
public final class ClientOnboarding {
  /**
   * Process {@code ClientOnboarding}: its category, goal, owner, stakeholders, workflows and measures.
   */
  public static final ProcessDefinition DEFINITION = new ProcessDefinition(
      "com.acme.onboarding.ClientOnboarding",
      "operational",
      "A signed client is productive within 14 days",
      "com.acme.onboarding.OperationsLead",
      List.of(
          "com.acme.onboarding.AccountManager",
          "com.acme.onboarding.ProjectLead",
          "com.acme.onboarding.Legal"),
      List.of(
          "com.acme.onboarding.DocumentCollection",
          "com.acme.onboarding.Kickoff",
          "com.acme.onboarding.FirstDeliverable"),
      List.of(
          new ProcessDefinition.Measure("timeToKickoff", "Intake to kickoff", "com.acme.onboarding.DocumentCollection.start", "com.acme.onboarding.Kickoff.end", Optional.of(Duration.ofDays(5))),
          new ProcessDefinition.Measure("checklistTurnaround", "Intake to checklist assigned", "com.acme.onboarding.DocumentCollection.start", "com.acme.onboarding.DocumentCollection.assignChecklist", Optional.of(Duration.ofDays(1))),
          new ProcessDefinition.Measure("timeToFirstDeliverable", "Intake to first deliverable", "com.acme.onboarding.DocumentCollection.start", "com.acme.onboarding.FirstDeliverable.end", Optional.of(Duration.ofDays(14))),
          new ProcessDefinition.Measure("reviewTime", "First draft to quality sign-off", "com.acme.onboarding.FirstDeliverable.draftDeliverable", "com.acme.onboarding.FirstDeliverable.qualityReview", Optional.empty())),
      "Everything between a signed contract and the first deliverable in the client's hands.");

  private ClientOnboarding() {
  }
}

package com.acme.onboarding;

import dev.flow.runtime.FlowModule;
import dev.flow.runtime.ProcessDefinition;
import dev.flow.runtime.RoleDefinition;
import dev.flow.runtime.SystemDefinition;
import dev.flow.runtime.WorkflowDefinition;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Everything package {@code com.acme.onboarding} declares that the engine needs:
 * {@code Engine.builder().module(OnboardingModule.INSTANCE)} registers it.
 */
@Generated("dev.flow.compiler")
public final class OnboardingModule implements FlowModule {
  /**
   * Owns the client relationship from the signed contract to the renewal.
   */
  public static final String ACCOUNT_MANAGER = "com.acme.onboarding.AccountManager";

  /**
   * Accountable for how fast new clients become productive.
   */
  public static final String OPERATIONS_LEAD = "com.acme.onboarding.OperationsLead";

  /**
   * Runs the engagement day to day once the kickoff has happened.
   */
  public static final String PROJECT_LEAD = "com.acme.onboarding.ProjectLead";

  /**
   * Reviews non-disclosure agreements before any client document is opened.
   */
  public static final String LEGAL = "com.acme.onboarding.Legal";

  /**
   * The module of package {@code com.acme.onboarding}.
   */
  public static final OnboardingModule INSTANCE = new OnboardingModule();

  private OnboardingModule() {
  }

  @Override
  public String packageName() {
    return "com.acme.onboarding";
  }

  @Override
  public List<WorkflowDefinition<?, ?>> workflows() {
    return List.of(
        DocumentCollection.DEFINITION,
        FirstDeliverable.DEFINITION,
        Kickoff.DEFINITION);
  }

  @Override
  public List<ProcessDefinition> processes() {
    return List.of(ClientOnboarding.DEFINITION);
  }

  @Override
  public List<RoleDefinition> roles() {
    return List.of(
        new RoleDefinition(ACCOUNT_MANAGER, "Account manager", "Owns the client relationship from the signed contract to the renewal."),
        new RoleDefinition(OPERATIONS_LEAD, "Head of operations", "Accountable for how fast new clients become productive."),
        new RoleDefinition(PROJECT_LEAD, "Project lead", "Runs the engagement day to day once the kickoff has happened."),
        new RoleDefinition(LEGAL, "Legal counsel", "Reviews non-disclosure agreements before any client document is opened."));
  }

  @Override
  public List<SystemDefinition> systems() {
    return List.of(
        new SystemDefinition("com.acme.onboarding.Drive", "Google Drive", Drive.class, List.of("createFolder", "copyInto", "share", "deleteFolder"), "Where client documents live."),
        new SystemDefinition("com.acme.onboarding.Email", "Gmail", Email.class, List.of(), "The shared client-services mailbox. Used only to deliver notifications."),
        new SystemDefinition("com.acme.onboarding.Calendar", "Google Calendar", Calendar.class, List.of("schedule"), "The team calendar where meetings with clients are booked."));
  }
}

package dev.flow.runtime;

import java.util.List;

/**
 * Everything one Flow package declares that the engine needs: its workflows, processes, roles
 * and systems. The compiler generates one per package ({@code OnboardingModule.INSTANCE}), and
 * {@code Engine.builder().module(…)} registers it.
 */
public interface FlowModule {
  /** The Flow package, e.g. {@code com.acme.onboarding}. */
  String packageName();

  List<WorkflowDefinition<?, ?>> workflows();

  List<ProcessDefinition> processes();

  List<RoleDefinition> roles();

  /** The systems its workflows use, each needing a connector. */
  List<SystemDefinition> systems();
}

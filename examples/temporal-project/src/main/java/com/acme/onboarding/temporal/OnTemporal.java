package com.acme.onboarding.temporal;

import com.acme.onboarding.Calendar;
import com.acme.onboarding.Drive;
import com.acme.onboarding.OnboardingModule;
import dev.flow.runtime.Notifier;
import dev.flow.temporal.Catalog;
import dev.flow.temporal.FlowSearchAttributes;
import dev.flow.temporal.FlowWorker;
import dev.flow.temporal.TemporalFlowRuntime;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.ZoneId;

/**
 * How this application puts Flow on Temporal together: the generated module, the connectors a
 * worker runs the actions with, and the client the starter (or a web server) uses. The
 * workflows are the same classes the embedded engine runs (examples/maven-project).
 */
public final class OnTemporal {
  /** Where Acme works. */
  public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  /** The task queue the workers poll. */
  public static final String QUEUE = "acme-onboarding";

  private OnTemporal() {}

  /** Every workflow and role of package {@code com.acme.onboarding}. */
  public static Catalog catalog() {
    return new Catalog().module(OnboardingModule.INSTANCE);
  }

  /** A worker's Flow part, with a connector per system and the notifier. */
  public static FlowWorker worker(Drive drive, Calendar calendar, Notifier notifier) {
    return FlowWorker.builder(catalog())
        .connector(Drive.class, drive)
        .connector(Calendar.class, calendar)
        .notifier(notifier)
        .build();
  }

  /**
   * Registers the search attributes the instances keep (once per namespace; a no-op when they
   * are there): publish and the inbox find the instances they concern through them.
   */
  public static void registerSearchAttributes(WorkflowServiceStubs service, String namespace) {
    FlowSearchAttributes.register(OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
        .setChannel(service.getRawChannel()).validateAndBuildWithDefaults()), namespace);
  }

  /** The runtime a client programs against: start, publish, inbox, instances. */
  public static TemporalFlowRuntime runtime(WorkflowClient client) {
    return new TemporalFlowRuntime(client, catalog(), QUEUE, ZONE);
  }
}

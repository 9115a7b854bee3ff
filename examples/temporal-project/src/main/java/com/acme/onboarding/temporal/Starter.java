package com.acme.onboarding.temporal;

import com.acme.onboarding.Document;
import com.acme.onboarding.IntakeSubmitted;
import com.acme.onboarding.ServiceTier;
import dev.flow.runtime.api.Delivery;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;

/**
 * A client: publishes a client's intake form, which starts the onboarding ({@code starts on
 * IntakeSubmitted}), and starts the schedules. A web server would do the same with the
 * runtime, and show the inbox with {@code runtime.inbox().forRole(…)}.
 *
 * <pre>
 * mvn -q compile exec:java -Dexec.mainClass=com.acme.onboarding.temporal.Starter
 * </pre>
 */
public final class Starter {
  private Starter() {}

  public static void main(String[] args) {
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget(Worker.address()).build());
    try {
      var runtime = OnTemporal.runtime(WorkflowClient.newInstance(service));
      runtime.startSchedules();
      Delivery delivery = runtime.publish(new IntakeSubmitted("Globex", "Hank", "hank@globex.example", ServiceTier.Growth,
          true, List.of(new Document("Brief", "https://globex.example/brief.pdf", 4))));
      System.out.println("started " + delivery.started());
    } finally {
      service.shutdown();
    }
  }
}

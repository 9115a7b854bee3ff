package com.acme.onboarding.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.time.Clock;

/**
 * A worker process: runs the onboarding instances and their actions. Start as many as the load
 * needs, on as many machines; Temporal hands each instance and each action to one of them.
 *
 * <pre>
 * temporal server start-dev          # or a cluster: TEMPORAL_ADDRESS=host:7233
 * mvn -q compile exec:java -Dexec.mainClass=com.acme.onboarding.temporal.Worker
 * </pre>
 */
public final class Worker {
  private Worker() {}

  public static void main(String[] args) {
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget(address()).build());
    OnTemporal.registerSearchAttributes(service, "default");
    WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(service));
    Outbox outbox = new Outbox(n -> System.out.println("notify " + n.recipient() + ": " + n.message()));
    OnTemporal.worker(new InMemoryDrive(), new InMemoryCalendar(Clock.systemUTC(), OnTemporal.ZONE), outbox)
        .register(factory.newWorker(OnTemporal.QUEUE));
    factory.start();
    System.out.println("worker polling " + OnTemporal.QUEUE + " at " + address());
  }

  /** The Temporal frontend: TEMPORAL_ADDRESS, or the dev server's default. */
  static String address() {
    String address = System.getenv("TEMPORAL_ADDRESS");
    return address == null || address.isBlank() ? "localhost:7233" : address;
  }
}

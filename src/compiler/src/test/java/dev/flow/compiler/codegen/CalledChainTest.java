package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.runtime.DeclaredError;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.runtime.history.HistoryEntry;
import dev.flow.runtime.history.Recorded;
import dev.flow.runtime.store.InstanceQuery;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Continue-as-new of a workflow started by {@code call} ({@code execution/chain-call.flow}): the
 * count of 1 … 5, two numbers per instance, runs as a chain of 3 instances; the caller gets the
 * chain's last instance's outputs, or the declared error an instance of the chain failed with, in
 * its typed {@code catch}; cancelling the caller cancels the chain's current instance and leaves
 * nothing open; {@code current} follows the chain. The same suite runs on Temporal
 * (TemporalCalledChainTest in flow-temporal).
 */
class CalledChainTest {
  Running run;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/chain-call.flow", backend());
    run.answers.put("add", args -> (Long) args[0] + (Long) args[1]);
  }

  @AfterEach
  void close() {
    run.close();
  }

  /** The first instance of the chain the caller started. */
  private String child(String caller) {
    return run.instance(caller).entries().stream().map(Recorded::entry)
        .filter(HistoryEntry.ChildStarted.class::isInstance).map(e -> ((HistoryEntry.ChildStarted) e).childId())
        .findFirst().orElseThrow();
  }

  /** The model's declared error {@code Refused}, as a connector raises it. */
  private RuntimeException refused(String reason) {
    try {
      ClassLoader loader = run.modules.get(0).getClass().getClassLoader();
      Class<?> type = Class.forName("test.chaincall.RefusedException", true, loader);
      for (Constructor<?> c : type.getConstructors()) {
        if (c.getParameterCount() == 1 && !c.getParameterTypes()[0].isRecord()) {
          return new Running.Throws((DeclaredError) c.newInstance(reason));
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no field constructor");
  }

  @Test
  void theCallerGetsTheChainsLastInstancesOutputs() {
    String caller = run.start("Count", Map.of("target", 5));
    String first = child(caller);
    String last = run.runtime().current(first);
    assertNotEquals(first, last);
    assertEquals(InstanceState.WAITING, run.state(caller), "the caller waits for the chain, not its first instance");
    assertEquals(InstanceState.COMPLETED, run.state(first));
    assertEquals(List.of("close"), run.openSteps(last));
    List<String> running = run.runtime().instances(new InstanceQuery(null, InstanceState.RUNNING, 0, 10)).stream()
        .map(WorkflowInstance::id).sorted().toList();
    assertEquals(java.util.stream.Stream.of(caller, last).sorted().toList(), running,
        "the chain's earlier instances have ended: only the caller and the current one are running");
    run.complete(last, "close", Map.of());
    assertEquals(Map.of("sum", 15L, "instances", 3L, "refused", ""), run.output(caller));
    assertEquals(List.of("add(0, 1)", "add(1, 2)", "add(3, 3)", "add(6, 4)", "add(10, 5)"), run.calls,
        "each number added once, in order, across the chain");
    assertEquals(last, run.runtime().current(first), "the chain's last instance stays its current one");
  }

  @Test
  void aDeclaredErrorOfTheChainReachesTheCallersTypedCatch() {
    run.answers.put("add", args -> {
      if ((Long) args[1] == 3L) {
        throw refused("three is not counted");
      }
      return (Long) args[0] + (Long) args[1];
    });
    String caller = run.start("Count", Map.of("target", 5));
    String first = child(caller);
    String failed = run.runtime().current(first);
    assertNotEquals(first, failed);
    assertEquals(InstanceState.FAILED, run.state(failed));
    assertEquals(Map.of("sum", 0L, "instances", 0L, "refused", "three is not counted"), run.output(caller));
  }

  @Test
  void cancellingTheCallerCancelsTheChainsCurrentInstance() {
    String caller = run.start("Count", Map.of("target", 5));
    String first = child(caller);
    String last = run.runtime().current(first);
    assertEquals(List.of("close"), run.openSteps(last));
    run.runtime().cancel(caller, "no longer needed");
    run.settle();
    assertEquals(InstanceState.CANCELLED, run.state(caller));
    assertEquals(InstanceState.CANCELLED, run.state(last), "the chain's current instance is cancelled");
    assertEquals(InstanceState.COMPLETED, run.state(first), "the first instance had continued as new");
    List<WorkflowInstance> open = run.instances().stream().filter(i -> !i.state().isTerminal()).toList();
    assertTrue(open.isEmpty(), "nothing left open: " + open);
    assertEquals(List.of(), run.openSteps(last));
  }
}

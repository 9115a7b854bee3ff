package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.Engine;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.WorkflowInstance;
import dev.flow.runtime.api.Delivery;
import dev.flow.runtime.store.InstanceQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyed instances (issue 11) on generated code: one instance per key; an event whose key has a
 * running instance goes to it; after it ends, the key's next event starts a new one; the key
 * holder survives a restart; two publishers of one new key at once start one instance.
 */
class KeyedTest {
  Running run;

  @TempDir
  Path dir;

  /** Where the workflows run: the embedded engine here; flow-temporal's tests subclass this suite to run it on Temporal. */
  Running.Backend backend() {
    return new Running.Embedded();
  }

  @BeforeEach
  void compile() {
    run = Running.model("execution/keyed.flow", backend());
  }

  @AfterEach
  void close() {
    run.close();
  }

  Object reading(String room, long value) {
    return run.event("Reading", Map.of("room", room, "value", value));
  }

  private static List<WorkflowInstance> rooms(Engine engine) {
    return engine.instances(new InstanceQuery(null, null, 0, 1000));
  }

  @Test
  void oneInstancePerKeyTakesItsKeysEventsAndAnEndedOneLetsTheNextStartAnew() {
    List<String> kitchen = run.publish(reading("kitchen", 1)).started();
    assertEquals(1, kitchen.size());
    List<String> hall = run.publish(reading("hall", 5)).started();
    assertEquals(1, hall.size());
    Delivery second = run.publish(reading("kitchen", 2));
    assertEquals(List.of(), second.started());
    assertEquals(kitchen, second.woken());
    run.publish(reading("kitchen", 3));
    assertEquals(Map.of("total", 6L), run.output(kitchen.get(0)));
    assertEquals(InstanceState.WAITING, run.state(hall.get(0)));
    List<String> again = run.publish(reading("kitchen", 10)).started();
    assertEquals(1, again.size(), "the kitchen's instance ended: its next reading starts another");
    assertEquals(3, run.instances().size());
  }

  @Test
  void anInstanceStartedByHandWithAnEventHoldsItsKey() {
    String id = run.start("Room", Map.of("reading", Map.of("room", "attic", "value", 4L)));
    assertEquals(List.of(), run.publish(reading("attic", 5)).started());
    assertEquals(List.of(), run.publish(reading("attic", 6)).started());
    assertEquals(Map.of("total", 15L), run.output(id));
  }

  @Test
  void theKeysInstanceIsKnownAfterARestartOnTheJournal() {
    Path journal = dir.resolve("journal");
    Engine first = engine(journal);
    String id = first.publish(reading("cellar", 1)).started().get(0);
    first.close();
    Engine second = engine(journal);
    second.recover();
    assertEquals(List.of(), second.publish(reading("cellar", 2)).started());
    assertEquals(List.of(), second.publish(reading("cellar", 4)).started());
    assertEquals(InstanceState.COMPLETED, second.instance(id).state());
    assertEquals(Map.of("total", 7L), Running.fields(second.instance(id).output().orElseThrow()));
    assertEquals(1, rooms(second).size());
    second.close();
  }

  @Test
  void twoPublishersOfOneNewKeyAtOnceStartOneInstance() throws Exception {
    dev.flow.runtime.api.FlowRuntime engine = run.runtime();
    int keys = 20;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<String>>> started = new ArrayList<>();
      for (int k = 0; k < keys; k++) {
        String room = "room-" + k;
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 2; t++) {
          long value = t + 1;
          started.add(pool.submit(() -> {
            go.await();
            return engine.publish(reading(room, value)).started();
          }));
        }
        go.countDown();
      }
      int count = 0;
      for (Future<List<String>> f : started) {
        count += f.get().size();
      }
      assertEquals(keys, count, "one instance per key");
    } finally {
      pool.shutdown();
    }
    run.settle();
    assertEquals(keys, run.instances().size());
    for (int k = 0; k < keys; k++) {
      String room = "room-" + k;
      run.publish(reading(room, 10));
    }
    for (WorkflowInstance instance : run.instances()) {
      assertEquals(InstanceState.COMPLETED, instance.state(), instance.id());
      assertEquals(Map.of("total", 13L), Running.fields(instance.output().orElseThrow()), instance.id());
    }
  }

  private Engine engine(Path journal) {
    Engine.Builder builder = Engine.builder().clock(run.clock).journal(journal);
    run.modules.forEach(builder::module);
    return builder.build();
  }
}

package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.Engine;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time limits of a {@code for each … until} survive a restart: the engine is closed while the
 * set is open, and a new engine on the same journal closes it when the limit, counted from before
 * the restart, passes. No round runs again, and no item is taken after the limit.
 */
class ArrivingRestartTest {
  private Running run;
  private final List<String> performed = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  Path dir;

  @BeforeEach
  void compile() {
    run = Running.model("execution/arriving.flow");
  }

  @Test
  void theTimeLimitCountsFromTheLoopsStartAcrossARestart() {
    Path journal = dir.resolve("journal");
    Engine first = engine(journal);
    String id = start(first, "TimedOrClosedBids", Map.of("lot", "L1", "days", 2));
    first.publish(bid("ann"));
    run.clock.advance(Duration.ofDays(1));
    first.publish(bid("bob"));
    assertEquals(InstanceState.WAITING, first.instance(id).state());
    first.close();

    Engine second = engine(journal);
    second.recover();
    run.clock.advance(Duration.ofHours(23));
    assertEquals(InstanceState.WAITING, second.instance(id).state(), "47 hours since the start: the limit is 48");
    second.publish(bid("cid"));
    run.clock.advance(Duration.ofHours(2));
    assertEquals(InstanceState.COMPLETED, second.instance(id).state(), () -> String.valueOf(second.instance(id).error()));
    second.publish(bid("dan"));
    assertEquals(List.of("ann: seen", "bob: seen", "cid: seen", "report"), performed,
        "each round ran once; the limit closed the set two days after the start, not after the restart");
    second.close();
  }

  @Test
  void theQuietTimeCountsFromTheLastItemAcrossARestart() {
    Path journal = dir.resolve("journal");
    Engine first = engine(journal);
    String id = start(first, "QuietReadings", Map.of("lot", "L1"));
    first.publish(bid("ann"));
    run.clock.advance(Duration.ofMinutes(40));
    first.close();

    Engine second = engine(journal);
    second.recover();
    run.clock.advance(Duration.ofMinutes(19));
    assertEquals(InstanceState.WAITING, second.instance(id).state(), "59 minutes since the last item");
    run.clock.advance(Duration.ofMinutes(2));
    assertEquals(InstanceState.COMPLETED, second.instance(id).state(), () -> String.valueOf(second.instance(id).error()));
    assertEquals(List.of("ann: read", "report"), performed);
    second.close();
  }

  private Object bid(String bidder) {
    return run.event("Bid", Map.of("lot", "L1", "bidder", bidder));
  }

  private String start(Engine engine, String workflow, Map<String, Object> input) {
    WorkflowDefinition<?, ?> definition = run.workflow(workflow);
    return engine.start(definition.name(), Values.convert(input, definition.inputType()));
  }

  private Engine engine(Path journal) {
    return run.journalEngine(journal, "performing", (method, args) -> {
      performed.add(args[0].toString());
      return "done";
    });
  }
}

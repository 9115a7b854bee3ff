package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flow.runtime.DeclaredError;
import dev.flow.runtime.Engine;
import dev.flow.runtime.InstanceState;
import dev.flow.runtime.Values;
import dev.flow.runtime.WorkflowDefinition;
import java.lang.reflect.Constructor;
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
 * A declared error of a called workflow reaches its caller's typed {@code catch} after a restart:
 * the engine is closed while the child waits, a new engine on the same journal runs it on, the
 * child fails with {@code CardDeclined}, and the caller's {@code catch} reads its field. A third
 * engine on the journal reads the same ended instances.
 */
class ErrorsAcrossCallRestartTest {
  private Running run;
  private final List<String> charged = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  Path dir;

  @BeforeEach
  void compile() {
    run = Running.model("execution/errors-call.flow");
  }

  @Test
  void theCallersTypedCatchGetsTheErrorAfterARestart() {
    Path journal = dir.resolve("journal");
    Engine first = engine(journal);
    WorkflowDefinition<?, ?> definition = run.workflow("PayLater");
    String id = first.start(definition.name(), Values.convert(Map.of("amount", 7), definition.inputType()));
    assertEquals(InstanceState.WAITING, first.instance(id).state());
    first.close();

    Engine second = engine(journal);
    second.recover();
    run.clock.advance(Duration.ofHours(2));
    waitUntilEnded(second, id);
    assertEquals(InstanceState.COMPLETED, second.instance(id).state(), () -> String.valueOf(second.instance(id).error()));
    assertEquals(Map.of("outcome", "declined later: card blocked"),
        Running.fields(second.instance(id).output().orElseThrow()));
    assertEquals(List.of("7"), charged, "charged once, after the restart");
    second.close();

    Engine third = engine(journal);
    third.recover();
    assertEquals(Map.of("outcome", "declined later: card blocked"),
        Running.fields(third.instance(id).output().orElseThrow()));
    third.close();
  }

  private static void waitUntilEnded(Engine engine, String id) {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!engine.instance(id).state().isTerminal() && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }

  private Engine engine(Path journal) {
    return run.journalEngine(journal, "declining bank", (method, args) -> {
      charged.add(args[0].toString());
      throw declined(method.getDeclaringClass().getClassLoader());
    });
  }

  private static DeclaredError declined(ClassLoader loader) throws ReflectiveOperationException {
    Class<?> exception = Class.forName("test.errorscall.CardDeclinedException", true, loader);
    for (Constructor<?> c : exception.getConstructors()) {
      if (c.getParameterCount() == 1 && !c.getParameterTypes()[0].isRecord()) {
        return (DeclaredError) c.newInstance("card blocked");
      }
    }
    throw new IllegalStateException("no field constructor");
  }
}

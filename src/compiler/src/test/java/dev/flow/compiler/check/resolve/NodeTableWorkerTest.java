package dev.flow.compiler.check.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.ast.Name;
import dev.flow.compiler.check.Parallel;
import dev.flow.compiler.source.SourceFile;
import dev.flow.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Workers of a recorder's table ({@link NodeTable#worker}) write the shared arrays in place where
 * there is room and keep the rest of their own; once added back ({@link NodeTable#putAll}), the table
 * holds what the same puts on one thread give, whatever the room reserved.
 */
class NodeTableWorkerTest {
  private final SourceFile a = new SourceFile("a.flow", "x".repeat(400));
  private final SourceFile b = new SourceFile("b.flow", "y".repeat(400));

  private static Name name(SourceFile file, int id) {
    return new Name("n" + id, file, id, id + 1, id);
  }

  @Test
  void workersWriteInPlaceOrOfTheirOwnAndTheTableEndsAsOnOneThread() {
    List<Name> names = new ArrayList<>();
    for (int id = 0; id < 300; id++) {
      names.add(name(a, id));
      names.add(name(b, id));
    }
    Name plain = new Name("plain", new SourceSpan(a, 1, 2)); // no number: never in an array
    NodeTable<Name, String> one = new NodeTable<>(n -> n, 0);
    NodeTable<Name, String> shared = new NodeTable<>(n -> n, 0);
    one.put(names.get(0), "first");
    shared.put(names.get(0), "first");
    shared.reserve(a, 100); // room for a's first 100 names; b's arrays only as big as its first put made them
    shared.reserve(b, 20);
    int workers = 4;
    List<NodeTable<Name, String>> done = Parallel.map(workers, workers, w -> {
      NodeTable<Name, String> worker = shared.worker(0);
      for (int i = w; i < names.size(); i += workers) {
        worker.put(names.get(i), "v" + i);
        if (!("v" + i).equals(worker.get(names.get(i))) || !worker.containsKey(names.get(i))) {
          throw new AssertionError("worker " + w + " does not read its own " + i);
        }
      }
      if (w == 1) {
        worker.put(plain, "plain");
      }
      return worker;
    });
    for (int i = 0; i < names.size(); i++) {
      one.put(names.get(i), "v" + i);
    }
    one.put(plain, "plain");
    for (NodeTable<Name, String> worker : done) {
      shared.putAll(worker);
    }
    for (int i = 0; i < names.size(); i++) {
      assertEquals(one.get(names.get(i)), shared.get(names.get(i)), "name " + i);
    }
    assertEquals("plain", shared.get(plain));
    assertNull(shared.get(name(a, 5)), "an equal name that is another node");
    assertFalse(shared.containsKey(name(b, 250)));
  }

  @Test
  void aWorkerReadsWhatTheTableHeldBeforeItIncludingNodesWithoutANumber() {
    NodeTable<Name, String> shared = new NodeTable<>(n -> n, 0);
    Name numbered = name(a, 3);
    Name plain = new Name("plain", new SourceSpan(a, 1, 2));
    shared.put(numbered, "numbered");
    shared.put(plain, "plain");
    NodeTable<Name, String> worker = shared.worker(0);
    assertEquals("numbered", worker.get(numbered));
    assertEquals("plain", worker.get(plain));
    assertTrue(worker.containsKey(plain));
    Name elsewhere = name(b, 7); // a file the table has no arrays for: kept by the worker
    worker.put(elsewhere, "b7");
    assertEquals("b7", worker.get(elsewhere));
    assertNull(shared.get(elsewhere));
    shared.putAll(worker);
    assertEquals("b7", shared.get(elsewhere));
  }
}

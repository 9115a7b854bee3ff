package dev.flow.compiler.check.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flow.compiler.ast.Name;
import dev.flow.compiler.source.SourceFile;
import dev.flow.compiler.source.SourceSpan;
import org.junit.jupiter.api.Test;

/** The recorder's table behaves as an identity hash map of the same puts, whatever the names' numbers. */
class NodeTableTest {
  private final SourceFile a = new SourceFile("a.flow", "x".repeat(100));
  private final SourceFile b = new SourceFile("b.flow", "y".repeat(100));

  private static Name name(SourceFile file, int at, int id) {
    return new Name("n" + at, file, at, at + 1, id);
  }

  @Test
  void numberedNamesAreFoundByIdentityInTheirFile() {
    NodeTable<Name, String> table = new NodeTable<>(n -> n, 0);
    Name a0 = name(a, 0, 0);
    Name b0 = name(b, 0, 0);
    table.put(a0, "a0");
    table.put(b0, "b0");
    assertEquals("a0", table.get(a0));
    assertEquals("b0", table.get(b0));
    // An equal name that is another object (a second parse of the file) is another key.
    Name again = name(a, 0, 0);
    assertEquals(a0, again);
    assertNull(table.get(again));
    assertFalse(table.containsKey(again));
    table.put(again, "again");
    assertEquals("again", table.get(again));
    assertEquals("a0", table.get(a0));
    table.put(a0, "a0 changed");
    assertEquals("a0 changed", table.get(a0));
    assertEquals("again", table.get(again));
  }

  @Test
  void namesWithoutANumberOrAFileAreKeptToo() {
    NodeTable<Name, String> table = new NodeTable<>(n -> n, 0);
    Name plain = new Name("p", new SourceSpan(a, 1, 2));
    Name nowhere = new Name("q", SourceSpan.NONE, 3);
    table.put(plain, "plain");
    table.put(nowhere, "nowhere");
    assertEquals("plain", table.get(plain));
    assertEquals("nowhere", table.get(nowhere));
    assertNull(table.get(new Name("p", new SourceSpan(a, 1, 2))));
  }

  @Test
  void aNullValueIsAnEntry() {
    NodeTable<Name, String> table = new NodeTable<>(n -> n, 0);
    Name n = name(a, 5, 7);
    assertFalse(table.containsKey(n));
    table.put(n, null);
    assertTrue(table.containsKey(n));
    assertNull(table.get(n));
  }

  @Test
  void numbersBeyondTheFirstSizeGrowTheFilesArrays() {
    NodeTable<Name, Integer> table = new NodeTable<>(n -> n, 0);
    Name[] names = new Name[5000];
    for (int i = names.length - 1; i >= 0; i -= 7) {
      names[i] = name(a, i % 99, i);
      table.put(names[i], i);
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i] != null) {
        assertEquals(i, table.get(names[i]));
      } else {
        assertNull(table.get(name(a, i % 99, i)));
      }
    }
  }

  @Test
  void nodesAreKeyedByTheirOwnName() {
    record Node(Name name) {}
    NodeTable<Node, String> table = new NodeTable<>(Node::name, 4);
    Name shared = name(a, 1, 1);
    Node first = new Node(shared);
    Node second = new Node(shared); // the same name in two nodes: the second is kept aside
    Node unnamed = new Node(null);
    table.put(first, "first");
    table.put(second, "second");
    table.put(unnamed, "unnamed");
    assertEquals("first", table.get(first));
    assertEquals("second", table.get(second));
    assertEquals("unnamed", table.get(unnamed));
    assertSame(null, table.get(new Node(shared)));
  }
}

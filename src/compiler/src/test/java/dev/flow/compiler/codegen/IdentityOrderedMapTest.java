package dev.flow.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityOrderedMapTest {
  private record Key(String name) {}

  @Test
  void keysAreComparedByIdentityAndKeptInTheOrderFirstPut() {
    Key b = new Key("b");
    Key a = new Key("a");
    Key equalToA = new Key("a");
    Map<Key, Integer> map = new IdentityOrderedMap<>();
    assertNull(map.put(b, 1));
    assertNull(map.put(a, 2));
    assertNull(map.put(equalToA, 3));
    assertEquals(2, map.put(a, 4));
    assertEquals(3, map.size());
    assertEquals(4, map.get(a));
    assertEquals(3, map.get(equalToA));
    assertNull(map.get(new Key("a")));
    assertFalse(map.containsKey(new Key("b")));
    assertTrue(map.containsKey(b));
    List<Key> keys = new ArrayList<>(map.keySet());
    assertTrue(keys.get(0) == b && keys.get(1) == a && keys.get(2) == equalToA);
    assertEquals(List.of(1, 4, 3), new ArrayList<>(map.values()));
    assertEquals(5, map.computeIfAbsent(new Key("c"), k -> 5));
    assertEquals(4, map.computeIfAbsent(a, k -> 6));
    assertEquals(4, map.size());
    assertThrows(UnsupportedOperationException.class, () -> map.entrySet().iterator().remove());
  }
}

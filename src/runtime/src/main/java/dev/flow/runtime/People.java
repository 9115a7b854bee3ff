package dev.flow.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The people named by {@code not by …}: names, lists of names and nones, flattened. */
final class People {
  private People() {}

  /** The names in order, each once, without nulls and blank names. */
  static List<String> names(Collection<?> people) {
    List<String> out = new ArrayList<>();
    add(people, out);
    return List.copyOf(out);
  }

  static List<String> names(Object... people) {
    return names(people == null ? List.of() : java.util.Arrays.asList(people));
  }

  private static void add(Collection<?> people, List<String> out) {
    for (Object p : people) {
      if (p instanceof Collection<?> c) {
        add(c, out);
      } else if (p != null && !p.toString().isBlank() && !out.contains(p.toString())) {
        out.add(p.toString());
      }
    }
  }
}

package dev.flow.compiler.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** "Did you mean" by edit distance: at most 2 edits, closest first, then alphabetical. */
public final class Suggestions {
  private Suggestions() {}

  public static final int MAX_DISTANCE = 2;

  /** The candidates within {@link #MAX_DISTANCE} edits of {@code name}, best first. */
  public static List<String> near(String name, Collection<String> candidates) {
    record Scored(String name, int distance) {}
    List<Scored> scored = new ArrayList<>();
    for (String c : candidates) {
      if (c.equals(name)) {
        continue;
      }
      int d = distance(name.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (!c.equalsIgnoreCase(name)) {
        d = Math.max(d, 1);
      } else {
        d = 1;
      }
      if (d <= MAX_DISTANCE && d < Math.max(name.length(), 2)) {
        scored.add(new Scored(c, d));
      }
    }
    return scored.stream()
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
        .map(Scored::name)
        .distinct()
        .toList();
  }

  /** The best candidate, if any is close enough. */
  public static Optional<String> best(String name, Collection<String> candidates) {
    List<String> near = near(name, candidates);
    return near.isEmpty() ? Optional.empty() : Optional.of(near.get(0));
  }

  /** A help text "did you mean `x`?" (or "`x` or `y`?"), or null when nothing is close. */
  public static String didYouMean(String name, Collection<String> candidates) {
    List<String> near = near(name, candidates);
    if (near.isEmpty()) {
      return null;
    }
    if (near.size() == 1) {
      return "did you mean `" + near.get(0) + "`?";
    }
    return "did you mean `" + near.get(0) + "` or `" + near.get(1) + "`?";
  }

  /** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}

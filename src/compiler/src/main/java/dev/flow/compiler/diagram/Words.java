package dev.flow.compiler.diagram;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Identifiers as words for people: {@code assignChecklist} is "Assign checklist". */
public final class Words {
  private Words() {}

  /**
   * The acronyms of the model being drawn: words its doc comments write in capitals ("NDA", "URL"), which a name in
   * camel case cannot ({@code needsNda}). Set by {@link ModelIndex} for the thread that draws the model.
   */
  private static final ThreadLocal<Set<String>> ACRONYMS = ThreadLocal.withInitial(Set::of);

  /** Uses {@code acronyms} (upper case) for the identifiers put in words on this thread from now on. */
  static void useAcronyms(Set<String> acronyms) {
    ACRONYMS.set(Set.copyOf(acronyms));
  }

  /**
   * The acronyms a text's doc comments ({@code ///} lines) write: words of 2 to 5 capital letters, not next to another
   * (a phrase in capitals is emphasis, not acronyms).
   */
  static Set<String> acronymsIn(String source) {
    Set<String> out = new HashSet<>();
    for (String line : source.split("\n")) {
      String text = line.strip();
      if (!text.startsWith("///")) {
        continue;
      }
      String[] tokens = text.substring(3).split("[^A-Za-z0-9]+");
      for (int i = 0; i < tokens.length; i++) {
        if (capitals(tokens[i]) && (i == 0 || !capitals(tokens[i - 1])) && (i + 1 == tokens.length || !capitals(tokens[i + 1]))
            && tokens[i].length() <= 5) {
          out.add(tokens[i]);
        }
      }
    }
    return out;
  }

  private static boolean capitals(String token) {
    return token.length() > 1 && token.chars().allMatch(c -> c >= 'A' && c <= 'Z');
  }

  /** Alternatives in words: "Sales", "Sales or Legal", "Sales, Legal or Finance". */
  public static String either(java.util.List<String> titles) {
    return titles.size() == 1 ? titles.get(0)
        : String.join(", ", titles.subList(0, titles.size() - 1)) + " or " + titles.get(titles.size() - 1);
  }

  /**
   * The words of a camel-case or snake-case identifier, the first capitalised, the others in
   * lower case except acronyms: {@code assignChecklist} → "Assign checklist",
   * {@code sendToCRMNow} → "Send to CRM now", {@code round2Review} → "Round 2 review".
   */
  public static String humanize(String identifier) {
    Set<String> known = ACRONYMS.get();
    List<String> words = split(identifier);
    if (words.isEmpty()) {
      return identifier;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      boolean acronym = word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT));
      if (!acronym && known.contains(word.toUpperCase(Locale.ROOT))) {
        word = word.toUpperCase(Locale.ROOT); // "needsNda" is "Needs NDA" where the model's docs write NDA
        acronym = true;
      }
      if (i > 0) {
        out.append(' ');
      }
      if (acronym) {
        out.append(word);
      } else if (i == 0) {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).toLowerCase(Locale.ROOT));
      } else {
        out.append(word.toLowerCase(Locale.ROOT));
      }
    }
    return out.toString();
  }

  /**
   * The words of an identifier: split at underscores, where lower case turns upper, before the
   * last capital of an acronym that a word follows, and around digits.
   */
  static List<String> split(String identifier) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char[] cs = identifier.toCharArray();
    for (int i = 0; i < cs.length; i++) {
      char c = cs[i];
      if (c == '_') {
        flush(word, words);
        continue;
      }
      if (word.length() > 0) {
        char prev = cs[i - 1];
        boolean lowerToUpper = Character.isUpperCase(c) && !Character.isUpperCase(prev) && !Character.isDigit(prev);
        boolean acronymEnd = Character.isUpperCase(c) && Character.isUpperCase(prev)
            && i + 1 < cs.length && Character.isLowerCase(cs[i + 1]);
        boolean digitBoundary = Character.isDigit(c) != Character.isDigit(prev);
        if (lowerToUpper || acronymEnd || digitBoundary) {
          flush(word, words);
        }
      }
      word.append(c);
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }
}

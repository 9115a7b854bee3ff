package dev.flow.compiler.parse;

/**
 * The texts of one file's names, each made once: a name read again is the same {@code String},
 * looked up by its characters in the file's text without making a string for it first. The AST
 * of a large model repeats the same few names many times (a role, a record, a field on every
 * step), so they are kept once each instead of once per use.
 */
final class NameTable {
  private final String text;
  private String[] slots = new String[64];
  private int size;

  NameTable(String text) {
    this.text = text;
  }

  /** The text between the char offsets {@code start} and {@code end} of the file. */
  String get(int start, int end) {
    int length = end - start;
    int hash = 0;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + text.charAt(i); // String.hashCode's formula: a stored name's hash is cached
    }
    int mask = slots.length - 1;
    int i = spread(hash) & mask;
    while (true) {
      String s = slots[i];
      if (s == null) {
        String made = text.substring(start, end);
        slots[i] = made;
        if (++size * 2 > slots.length) {
          grow();
        }
        return made;
      }
      if (s.length() == length && s.hashCode() == hash && text.regionMatches(start, s, 0, length)) {
        return s;
      }
      i = (i + 1) & mask;
    }
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  private void grow() {
    String[] old = slots;
    slots = new String[old.length * 2];
    int mask = slots.length - 1;
    for (String s : old) {
      if (s != null) {
        int i = spread(s.hashCode()) & mask;
        while (slots[i] != null) {
          i = (i + 1) & mask;
        }
        slots[i] = s;
      }
    }
  }
}

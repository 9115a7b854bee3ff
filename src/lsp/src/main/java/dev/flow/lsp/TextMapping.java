package dev.flow.lsp;

/**
 * Maps offsets between two versions of a text that differ in one region: the longest common
 * prefix and suffix are the same text, what lies between them was changed. It is how answers
 * computed on the last text that parsed are placed on the text in the editor now.
 */
final class TextMapping {
  private final int oldLength;
  private final int newLength;
  private final int prefix;
  private final int suffix;

  private TextMapping(int oldLength, int newLength, int prefix, int suffix) {
    this.oldLength = oldLength;
    this.newLength = newLength;
    this.prefix = prefix;
    this.suffix = suffix;
  }

  static TextMapping between(String oldText, String newText) {
    int max = Math.min(oldText.length(), newText.length());
    int p = 0;
    while (p < max && oldText.charAt(p) == newText.charAt(p)) {
      p++;
    }
    int s = 0;
    while (s < max - p && oldText.charAt(oldText.length() - 1 - s) == newText.charAt(newText.length() - 1 - s)) {
      s++;
    }
    return new TextMapping(oldText.length(), newText.length(), p, s);
  }

  boolean isIdentity() {
    return oldLength == newLength && prefix == oldLength;
  }

  /** Whether the new text's {@code offset} lies in the changed region (its old place is not known). */
  boolean changedInNew(int offset) {
    return !isIdentity() && offset > prefix && offset < newLength - suffix;
  }

  /** Whether the old text's range {@code [start, end)} touches the changed region. */
  boolean changedInOld(int start, int end) {
    return !isIdentity() && end > prefix && start < oldLength - suffix;
  }

  /** The old offset of a new one; in the changed region, the start of the change. */
  int toOld(int offset) {
    if (offset <= prefix) {
      return offset;
    }
    if (offset >= newLength - suffix) {
      return offset - newLength + oldLength;
    }
    return prefix;
  }

  /** The new offset of an old one; in the changed region, the start of the change. */
  int toNew(int offset) {
    if (offset <= prefix) {
      return offset;
    }
    if (offset >= oldLength - suffix) {
      return offset - oldLength + newLength;
    }
    return prefix;
  }
}

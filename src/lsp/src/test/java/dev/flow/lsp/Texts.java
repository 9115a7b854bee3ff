package dev.flow.lsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.lsp4j.Position;

/** Finds places in test texts as LSP positions (UTF-16 code units, as editors count). */
final class Texts {
  private Texts() {}

  /** The position of {@code word} inside the first occurrence of {@code context}. */
  static Position at(String text, String context, String word) {
    int c = text.indexOf(context);
    assertTrue(c >= 0, () -> "no `" + context + "` in the text");
    int w = context.indexOf(word);
    assertTrue(w >= 0, () -> "no `" + word + "` in `" + context + "`");
    return position(text, c + w);
  }

  /** The position just after {@code context}. */
  static Position after(String text, String context) {
    int c = text.indexOf(context);
    assertTrue(c >= 0, () -> "no `" + context + "` in the text");
    return position(text, c + context.length());
  }

  static Position position(String text, int offset) {
    int line = 0;
    int start = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        start = i + 1;
      }
    }
    return new Position(line, offset - start);
  }
}

package dev.flow.compiler.diagram;

import dev.flow.compiler.ast.Doc;

/**
 * The title a reader sees for a step: the first sentence of its doc comment when that is short
 * enough for a box, else its name in words ({@code assignChecklist} is "Assign checklist").
 */
public final class Titles {
  private Titles() {}

  /** Longer first sentences are descriptions, not titles: the name in words is used instead. */
  static final int MAX = 60;

  public static String of(String name, Doc doc) {
    return of(name, doc, MAX);
  }

  /** The title, where a first sentence longer than {@code max} characters does not fit. */
  public static String of(String name, Doc doc, int max) {
    String sentence = firstSentence(doc.text());
    return sentence.isEmpty() || sentence.length() > max ? Words.humanize(name) : sentence;
  }

  /** The doc comment's first sentence, on one line, without its full stop; empty without one. */
  static String firstSentence(String doc) {
    String text = doc.strip();
    int paragraph = text.indexOf("\n\n");
    if (paragraph >= 0) {
      text = text.substring(0, paragraph);
    }
    text = text.replaceAll("(?U)\\s+", " ");
    int end = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
        end = i;
        break;
      }
    }
    String sentence = end < 0 ? text : text.substring(0, c(text, end));
    return sentence.strip();
  }

  /** Where the sentence ends: a full stop is left out, a question or exclamation mark kept. */
  private static int c(String text, int end) {
    return text.charAt(end) == '.' ? end : end + 1;
  }
}

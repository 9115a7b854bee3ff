package dev.flow.compiler.diagram;

/**
 * Text from a model made safe for a quoted Mermaid label. Mermaid reads {@code #name;} and
 * {@code #123;} as entity codes and turns them into HTML entities, so every character that could
 * mean something to Mermaid's lexer, to its Markdown and KaTeX detection, or to the HTML that the
 * label ends up in, is written as a numeric entity: quotes, brackets, braces, {@code | < > & # % ;
 * : ` $ \ ~ ^}, and anything that is not a letter, a digit, a space or plain punctuation. The
 * result contains only letters, digits, spaces, {@code . , - _ ' / ! ? + * = @ ( )} and
 * {@code #digits;} sequences, which no Mermaid construct can start or end with, so no text in a
 * model can break out of a label or inject a tag, a link, a style or another node.
 *
 * <p>The colon is encoded too: Mermaid strips the last {@code ;} of any line that contains
 * {@code style…:…#…;} or {@code classDef…:…#…;} before it reads entities, which would corrupt an
 * entity on a label line that happened to hold those words and a colon.
 *
 * <p>Mermaid marks entities internally with the characters {@code ﬂ°°}, {@code ﬂ°} and {@code ¶ß},
 * and replaces those sequences again after the entities became characters: a label showing
 * {@code ¶ß} would show {@code ;}. A zero-width space goes between the two characters of such a
 * pair, so the label looks the same and keeps its text.
 */
public final class MermaidText {
  private MermaidText() {}

  private static final String PLAIN_PUNCTUATION = ".,-_'/!?+*=@()";

  /** {@code text} with every character that is not plainly safe written as {@code #code;}. */
  public static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    String unmarked = text.replace("\uFB02\u00B0", "\uFB02\u200B\u00B0").replace("\u00B6\u00DF", "\u00B6\u200B\u00DF");
    unmarked.codePoints().forEach(cp -> {
      if (cp == '\n' || cp == '\r' || cp == '\t' || Character.isISOControl(cp)) {
        out.append(' '); // a label's lines are ours to break; the model's line breaks become spaces
      } else if (cp == ' ' || isSafeLetterOrDigit(cp) || cp < 128 && PLAIN_PUNCTUATION.indexOf(cp) >= 0) {
        out.appendCodePoint(cp);
      } else {
        out.append('#').append(cp).append(';');
      }
    });
    return out.toString();
  }

  /** Letters and digits of any script. */
  private static boolean isSafeLetterOrDigit(int cp) {
    return Character.isLetterOrDigit(cp);
  }
}

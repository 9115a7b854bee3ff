package dev.flow.compiler.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labels of a reader's Mermaid chart that still show code: brackets, comparison and other
 * operator symbols, field paths ({@code claim.receiptUrl}, {@code Seniority.Senior}), identifiers
 * in camel case, and interpolation braces. Quoted text (a literal in "…" or “…”) and numbers with a
 * decimal point are not code; parentheses are, only when they follow a word directly (a call).
 */
final class CodeInLabels {
  private CodeInLabels() {}

  private static final Pattern LABEL = Pattern.compile("\"([^\"]*)\"");
  private static final Pattern CODE = Pattern.compile(
      "\\[|]|==|!=|<=|>=|\\?\\?|&&|\\|\\||[{}]|\\b[A-Za-z_]\\w*\\.[A-Za-z_]\\w*|\\b[a-z]+[A-Z]\\w*|\\w\\(");

  /** Each label with code, as "code in: label". */
  static List<String> of(String mermaid) {
    List<String> out = new ArrayList<>();
    for (String line : mermaid.split("\n")) {
      String s = line.strip();
      if (s.startsWith("click ") || s.startsWith("style ") || s.startsWith("classDef ") || s.startsWith("accTitle")) {
        continue;
      }
      Matcher m = LABEL.matcher(s);
      while (m.find()) {
        String text = decode(m.group(1).replaceAll("<[^>]+>", " ").replace("#quot;", "\""))
            .replaceAll("“[^”]*”", "“…”").replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("\\d+\\.\\d+", "0");
        Matcher code = CODE.matcher(text);
        if (code.find()) {
          out.add(code.group() + " in: " + text.strip());
        }
      }
    }
    return out;
  }

  private static String decode(String text) {
    Matcher m = Pattern.compile("#(\\d+);").matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1)))));
    }
    return m.appendTail(out).toString();
  }
}

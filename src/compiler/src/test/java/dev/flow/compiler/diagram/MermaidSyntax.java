package dev.flow.compiler.diagram;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only lines a generated diagram may have, as a strict grammar: a test that every diagram
 * matches it proves that no text from a model reached Mermaid outside a quoted, encoded label.
 * Also decodes labels back to text, to check that a model's text survives exactly.
 */
final class MermaidSyntax {
  private MermaidSyntax() {}

  /** A label: letters, digits, plain punctuation, entity codes and our own three tags. */
  static final String QUOTED = "\"(?:[\\p{L}\\p{N} .,\\-_'/!?+*=@()]|#\\d+;|<b>|</b>|<br/>)*\"";
  static final String ID = "[A-Za-z][A-Za-z0-9_]*";
  private static final String STYLE = "[a-z\\-]+:[#a-z0-9 ]+(?:,[a-z\\-]+:[#a-z0-9 ]+)*";
  private static final String SHAPES = "\\[|\\(|\\(\\[|\\[\\[|\\{|\\{\\{|\\[/|\\[\\\\|>|\\[\\(";
  private static final String CLOSES = "\\]|\\)|\\]\\)|\\]\\]|\\}|\\}\\}|/\\]|\\\\\\]|/\\]|\\)\\]";
  private static final Pattern NODE = Pattern.compile("(" + ID + ")(?:" + SHAPES + ")" + QUOTED + "(?:" + CLOSES + ")");
  private static final Pattern SUBGRAPH = Pattern.compile("subgraph (" + ID + ") \\[" + QUOTED + "\\]");
  private static final Pattern EDGE =
      Pattern.compile("(" + ID + ") (?:-->|-\\.->|==>|~~~)(?:\\|" + QUOTED + "\\|)? (" + ID + ")");
  private static final Pattern LINK_STYLE = Pattern.compile("linkStyle ([0-9]+(?:,[0-9]+)*) " + STYLE);
  private static final Pattern STYLE_LINE = Pattern.compile("style (" + ID + ") " + STYLE);
  private static final Pattern CLASS_DEF = Pattern.compile("classDef flow[A-Z][A-Za-z]+ " + STYLE);
  private static final Pattern CLICK = Pattern.compile("click (" + ID + ") href \"[#A-Za-z0-9_./\\-]+\"");
  private static final Pattern CLASS = Pattern.compile("class (" + ID + "(?:," + ID + ")*) flow[A-Z][A-Za-z]+");
  private static final Set<String> KEYWORDS = Set.of("end", "subgraph", "graph", "flowchart", "style", "class",
      "classDef", "click", "linkStyle", "direction", "call", "href", "default", "interpolate");
  private static final Pattern LABEL = Pattern.compile(QUOTED);

  /** What is wrong with a diagram: lines outside the grammar, undeclared ids, keyword ids, bad link indexes. */
  static List<String> problems(String diagram) {
    List<String> problems = new ArrayList<>();
    String[] lines = diagram.split("\n", -1);
    if (!lines[lines.length - 1].isEmpty()) {
      problems.add("does not end with a line break");
    }
    Set<String> declared = new LinkedHashSet<>();
    List<String> used = new ArrayList<>();
    int edges = 0;
    List<Integer> styled = new ArrayList<>();
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i].strip();
      Matcher m;
      if (i < 11) {
        // A tight chart (Graph.tighten: a --whole --lanes chart too tall for a screen) has both its padding and its
        // rank spacing tight, never one of them; a tighter one (Graph.tightenMore) both tighter still.
        boolean tighter = lines.length > 4 && lines[4].strip().equals("padding: " + FlowchartRenderer.TIGHTER_PADDING);
        boolean tight = tighter || lines.length > 4 && lines[4].strip().equals("padding: " + FlowchartRenderer.TIGHT_PADDING);
        String[] header = {"---", "config:", "flowchart:", "wrappingWidth: " + FlowchartRenderer.WRAPPING_WIDTH,
            "padding: " + (tighter ? FlowchartRenderer.TIGHTER_PADDING : tight ? FlowchartRenderer.TIGHT_PADDING
                : FlowchartRenderer.PADDING),
            "nodeSpacing: " + FlowchartRenderer.NODE_SPACING,
            "rankSpacing: " + (tighter ? FlowchartRenderer.TIGHTER_RANK_SPACING
                : tight ? FlowchartRenderer.TIGHT_RANK_SPACING : FlowchartRenderer.RANK_SPACING),
            "subGraphTitleMargin:",
            "top: " + FlowchartRenderer.TITLE_MARGIN_TOP, "bottom: " + FlowchartRenderer.TITLE_MARGIN_BOTTOM, "---"};
        if (!line.equals(header[i])) {
          problems.add("line " + (i + 1) + " is not the config header: " + line);
        }
      } else if (line.matches("flowchart (TD|LR|TB)") && i == 11 || line.matches("accTitle: [A-Za-z0-9_. ]*") && i == 12
          || line.matches("direction (LR|TB|TD)") || line.equals("end")) {
        continue;
      } else if ((m = NODE.matcher(line)).matches() || (m = SUBGRAPH.matcher(line)).matches()) {
        if (!declared.add(m.group(1))) {
          problems.add("declared twice: " + m.group(1));
        }
      } else if ((m = EDGE.matcher(line)).matches()) {
        used.add(m.group(1));
        used.add(m.group(2));
        edges++;
      } else if ((m = LINK_STYLE.matcher(line)).matches()) {
        for (String n : m.group(1).split(",")) {
          styled.add(Integer.parseInt(n));
        }
      } else if ((m = STYLE_LINE.matcher(line)).matches()) {
        used.add(m.group(1));
      } else if ((m = CLICK.matcher(line)).matches()) {
        used.add(m.group(1));
      } else if ((m = CLASS.matcher(line)).matches()) {
        used.addAll(List.of(m.group(1).split(",")));
      } else if (!CLASS_DEF.matcher(line).matches()) {
        problems.add("line " + (i + 1) + " is outside the grammar: " + line);
      }
    }
    for (String id : declared) {
      if (KEYWORDS.contains(id.toLowerCase(java.util.Locale.ROOT))) {
        problems.add("an id is a Mermaid keyword: " + id);
      }
    }
    for (String id : used) {
      if (!declared.contains(id)) {
        problems.add("used but not declared: " + id);
      }
    }
    for (int index : styled) {
      if (index >= edges) {
        problems.add("linkStyle " + index + " but only " + edges + " edges");
      }
    }
    return problems;
  }

  /** Every label of a diagram decoded to plain text: entities resolved, our tags dropped, lines joined with spaces. */
  static List<String> labels(String diagram) {
    List<String> out = new ArrayList<>();
    Matcher m = LABEL.matcher(diagram);
    while (m.find()) {
      String markup = m.group();
      String text = markup.substring(1, markup.length() - 1).replace("<br/>", " ").replace("<b>", "").replace("</b>", "");
      out.add(decode(text).replace("\u200B", ""));
    }
    return out;
  }

  static String decode(String encoded) {
    Matcher m = Pattern.compile("#(\\d+);").matcher(encoded);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(new String(Character.toChars(Integer.parseInt(m.group(1))))));
    }
    m.appendTail(out);
    return out.toString();
  }
}

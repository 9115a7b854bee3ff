package dev.flow.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.help.OptionFormatter;

/**
 * The help texts of {@code flowc}: plain text, 80 columns, no trailing spaces. Commons CLI's
 * {@link OptionFormatter} spells each option ({@code -q, --quiet}, {@code --format <text|json>});
 * the layout is ours, because the help formatter of Commons CLI 1.11 prints a table header and
 * pads every line with spaces.
 */
final class HelpText {
  private HelpText() {}

  static final int WIDTH = 80;
  private static final String INDENT = "  ";
  private static final int GAP = 2;
  /** A left column wider than this puts its description on the next line. */
  private static final int MAX_LEFT = 26;

  /** {@code flowc help}: the commands and the global options. */
  static String overview(List<Command> commands, Options globalOptions) {
    StringBuilder out = new StringBuilder();
    out.append("flowc ").append(Version.get()).append(": the Flow compiler\n\n");
    out.append("usage: flowc <command> [options] [arguments]\n\n");
    out.append("commands:\n");
    List<String[]> rows = new ArrayList<>();
    for (Command c : commands) {
      rows.add(new String[] {c.name(), c.summary()});
    }
    out.append(table(rows)).append('\n');
    out.append("options:\n").append(options(globalOptions)).append('\n');
    out.append("Run `flowc <command> --help` for the options of a command.\n");
    out.append(EXIT_CODES);
    return out.toString();
  }

  /** {@code flowc <cmd> --help}. */
  static String of(Command command, Options options) {
    StringBuilder out = new StringBuilder();
    out.append("usage: ").append(command.usage()).append("\n\n");
    for (String paragraph : command.description().split("\n\n")) {
      out.append(wrap(paragraph.replace('\n', ' '), 0, WIDTH)).append('\n');
    }
    out.append("options:\n").append(options(options)).append('\n');
    out.append(wrap(command.exitCodes(), 0, WIDTH));
    return out.toString();
  }

  static final String EXIT_CODES =
      "Exit codes: 0 no errors, 1 errors in the sources, 2 bad usage or I/O.\n";

  /** One row per option, in the order they were added. */
  static String options(Options options) {
    List<String[]> rows = new ArrayList<>();
    for (Option o : options.getOptions()) {
      rows.add(new String[] {spell(o), o.getDescription() == null ? "" : o.getDescription()});
    }
    return table(rows);
  }

  /** {@code -q, --quiet}, {@code     --format <text|json>}: long options line up. */
  static String spell(Option o) {
    OptionFormatter f = OptionFormatter.from(o);
    String names = o.getOpt() != null ? f.getBothOpt() : "    " + f.getLongOpt();
    return o.hasArg() ? names + " " + f.getArgName() : names;
  }

  /** Two columns; the second is wrapped and indented under itself. */
  private static String table(List<String[]> rows) {
    int left = 0;
    for (String[] row : rows) {
      if (row[0].length() <= MAX_LEFT) {
        left = Math.max(left, row[0].length());
      }
    }
    int descIndent = INDENT.length() + left + GAP;
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      out.append(INDENT).append(row[0]);
      if (row[1].isEmpty()) {
        out.append('\n');
        continue;
      }
      if (row[0].length() > left) {
        out.append('\n').append(" ".repeat(descIndent));
      } else {
        out.append(" ".repeat(descIndent - INDENT.length() - row[0].length()));
      }
      out.append(wrap(row[1], descIndent, WIDTH).substring(descIndent));
    }
    return out.toString();
  }

  /** Words wrapped to {@code width}, every line indented by {@code indent}, ending in a newline. */
  static String wrap(String text, int indent, int width) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(" ".repeat(indent));
    boolean empty = true;
    for (String word : text.trim().split("\\s+")) {
      if (!empty && line.length() + 1 + word.length() > width) {
        out.append(line).append('\n');
        line = new StringBuilder(" ".repeat(indent));
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    return out.append(line).append('\n').toString();
  }
}

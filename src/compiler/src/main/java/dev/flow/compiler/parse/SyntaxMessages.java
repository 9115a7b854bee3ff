package dev.flow.compiler.parse;

import dev.flow.compiler.parse.antlr.FlowLexer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Describes what the parser expected and found in the user's words. Never a rule name, a token
 * type name or ANTLR's own phrases ("mismatched input", "extraneous", "no viable alternative").
 */
final class SyntaxMessages {
  private SyntaxMessages() {}

  /** Every token that the grammar's `name` rule accepts: identifiers and contextual keywords. */
  private static final BitSet NAME_TOKENS = new BitSet();

  static {
    NAME_TOKENS.set(FlowLexer.ID);
    for (int t = FlowLexer.PACKAGE; t <= FlowLexer.SUPPORT; t++) {
      NAME_TOKENS.set(t);
    }
    NAME_TOKENS.set(FlowLexer.THEN);
    NAME_TOKENS.set(FlowLexer.OPERATOR);
  }

  private static final int[] STATEMENT_STARTS = {
    FlowLexer.STEP, FlowLexer.APPROVAL, FlowLexer.NOTIFY, FlowLexer.WAIT, FlowLexer.RECEIVE,
    FlowLexer.CALL, FlowLexer.START, FlowLexer.LET, FlowLexer.SET, FlowLexer.IF, FlowLexer.MATCH,
    FlowLexer.PARALLEL, FlowLexer.FIRST, FlowLexer.FOR, FlowLexer.REPEAT, FlowLexer.WHILE,
    FlowLexer.GO, FlowLexer.TRY, FlowLexer.FAIL, FlowLexer.COMPLETE, FlowLexer.CANCEL, FlowLexer.SIGNAL,
    FlowLexer.EXCLUSIVE, FlowLexer.INTERLEAVED
  };
  private static final int[] DECLARATION_STARTS = {
    FlowLexer.ROLE, FlowLexer.SYSTEM, FlowLexer.RECORD, FlowLexer.ENUM, FlowLexer.EVENT,
    FlowLexer.PROCESS, FlowLexer.WORKFLOW
  };
  private static final int[] HEADER_STARTS = {
    FlowLexer.OWNER, FlowLexer.STARTS, FlowLexer.INPUT, FlowLexer.OUTPUT, FlowLexer.DEADLINE,
    FlowLexer.VERSION
  };
  private static final int[] PROCESS_CLAUSE_STARTS = {
    FlowLexer.CATEGORY, FlowLexer.GOAL, FlowLexer.OWNER, FlowLexer.STAKEHOLDERS,
    FlowLexer.WORKFLOWS, FlowLexer.MEASURE
  };
  private static final int[] EXPRESSION_STARTS = {
    FlowLexer.INT, FlowLexer.DECIMAL, FlowLexer.STRING_OPEN, FlowLexer.LPAREN, FlowLexer.LBRACK,
    FlowLexer.TRUE, FlowLexer.FALSE, FlowLexer.NONE, FlowLexer.NOT, FlowLexer.MINUS
  };

  /** What the name after a keyword names: {@code step} is followed by "a step name". */
  private static final Map<Integer, String> NAME_AFTER = Map.ofEntries(
      Map.entry(FlowLexer.STEP, "a step name"),
      Map.entry(FlowLexer.APPROVAL, "an approval name"),
      Map.entry(FlowLexer.ROLE, "a role name"),
      Map.entry(FlowLexer.SYSTEM, "a system name"),
      Map.entry(FlowLexer.RECORD, "a record name"),
      Map.entry(FlowLexer.ENUM, "an enum name"),
      Map.entry(FlowLexer.EVENT, "an event name"),
      Map.entry(FlowLexer.PROCESS, "a process name"),
      Map.entry(FlowLexer.WORKFLOW, "a workflow name"),
      Map.entry(FlowLexer.ACTION, "an action name"),
      Map.entry(FlowLexer.BY, "a role or a system action"),
      Map.entry(FlowLexer.OWNER, "a role"),
      Map.entry(FlowLexer.STAKEHOLDERS, "a role"),
      Map.entry(FlowLexer.WORKFLOWS, "a workflow name"),
      Map.entry(FlowLexer.MEASURE, "a measure name"),
      Map.entry(FlowLexer.FROM, "a milestone (Workflow.start, Workflow.end or Workflow.step)"),
      Map.entry(FlowLexer.ON, "an event name"),
      Map.entry(FlowLexer.AFTER, "a workflow name"),
      Map.entry(FlowLexer.INPUT, "an input name"),
      Map.entry(FlowLexer.OUTPUT, "an output name"),
      Map.entry(FlowLexer.RECEIVE, "a name for the received event"),
      Map.entry(FlowLexer.CALL, "a name for the call's result"),
      Map.entry(FlowLexer.START, "a workflow name"),
      Map.entry(FlowLexer.LET, "a variable name"),
      Map.entry(FlowLexer.TIMES, "'as'"), // `parallel N times as t`: the only name after `times` is the contextual `as`
      Map.entry(FlowLexer.SET, "a variable or output name"),
      Map.entry(FlowLexer.BRANCH, "a branch name"),
      Map.entry(FlowLexer.EACH, "a variable name"),
      Map.entry(FlowLexer.CATCH, "a name for the error or a block"),
      Map.entry(FlowLexer.PACKAGE, "a package name"),
      Map.entry(FlowLexer.IMPORT, "a name to import"),
      Map.entry(FlowLexer.COLON, "a type"),
      Map.entry(FlowLexer.DOT, "a name"),
      Map.entry(FlowLexer.WITH, "a system action"),
      Map.entry(FlowLexer.VIA, "a system name"));

  /** Whether the grammar's `name` rule accepts tokens of this type. */
  static boolean isName(int type) {
    return type >= 0 && NAME_TOKENS.get(type);
  }

  /** "expected X after 'prev'", with what was found. */
  static String expected(IntervalSet expected, Token previous, Token found) {
    StringBuilder s = new StringBuilder("expected ").append(describe(expected, previous));
    if (previous != null) {
      s.append(" after ").append(quote(previous));
    }
    s.append(", found ").append(describeToken(found));
    return s.toString();
  }

  static String describe(IntervalSet expected, Token previous) {
    BitSet set = new BitSet();
    for (int t : expected.toList()) {
      if (t >= 0) {
        set.set(t);
      }
    }
    List<String> phrases = new ArrayList<>();
    // Names first: the contextual keywords are names too, so a set that holds an identifier
    // holds every keyword that could start a statement or a declaration.
    if (containsAll(set, EXPRESSION_STARTS) && set.get(FlowLexer.ID)) {
      clear(set, EXPRESSION_STARTS);
      set.andNot(NAME_TOKENS);
      set.clear(FlowLexer.DURATION);
      set.clear(FlowLexer.DATE);
      set.clear(FlowLexer.TIMESTAMP);
      phrases.add("an expression");
    } else if (set.get(FlowLexer.ID)) {
      set.andNot(NAME_TOKENS);
      String noun = previous == null ? null : NAME_AFTER.get(previous.getType());
      phrases.add(noun != null ? noun : "a name");
    }
    if (containsAll(set, STATEMENT_STARTS)) {
      clear(set, STATEMENT_STARTS);
      // Header clauses are allowed only before the first statement: name just statements.
      clear(set, HEADER_STARTS);
      phrases.add("a statement");
    }
    if (containsAll(set, DECLARATION_STARTS)) {
      clear(set, DECLARATION_STARTS);
      phrases.add("a declaration (role, system, record, enum, event, process or workflow)");
    }
    if (containsAll(set, PROCESS_CLAUSE_STARTS)) {
      clear(set, PROCESS_CLAUSE_STARTS);
      phrases.add("a process clause (category, goal, owner, stakeholders, workflows or measure)");
    }
    List<String> rest = new ArrayList<>();
    for (int t = set.nextSetBit(0); t >= 0; t = set.nextSetBit(t + 1)) {
      rest.add(describeType(t));
    }
    if (rest.size() > 6) {
      rest = rest.subList(0, 6);
      rest.add("…");
    }
    phrases.addAll(rest);
    if (phrases.isEmpty()) {
      return "something else";
    }
    return joinOr(phrases);
  }

  private static boolean containsAll(BitSet set, int[] types) {
    for (int t : types) {
      if (!set.get(t)) {
        return false;
      }
    }
    return true;
  }

  private static void clear(BitSet set, int[] types) {
    for (int t : types) {
      set.clear(t);
    }
  }

  private static String joinOr(List<String> phrases) {
    if (phrases.size() == 1) {
      return phrases.get(0);
    }
    return String.join(", ", phrases.subList(0, phrases.size() - 1)) + " or " + phrases.get(phrases.size() - 1);
  }

  /** A token kind in words. */
  static String describeType(int type) {
    return switch (type) {
      case Token.EOF -> "the end of the file";
      case FlowLexer.ID -> "a name";
      case FlowLexer.INT -> "a whole number";
      case FlowLexer.DECIMAL -> "a number";
      case FlowLexer.DURATION -> "a duration (like 2d or 30m)";
      case FlowLexer.DATE -> "a date";
      case FlowLexer.TIMESTAMP -> "a timestamp";
      case FlowLexer.STRING_OPEN -> "a string";
      case FlowLexer.STRING_CLOSE -> "the end of the string";
      case FlowLexer.IN_PARALLEL -> "'in parallel'";
      case FlowLexer.LBRACE -> "'{'";
      case FlowLexer.RBRACE -> "'}'";
      case FlowLexer.INTERP_OPEN, FlowLexer.STRING_TEXT, FlowLexer.STRING_ESCAPE, FlowLexer.BAD_ESCAPE ->
          "string text";
      case FlowLexer.UNTERMINATED_STRING -> "the end of the line";
      default -> {
        String literal = FlowLexer.VOCABULARY.getLiteralName(type);
        yield literal != null ? literal : "a token";
      }
    };
  }

  /** A token as found, in words. */
  static String describeToken(Token t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t.getType()) {
      case Token.EOF -> "the end of the file";
      case FlowLexer.ID -> "`" + t.getText() + "`";
      case FlowLexer.INT, FlowLexer.DECIMAL -> "the number `" + t.getText() + "`";
      case FlowLexer.DURATION -> "the duration `" + t.getText() + "`";
      case FlowLexer.DATE -> "the date `" + t.getText() + "`";
      case FlowLexer.TIMESTAMP -> "the timestamp `" + t.getText() + "`";
      case FlowLexer.STRING_OPEN -> "a string";
      case FlowLexer.ERROR_CHAR -> "the character `" + t.getText() + "`";
      case FlowLexer.UNTERMINATED_STRING -> "the end of the line";
      default -> quote(t);
    };
  }

  private static String quote(Token t) {
    if (t.getType() == Token.EOF) {
      return "the end of the file";
    }
    if (t.getType() == FlowLexer.STRING_CLOSE || t.getType() == FlowLexer.STRING_OPEN) {
      return "a string";
    }
    String text = t.getText().replace("\n", " ").replace("\r", "");
    if (text.length() > 20) {
      text = text.substring(0, 20) + "…";
    }
    return "'" + text + "'";
  }
}

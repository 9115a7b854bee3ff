package dev.flow.compiler.parse;

import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.parse.antlr.FlowLexer;
import dev.flow.compiler.parse.antlr.FlowParser;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/**
 * What the grammar accepts at a place in a file, for code completion: the keywords that may come
 * there, and the kinds of names (a role after {@code by}, an action after {@code System.}, a field
 * after {@code intake.}, an argument inside an action's parentheses, …) with what the text before
 * the place says about them.
 *
 * <p>It reads only the tokens, never the AST, so it works on the broken text that editing
 * produces: the text after the place does not matter, and a syntax error before it, in the same
 * declaration, is stepped over by starting again at the nearest statement of the same block.
 * Inside a comment or a string (outside its interpolations) nothing is expected.
 */
public final class Expectations {
  private Expectations() {}

  /** The kinds of names a place may take. */
  public enum SlotKind {
    /** A role: {@code owner}, {@code approval x by}, {@code escalate to}, {@code stakeholders}. */
    ROLE,
    /** A system: {@code via}, {@code compensate with}. */
    SYSTEM,
    /** After {@code step x by}: a role, or a system followed by {@code .action(…)}. */
    ROLE_OR_SYSTEM,
    /** An action of the system named by the qualifier: {@code Drive.}. */
    ACTION,
    /** An event: {@code starts on}, {@code receive x:}. */
    EVENT,
    /** A workflow: {@code starts after}, {@code call x:}, {@code start}, {@code workflows}, a measure. */
    WORKFLOW,
    /** A type: built-in, record, event or enum. */
    TYPE,
    /** An error: after {@code fails} of an action or a workflow, after {@code catch x:}. */
    ERROR,
    /** A value in an expression: a variable, input, step, enum, or a built-in function. */
    VALUE,
    /** The target of {@code notify}: a value or a role. */
    NOTIFY_TARGET,
    /** A field (or enum constant) of the path in the qualifier: {@code intake.}, {@code Plan.}. */
    FIELD,
    /**
     * A named argument: the qualifier is {@code [System, action]} or {@code [Workflow]}; the
     * names already given are left out.
     */
    ARGUMENT,
    /** The target of {@code set}: a variable or an output. */
    SET_TARGET,
    /** A step of the workflow: {@code go to}. */
    STEP,
    /** A milestone of the workflow in the qualifier: {@code start}, {@code end} or a step. */
    MILESTONE_POINT,
    /** A constant of the enum that the path in the qualifier has: a {@code match} pattern. */
    ENUM_CONSTANT,
    /** A package or declaration after {@code import}; the qualifier is the package path so far. */
    IMPORT
  }

  /**
   * One kind of name the place takes.
   *
   * @param kind what kind of name
   * @param qualifier what the text before says: the system, the path of names before a dot, the
   *     callee of an argument list (see {@link SlotKind})
   * @param given for {@link SlotKind#ARGUMENT}: the argument names already written
   */
  public record Slot(SlotKind kind, List<String> qualifier, Set<String> given) {
    public Slot {
      qualifier = List.copyOf(qualifier);
      given = Set.copyOf(given);
    }

    static Slot of(SlotKind kind, String... qualifier) {
      return new Slot(kind, List.of(qualifier), Set.of());
    }
  }

  /**
   * What a place expects.
   *
   * @param start where the word being typed starts (the offset itself when there is none)
   * @param prefix the part of that word before the place
   * @param keywords the keywords that may come, sorted; a keyword that must be followed by
   *     another comes as the pair ({@code go to}, {@code for each})
   * @param slots the kinds of names that may come
   */
  public record Expected(int start, String prefix, List<String> keywords, List<Slot> slots) {
    public Expected {
      keywords = List.copyOf(keywords);
      slots = List.copyOf(slots);
    }

    static Expected nothing(int offset) {
      return new Expected(offset, "", List.of(), List.of());
    }

    public boolean isEmpty() {
      return keywords.isEmpty() && slots.isEmpty();
    }
  }

  /** A token of the default channel, with its span in chars. */
  private record Tok(int type, int start, int end, String text) {}

  private static final Set<Integer> PREFERRED = Set.of(FlowParser.RULE_name);

  private static final Set<Integer> DECLARATION_STARTS = Set.of(
      FlowLexer.PACKAGE, FlowLexer.IMPORT, FlowLexer.ROLE, FlowLexer.SYSTEM, FlowLexer.RECORD, FlowLexer.ENUM,
      FlowLexer.EVENT, FlowLexer.PROCESS, FlowLexer.WORKFLOW);

  /** Where the walk may start again, in a workflow's body, when the text before the caret does not parse. */
  private static final Set<Integer> RESTARTS = Set.of(
      FlowLexer.OWNER, FlowLexer.STARTS, FlowLexer.INPUT, FlowLexer.OUTPUT, FlowLexer.DEADLINE, FlowLexer.VERSION,
      FlowLexer.STEP, FlowLexer.APPROVAL, FlowLexer.NOTIFY, FlowLexer.WAIT, FlowLexer.RECEIVE, FlowLexer.CALL,
      FlowLexer.START, FlowLexer.LET, FlowLexer.SET, FlowLexer.IF, FlowLexer.MATCH, FlowLexer.PARALLEL,
      FlowLexer.FIRST, FlowLexer.FOR, FlowLexer.REPEAT, FlowLexer.WHILE, FlowLexer.GO, FlowLexer.TRY,
      FlowLexer.FAIL, FlowLexer.COMPLETE, FlowLexer.CANCEL, FlowLexer.SIGNAL, FlowLexer.EXCLUSIVE, FlowLexer.INTERLEAVED);

  private static final Set<Integer> STRING_INSIDES = Set.of(
      FlowLexer.STRING_OPEN, FlowLexer.STRING_TEXT, FlowLexer.STRING_ESCAPE, FlowLexer.BAD_ESCAPE);

  /** What the place at char {@code offset} of {@code file} expects. */
  public static Expected at(SourceFile file, int offset) {
    String text = file.text();
    int caret = Math.max(0, Math.min(offset, text.length()));
    List<Token> lexed = lex(file);
    if (!withinNestingLimit(file, lexed, caret)) {
      return Expected.nothing(caret);
    }
    List<Tok> toks = tokens(file, lexed);
    int i = 0;
    while (i < toks.size() - 1 && toks.get(i).end() < caret) {
      i++;
    }
    Tok t = toks.get(i);
    int caretIndex = i;
    int start = caret;
    if (t.start() < caret && caret <= t.end() && t.type() != Token.EOF) {
      if (isWord(t.type())) {
        start = t.start();
      } else if (t.type() == FlowLexer.UNTERMINATED_COMMENT || t.type() == FlowLexer.STRING_TEXT
          || (t.type() == FlowLexer.UNTERMINATED_STRING && caret < t.end())) {
        return Expected.nothing(caret);
      } else {
        caretIndex = i + 1;
      }
    }
    String prefix = text.substring(start, caret);
    int previousEnd = caretIndex > 0 ? toks.get(caretIndex - 1).end() : 0;
    if (caretIndex > 0 && STRING_INSIDES.contains(toks.get(caretIndex - 1).type())) {
      return Expected.nothing(caret);
    }
    if (start == caret && inComment(text, Math.min(previousEnd, caret), caret)) {
      return Expected.nothing(caret);
    }
    int[] depths = depths(toks, caretIndex);
    CompletionCore.Candidates found = collect(toks, caretIndex, depths);
    return describe(found, toks, caretIndex, start, prefix);
  }

  // ---- tokens -----------------------------------------------------------------------------------

  private static List<Token> lex(SourceFile file) {
    FlowLexer lexer = new FlowLexer(CharStreams.fromString(file.text(), file.name()));
    lexer.removeErrorListeners();
    CommonTokenStream stream = new CommonTokenStream(lexer);
    stream.fill();
    return stream.getTokens();
  }

  /**
   * Whether the text before the caret nests no deeper than the compiler follows (E003): the walk
   * over the grammar is recursive, so a caret nested deeper would overflow the stack. Deeper text
   * after the caret does not matter, since the walk stops at the caret.
   */
  private static boolean withinNestingLimit(SourceFile file, List<Token> lexed, int caret) {
    List<Token> before = new ArrayList<>();
    for (Token token : lexed) {
      if (token.getType() == Token.EOF || file.charOffset(token.getStartIndex()) >= caret) {
        break;
      }
      before.add(token);
    }
    return NestingLimit.check(file, before, new Diagnostics());
  }

  private static List<Tok> tokens(SourceFile file, List<Token> lexed) {
    List<Tok> out = new ArrayList<>();
    for (Token token : lexed) {
      if (token.getChannel() != Token.DEFAULT_CHANNEL) {
        continue;
      }
      if (token.getType() == Token.EOF) {
        int end = file.text().length();
        out.add(new Tok(Token.EOF, end, end, ""));
      } else {
        int s = file.charOffset(token.getStartIndex());
        int e = file.charOffset(token.getStopIndex() + 1);
        out.add(new Tok(token.getType(), s, Math.max(s, e), token.getText()));
      }
    }
    return out;
  }

  /** An identifier or a keyword: what a word being typed lexes as. */
  private static boolean isWord(int type) {
    if (type == FlowLexer.ID) {
      return true;
    }
    String literal = FlowLexer.VOCABULARY.getLiteralName(type);
    return literal != null && literal.matches("'[a-z]+'");
  }

  /** Whether the caret, after the text {@code [from, caret)} that holds no token, is in a comment. */
  private static boolean inComment(String text, int from, int caret) {
    int i = from;
    while (i < caret) {
      if (text.startsWith("//", i)) {
        int nl = text.indexOf('\n', i);
        if (nl < 0 || nl >= caret) {
          return true;
        }
        i = nl + 1;
      } else if (text.startsWith("/*", i)) {
        int close = text.indexOf("*/", i + 2);
        if (close < 0 || close + 2 > caret) {
          return true;
        }
        i = close + 2;
      } else {
        i++;
      }
    }
    return false;
  }

  /** The brace depth before each token up to the caret ({@code depths[caretIndex]} is the caret's). */
  private static int[] depths(List<Tok> toks, int caretIndex) {
    int[] depths = new int[caretIndex + 1];
    int depth = 0;
    for (int j = 0; j < caretIndex; j++) {
      depths[j] = depth;
      int type = toks.get(j).type();
      if (type == FlowLexer.LBRACE || type == FlowLexer.INTERP_OPEN) {
        depth++;
      } else if (type == FlowLexer.RBRACE && depth > 0) {
        depth--;
      }
    }
    depths[caretIndex] = depth;
    return depths;
  }

  // ---- the walk -----------------------------------------------------------------------------------

  /**
   * Walks the grammar from the start of the declaration that holds the caret; when the text
   * before the caret does not parse, from the nearest statements (or header clauses) of the
   * caret's block instead, as if that block were a workflow's body.
   */
  private static CompletionCore.Candidates collect(List<Tok> toks, int caretIndex, int[] depths) {
    int declaration = 0;
    for (int j = 0; j < caretIndex; j++) {
      if (depths[j] == 0 && DECLARATION_STARTS.contains(toks.get(j).type())
          && (j == 0 || !DECLARATION_STARTS.contains(toks.get(j - 1).type()))) {
        declaration = j;
      }
    }
    CompletionCore.Candidates found = walk(List.of(), toks, declaration, caretIndex);
    if (!found.isEmpty()) {
      return found;
    }
    int caretDepth = depths[caretIndex];
    int tries = 0;
    for (int j = caretIndex - 1; j > declaration && tries < 6 && caretDepth > 0; j--) {
      if (depths[j] < caretDepth) {
        break;
      }
      if (depths[j] == caretDepth && RESTARTS.contains(toks.get(j).type())) {
        tries++;
        found = walk(List.of(FlowLexer.WORKFLOW, FlowLexer.ID, FlowLexer.LBRACE), toks, j, caretIndex);
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    return found;
  }

  private static CompletionCore.Candidates walk(List<Integer> virtual, List<Tok> toks, int from, int caretIndex) {
    int[] types = new int[virtual.size() + caretIndex - from + 1];
    int k = 0;
    for (int v : virtual) {
      types[k++] = v;
    }
    for (int j = from; j <= caretIndex; j++) {
      types[k++] = toks.get(j).type();
    }
    return CompletionCore.collect(FlowParser._ATN, FlowParser.RULE_file, PREFERRED, types);
  }

  // ---- what was found, in Flow's words ----------------------------------------------------------

  private static Expected describe(
      CompletionCore.Candidates found, List<Tok> toks, int caretIndex, int start, String prefix) {
    Set<String> keywords = new TreeSet<>();
    for (Map.Entry<Integer, Set<List<Integer>>> e : found.tokens().entrySet()) {
      String word = keyword(e.getKey());
      if (word == null) {
        continue;
      }
      for (List<Integer> following : e.getValue()) {
        StringBuilder phrase = new StringBuilder(word);
        for (int f : following) {
          String next = keyword(f);
          if (next == null) {
            break;
          }
          phrase.append(' ').append(next);
        }
        keywords.add(phrase.toString());
      }
    }
    if (caretIndex > 0 && toks.get(caretIndex - 1).type() == FlowLexer.TIMES && found.tokens().containsKey(FlowLexer.ID)) {
      keywords.add("as"); // `parallel N times as t`: a contextual word, an identifier to the grammar
    }
    Set<Slot> slots = new LinkedHashSet<>();
    for (List<Integer> path : found.rulePaths()) {
      int parent = path.size() >= 2 ? path.get(path.size() - 2) : -1;
      int grandparent = path.size() >= 3 ? path.get(path.size() - 3) : -1;
      Slot slot = slot(parent, grandparent, toks, caretIndex, !prefix.isEmpty());
      if (slot != null) {
        slots.add(slot);
      }
    }
    return new Expected(start, prefix, new ArrayList<>(keywords), new ArrayList<>(slots));
  }

  /** The keyword a token type stands for, or null when it is not a keyword. */
  private static String keyword(int type) {
    if (type == FlowLexer.IN_PARALLEL) {
      return "in parallel";
    }
    if (type == FlowLexer.CONTINUE_AS_NEW) {
      return "continue as new";
    }
    String literal = FlowLexer.VOCABULARY.getLiteralName(type);
    if (literal == null || !literal.matches("'[a-z]+'")) {
      return null;
    }
    return literal.substring(1, literal.length() - 1);
  }

  private static int type(List<Tok> toks, int index) {
    return index >= 0 && index < toks.size() ? toks.get(index).type() : Token.INVALID_TYPE;
  }

  /** The kind of name that {@code name} stands for when the rule {@code parent} invokes it at the caret. */
  private static Slot slot(int parent, int grandparent, List<Tok> toks, int caretIndex, boolean typing) {
    int p1 = type(toks, caretIndex - 1);
    int p3 = type(toks, caretIndex - 3);
    switch (parent) {
      case FlowParser.RULE_type:
        return Slot.of(SlotKind.TYPE);
      case FlowParser.RULE_qualifiedName:
        return grandparent == FlowParser.RULE_importDecl
            ? new Slot(SlotKind.IMPORT, dottedPath(toks, caretIndex), Set.of()) : null;
      case FlowParser.RULE_processClause:
        return processClause(toks, caretIndex);
      case FlowParser.RULE_milestone:
        return p1 == FlowLexer.DOT
            ? Slot.of(SlotKind.MILESTONE_POINT, toks.get(caretIndex - 2).text()) : Slot.of(SlotKind.WORKFLOW);
      case FlowParser.RULE_workflowClause:
        return switch (p1) {
          case FlowLexer.OWNER, FlowLexer.TO -> Slot.of(SlotKind.ROLE);
          case FlowLexer.ON -> Slot.of(SlotKind.EVENT);
          case FlowLexer.AFTER -> Slot.of(SlotKind.WORKFLOW);
          case FlowLexer.FAILS -> Slot.of(SlotKind.ERROR); // a workflow's `fails A, |`
          case FlowLexer.COMMA -> afterFails(toks, caretIndex) ? Slot.of(SlotKind.ERROR) : null;
          default -> null;
        };
      case FlowParser.RULE_statement:
        return statement(p1, p3);
      case FlowParser.RULE_systemCall:
        return Slot.of(SlotKind.ACTION, toks.get(caretIndex - 2).text());
      case FlowParser.RULE_systemStepOption:
        return p1 == FlowLexer.DOT ? Slot.of(SlotKind.ACTION, toks.get(caretIndex - 2).text()) : Slot.of(SlotKind.SYSTEM);
      case FlowParser.RULE_actionDecl:
        return p1 == FlowLexer.FAILS || p1 == FlowLexer.COMMA && afterFails(toks, caretIndex) ? Slot.of(SlotKind.ERROR) : null;
      case FlowParser.RULE_catchClause:
        return p1 == FlowLexer.COLON ? Slot.of(SlotKind.ERROR) : null;
      case FlowParser.RULE_timeLimit:
        return Slot.of(SlotKind.ROLE);
      case FlowParser.RULE_humanStepTail:
      case FlowParser.RULE_roleArm:
        return Slot.of(SlotKind.ROLE); // `by Sales or |`, `Travel -> |`, `-> TeamLead or |`
      case FlowParser.RULE_argument:
        return argument(toks, caretIndex, typing);
      case FlowParser.RULE_pattern:
        return new Slot(SlotKind.ENUM_CONSTANT, matchSubject(toks, caretIndex), Set.of());
      case FlowParser.RULE_primary:
        return Slot.of(p1 == FlowLexer.NOTIFY ? SlotKind.NOTIFY_TARGET : SlotKind.VALUE);
      case FlowParser.RULE_expression:
        return p1 == FlowLexer.DOT ? new Slot(SlotKind.FIELD, path(toks, caretIndex - 1), Set.of()) : null;
      default:
        return null; // where a name is declared: nothing to complete
    }
  }

  /** Whether the comma before the caret is in the list after {@code fails} ({@code fails A, |}). */
  private static boolean afterFails(List<Tok> toks, int caretIndex) {
    int j = caretIndex - 1;
    while (type(toks, j) == FlowLexer.COMMA && isWord(type(toks, j - 1))) {
      j -= 2;
    }
    return type(toks, j) == FlowLexer.FAILS;
  }

  private static Slot statement(int p1, int p3) {
    return switch (p1) {
      case FlowLexer.BY -> Slot.of(p3 == FlowLexer.STEP ? SlotKind.ROLE_OR_SYSTEM : SlotKind.ROLE);
      case FlowLexer.OR -> Slot.of(SlotKind.ROLE); // `approval a by Sales or |`
      case FlowLexer.COLON -> p3 == FlowLexer.RECEIVE ? Slot.of(SlotKind.EVENT)
          : p3 == FlowLexer.CALL ? Slot.of(SlotKind.WORKFLOW) : null;
      case FlowLexer.START -> Slot.of(SlotKind.WORKFLOW);
      case FlowLexer.VIA -> Slot.of(SlotKind.SYSTEM);
      case FlowLexer.SET -> Slot.of(SlotKind.SET_TARGET);
      case FlowLexer.TO -> Slot.of(SlotKind.STEP);
      default -> null;
    };
  }

  /** {@code owner}, {@code stakeholders a, b,} and {@code workflows a, b,} name roles and workflows. */
  private static Slot processClause(List<Tok> toks, int caretIndex) {
    int j = caretIndex - 1;
    while (type(toks, j) == FlowLexer.COMMA && j >= 1 && isWord(type(toks, j - 1))) {
      j -= 2;
    }
    return switch (type(toks, j)) {
      case FlowLexer.OWNER, FlowLexer.STAKEHOLDERS -> Slot.of(SlotKind.ROLE);
      case FlowLexer.WORKFLOWS -> Slot.of(SlotKind.WORKFLOW);
      default -> null;
    };
  }

  /** The words of {@code a.b.} before the caret (for an import being written). */
  private static List<String> dottedPath(List<Tok> toks, int caretIndex) {
    List<String> out = new ArrayList<>();
    int j = caretIndex - 1;
    while (type(toks, j) == FlowLexer.DOT && isWord(type(toks, j - 1))) {
      out.add(0, toks.get(j - 1).text());
      j -= 2;
    }
    return out;
  }

  /** The names of the path {@code a.b.c} that ends just before the dot at {@code dot}; empty when it is not a plain path. */
  private static List<String> path(List<Tok> toks, int dot) {
    List<String> out = new ArrayList<>();
    int j = dot - 1;
    while (isWord(type(toks, j))) {
      out.add(0, toks.get(j).text());
      if (type(toks, j - 1) != FlowLexer.DOT) {
        return out;
      }
      j -= 2;
    }
    return List.of();
  }

  /**
   * The callee of the argument list the caret is in: {@code [System, action]} before
   * {@code System.action(}, or {@code [Workflow]} before {@code Workflow(}; and the argument names
   * already written in the list, before or after the caret.
   */
  private static Slot argument(List<Tok> toks, int caretIndex, boolean typing) {
    int depth = 0;
    int open = -1;
    for (int j = caretIndex - 1; j >= 0; j--) {
      int type = toks.get(j).type();
      if (type == FlowLexer.RPAREN || type == FlowLexer.RBRACK) {
        depth++;
      } else if (type == FlowLexer.LPAREN || type == FlowLexer.LBRACK) {
        if (depth == 0) {
          open = j;
          break;
        }
        depth--;
      }
    }
    if (open < 1 || !isWord(type(toks, open - 1))) {
      return null;
    }
    List<String> callee = type(toks, open - 2) == FlowLexer.DOT && isWord(type(toks, open - 3))
        ? List.of(toks.get(open - 3).text(), toks.get(open - 1).text())
        : List.of(toks.get(open - 1).text());
    // The names written before the caret, and after it up to the closing parenthesis.
    Set<String> given = new LinkedHashSet<>();
    depth = 0;
    for (int j = open + 1; j < toks.size(); j++) {
      int type = toks.get(j).type();
      if (depth == 0 && (type == FlowLexer.RPAREN || type == FlowLexer.LBRACE || type == FlowLexer.RBRACE)) {
        break;
      }
      if (type == FlowLexer.LPAREN || type == FlowLexer.LBRACK || type == FlowLexer.INTERP_OPEN) {
        depth++;
      } else if ((type == FlowLexer.RPAREN || type == FlowLexer.RBRACK || type == FlowLexer.RBRACE) && depth > 0) {
        depth--;
      } else if (depth == 0 && !(typing && j == caretIndex) && isWord(type) && type(toks, j + 1) == FlowLexer.COLON
          && (j == open + 1 || type(toks, j - 1) == FlowLexer.COMMA)) {
        given.add(toks.get(j).text());
      }
    }
    return new Slot(SlotKind.ARGUMENT, callee, given);
  }

  /** The path after the {@code match} whose braces hold the caret, when it is a plain path. */
  private static List<String> matchSubject(List<Tok> toks, int caretIndex) {
    int depth = 0;
    for (int j = caretIndex - 1; j >= 0; j--) {
      int type = toks.get(j).type();
      if (type == FlowLexer.RBRACE) {
        depth++;
      } else if (type == FlowLexer.LBRACE || type == FlowLexer.INTERP_OPEN) {
        if (depth > 0) {
          depth--;
          continue;
        }
        int m = j - 1;
        while (m >= 0 && (isWord(type(toks, m)) || type(toks, m) == FlowLexer.DOT) && type(toks, m) != FlowLexer.MATCH) {
          m--;
        }
        if (type(toks, m) != FlowLexer.MATCH) {
          return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int k = m + 1; k < j; k++) {
          if (toks.get(k).type() != FlowLexer.DOT) {
            out.add(toks.get(k).text());
          }
        }
        return out;
      }
    }
    return List.of();
  }
}

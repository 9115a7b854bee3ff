package dev.flow.compiler.parse;

import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.parse.antlr.FlowLexer;
import dev.flow.compiler.parse.antlr.FlowParser;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * A file as the formatter sees it: every token and every comment in order, each with the line
 * breaks before it and what the parse tree says about its place. Comments are not tokens the
 * parser keeps, so they are read from the text between tokens.
 */
public final class Layout {
  private final SourceFile file;
  private final List<Token> tokens;
  private final Set<Integer> elementStarts = new HashSet<>();
  private final Set<Integer> unary = new HashSet<>();
  private final Set<Integer> grouping = new HashSet<>();
  private final Set<Integer> angles = new HashSet<>();
  private final Set<Integer> joins = new HashSet<>();
  private final List<Piece> pieces = new ArrayList<>();
  private int pendingNewlines;

  private Layout(SourceFile file, List<Token> tokens) {
    this.file = file;
    this.tokens = tokens;
  }

  /** The pieces of a file, or empty (with the syntax errors in {@code diagnostics}) when it does not parse. */
  public static Optional<List<Piece>> of(SourceFile file, Diagnostics diagnostics) {
    return FlowParsing.tree(file, diagnostics).map(t -> {
      Layout layout = new Layout(file, t.tokens().getTokens());
      layout.mark(t.tree());
      return layout.pieces();
    });
  }

  private void mark(ParseTree node) {
    if (node instanceof ParserRuleContext ctx) {
      if (startsElement(ctx)) {
        elementStarts.add(ctx.getStart().getTokenIndex());
      }
      if (ctx instanceof FlowParser.NegateExprContext n) {
        unary.add(n.getStart().getTokenIndex());
      } else if (ctx instanceof FlowParser.PatternContext p && p.MINUS() != null) {
        unary.add(p.MINUS().getSymbol().getTokenIndex());
      } else if (ctx instanceof FlowParser.ParenExprContext p) {
        grouping.add(p.LPAREN().getSymbol().getTokenIndex());
      } else if (ctx instanceof FlowParser.ContinueAsNewStmtContext n && n.arguments() != null) {
        grouping.add(n.arguments().LPAREN().getSymbol().getTokenIndex()); // `with (…)`, a space before it
      } else if (ctx instanceof FlowParser.TypeContext type && type.LT() != null) {
        angles.add(type.LT().getSymbol().getTokenIndex());
        angles.add(type.GT().getSymbol().getTokenIndex());
      } else if (ctx instanceof FlowParser.IfChainContext chain) {
        join(chain.ELSE());
      } else if (ctx instanceof FlowParser.TryStmtContext t) {
        t.catchClause().forEach(c -> join(c.CATCH()));
      } else if (ctx instanceof FlowParser.RepeatStmtContext r) {
        join(r.UNTIL());
      }
      for (int i = 0; i < ctx.getChildCount(); i++) {
        mark(ctx.getChild(i));
      }
    }
  }

  private void join(TerminalNode node) {
    if (node != null) {
      joins.add(node.getSymbol().getTokenIndex());
    }
  }

  private static boolean startsElement(ParserRuleContext ctx) {
    return ctx instanceof FlowParser.PackageDeclContext
        || ctx instanceof FlowParser.ImportDeclContext
        || ctx instanceof FlowParser.DeclarationContext
        || ctx instanceof FlowParser.SystemMemberContext
        || ctx instanceof FlowParser.FieldContext
        || ctx instanceof FlowParser.EnumConstantContext
        || ctx instanceof FlowParser.ProcessClauseContext
        || ctx instanceof FlowParser.WorkflowMemberContext
        || ctx instanceof FlowParser.StatementContext
        || ctx instanceof FlowParser.MatchArmContext
        || ctx instanceof FlowParser.RoleArmContext
        || ctx instanceof FlowParser.BranchContext;
  }

  private List<Piece> pieces() {
    String text = file.text();
    int previousEnd = 0;
    int i = 0;
    while (i < tokens.size()) {
      Token t = tokens.get(i);
      if (t.getType() == Token.EOF) {
        gap(text.substring(previousEnd));
        break;
      }
      int start = file.charOffset(t.getStartIndex());
      gap(text.substring(previousEnd, start));
      if (t.getType() == FlowLexer.STRING_OPEN) {
        int close = closingQuote(i);
        int end = file.charOffset(tokens.get(close).getStopIndex() + 1);
        add(Piece.Kind.WORD, text.substring(start, end), i);
        previousEnd = end;
        i = close + 1;
        continue;
      }
      int end = file.charOffset(t.getStopIndex() + 1);
      if (t.getChannel() == FlowLexer.DOC) {
        add(Piece.Kind.DOC_COMMENT, text.substring(start, end).stripTrailing(), i);
      } else {
        add(kind(t, i), t.getType() == FlowLexer.IN_PARALLEL ? "in parallel"
            : t.getType() == FlowLexer.CONTINUE_AS_NEW ? "continue as new" : text.substring(start, end), i);
      }
      previousEnd = end;
      i++;
    }
    return List.copyOf(pieces);
  }

  /** The index of the quote that closes the string opened at {@code open} (strings nest in interpolations). */
  private int closingQuote(int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      int type = tokens.get(i).getType();
      if (type == FlowLexer.STRING_OPEN) {
        depth++;
      } else if (type == FlowLexer.STRING_CLOSE && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("a string that parsed has no closing quote");
  }

  /** Reads the comments and line breaks between two tokens. */
  private void gap(String between) {
    int i = 0;
    while (i < between.length()) {
      char c = between.charAt(i);
      if (c == '\r') {
        pendingNewlines++;
        i += i + 1 < between.length() && between.charAt(i + 1) == '\n' ? 2 : 1;
      } else if (c == '\n') {
        pendingNewlines++;
        i++;
      } else if (between.startsWith("//", i)) {
        int end = lineEnd(between, i);
        add(Piece.Kind.LINE_COMMENT, between.substring(i, end).stripTrailing(), -1);
        i = end;
      } else if (between.startsWith("/*", i)) {
        int end = between.indexOf("*/", i + 2) + 2;
        add(Piece.Kind.BLOCK_COMMENT, between.substring(i, end), -1);
        i = end;
      } else {
        i++;
      }
    }
  }

  private static int lineEnd(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  private void add(Piece.Kind kind, String text, int tokenIndex) {
    boolean starts = tokenIndex >= 0 && elementStarts.contains(tokenIndex);
    boolean joinsPrevious = tokenIndex >= 0 && joins.contains(tokenIndex);
    pieces.add(new Piece(kind, text, pendingNewlines, starts, joinsPrevious));
    pendingNewlines = 0;
  }

  private Piece.Kind kind(Token t, int index) {
    switch (t.getType()) {
      case FlowLexer.LBRACE:
        return Piece.Kind.OPEN_BRACE;
      case FlowLexer.RBRACE:
        return Piece.Kind.CLOSE_BRACE;
      case FlowLexer.LPAREN:
        return grouping.contains(index) ? Piece.Kind.OPEN_PAREN : Piece.Kind.OPEN_CALL;
      case FlowLexer.RPAREN:
        return Piece.Kind.CLOSE_PAREN;
      case FlowLexer.LBRACK:
        return Piece.Kind.OPEN_BRACKET;
      case FlowLexer.RBRACK:
        return Piece.Kind.CLOSE_BRACKET;
      case FlowLexer.COMMA:
        return Piece.Kind.COMMA;
      case FlowLexer.COLON:
        return Piece.Kind.COLON;
      case FlowLexer.DOT:
        return Piece.Kind.DOT;
      case FlowLexer.QUESTION:
        return Piece.Kind.QUESTION;
      case FlowLexer.LT:
        return angles.contains(index) ? Piece.Kind.OPEN_ANGLE : Piece.Kind.OPERATOR;
      case FlowLexer.GT:
        return angles.contains(index) ? Piece.Kind.CLOSE_ANGLE : Piece.Kind.OPERATOR;
      case FlowLexer.MINUS:
        return unary.contains(index) ? Piece.Kind.UNARY : Piece.Kind.OPERATOR;
      case FlowLexer.ARROW, FlowLexer.ELVIS, FlowLexer.EQ, FlowLexer.NEQ, FlowLexer.LE, FlowLexer.GE,
          FlowLexer.ASSIGN, FlowLexer.PLUS, FlowLexer.STAR, FlowLexer.SLASH:
        return Piece.Kind.OPERATOR;
      default:
        return Piece.Kind.WORD;
    }
  }
}

package dev.flow.compiler.parse;

import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.parse.antlr.FlowLexer;
import dev.flow.compiler.source.SourceFile;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * E003: a file nested more deeply than the compiler follows. Every stage after the lexer (the
 * parser, the AST, the checks, the generators) walks the model recursively, so a deep enough
 * nesting would overflow the stack; this check measures the nesting on the tokens, in one pass
 * before the parser runs, and reports it in words instead ("nested more than 100 levels deep").
 *
 * <p>A level is an open bracket ({@code { ( [}, a string, an interpolation), an operator in a
 * chain of operators and operands ({@code a + b + c}, {@code a.b.c}, {@code not not x}: each
 * link nests the expression tree one level deeper), or an {@code else} of an
 * {@code else if} chain. A chain ends where one operand follows another (the next statement or
 * clause begins) or at {@code , : -> = ?}.
 */
final class NestingLimit {
  /** How deep a file may nest. Far more than a readable model needs, far less than the stack allows. */
  static final int MAX_DEPTH = 100;

  /** One open bracket: the chain of operators in it so far, and its {@code else if} chain. */
  private static final class Frame {
    int chain;
    int elses;
    boolean lastWasOperand;
    boolean afterBlock;
  }

  private NestingLimit() {}

  /** Reports E003 at the first token that nests too deeply; whether the file is within the limit. */
  static boolean check(SourceFile file, List<Token> tokens, Diagnostics diagnostics) {
    Deque<Frame> open = new ArrayDeque<>();
    open.push(new Frame());
    int depth = 0; // the sum over open frames of 1 + chain + elses, less one for the file itself
    for (Token t : tokens) {
      if (t.getChannel() != Token.DEFAULT_CHANNEL) {
        continue;
      }
      int type = t.getType();
      Frame frame = open.peek();
      if (frame.afterBlock) {
        frame.afterBlock = false;
        if (type != FlowLexer.ELSE) {
          depth -= frame.elses;
          frame.elses = 0;
        }
      }
      if (isOpener(type)) {
        open.push(new Frame());
        depth++;
      } else if (isCloser(type)) {
        if (open.size() > 1) {
          Frame closed = open.pop();
          depth -= 1 + closed.chain + closed.elses;
          Frame outer = open.peek();
          outer.lastWasOperand = true; // a group is an operand (or the block of a statement)
          outer.afterBlock = type == FlowLexer.RBRACE;
        }
        continue;
      } else if (type == FlowLexer.ELSE) {
        frame.elses++;
        depth++;
        depth -= frame.chain;
        frame.chain = 0;
        frame.lastWasOperand = false;
      } else if (isOperator(type)) {
        frame.chain++;
        depth++;
        frame.lastWasOperand = false;
      } else if (isSeparator(type)) {
        depth -= frame.chain;
        frame.chain = 0;
        frame.lastWasOperand = false;
        continue;
      } else {
        if (frame.lastWasOperand) {
          depth -= frame.chain; // one operand after another: a new expression begins
          frame.chain = 0;
        }
        frame.lastWasOperand = true;
        continue;
      }
      if (depth > MAX_DEPTH) {
        diagnostics.add(Diagnostic.of(Code.E003, Spans.of(file, t),
                "nested more than " + MAX_DEPTH + " levels deep")
            .withNote("blocks, brackets, strings and chains of operators each count as a level")
            .withHelp("split the expression or the block: give a part its own `let` or its own workflow"));
        return false;
      }
    }
    return true;
  }

  private static boolean isOpener(int type) {
    return type == FlowLexer.LBRACE || type == FlowLexer.LPAREN || type == FlowLexer.LBRACK
        || type == FlowLexer.STRING_OPEN || type == FlowLexer.INTERP_OPEN;
  }

  private static boolean isCloser(int type) {
    return type == FlowLexer.RBRACE || type == FlowLexer.RPAREN || type == FlowLexer.RBRACK
        || type == FlowLexer.STRING_CLOSE || type == FlowLexer.UNTERMINATED_STRING;
  }

  private static boolean isOperator(int type) {
    return switch (type) {
      case FlowLexer.DOT, FlowLexer.ELVIS, FlowLexer.EQ, FlowLexer.NEQ, FlowLexer.LE, FlowLexer.GE, FlowLexer.LT,
          FlowLexer.GT, FlowLexer.PLUS, FlowLexer.MINUS, FlowLexer.STAR, FlowLexer.SLASH, FlowLexer.AND, FlowLexer.OR,
          FlowLexer.NOT, FlowLexer.IN -> true;
      default -> false;
    };
  }

  private static boolean isSeparator(int type) {
    return type == FlowLexer.COMMA || type == FlowLexer.COLON || type == FlowLexer.ARROW || type == FlowLexer.ASSIGN
        || type == FlowLexer.QUESTION;
  }
}

package dev.flow.compiler.parse;

import dev.flow.compiler.parse.antlr.FlowLexer;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery, with messages in words: {@code expected a step name after 'step'}. Every
 * report goes through {@link Parser#notifyErrorListeners} with a finished message; the listener
 * only turns it into a diagnostic.
 *
 * <p>Two adjustments make recovery fit a language whose keywords are mostly contextual: braces
 * are never deleted to make room for a name (so `approval x by }` does not swallow the block's
 * end and read the next `workflow` keyword as a role), and when a keyword was just read as a
 * name although the grammar wanted that keyword itself (`step by Sales`), the report points at
 * the keyword and asks for the missing name.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {

  @Override
  protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
    report(recognizer, e.getOffendingToken(), e.getExpectedTokens());
  }

  @Override
  protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
    report(recognizer, e.getOffendingToken(), e.getExpectedTokens());
  }

  @Override
  protected void reportFailedPredicate(Parser recognizer, FailedPredicateException e) {
    report(recognizer, e.getOffendingToken(), recognizer.getExpectedTokens());
  }

  @Override
  protected void reportUnwantedToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    report(recognizer, recognizer.getCurrentToken(), getExpectedTokens(recognizer));
  }

  @Override
  protected void reportMissingToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    report(recognizer, recognizer.getCurrentToken(), getExpectedTokens(recognizer));
  }

  @Override
  protected Token singleTokenDeletion(Parser recognizer) {
    int type = recognizer.getInputStream().LA(1);
    if (type == FlowLexer.LBRACE || type == FlowLexer.RBRACE) {
      return null;
    }
    return super.singleTokenDeletion(recognizer);
  }

  /** Called from {@link #reportError} (which has entered error recovery) or the two above. */
  private void report(Parser recognizer, Token offending, IntervalSet expected) {
    Token previous = previous(recognizer, offending);
    if (previous != null
        && previous.getType() != FlowLexer.ID
        && SyntaxMessages.isName(previous.getType())
        && expected.contains(previous.getType())
        && !expected.contains(FlowLexer.ID)) {
      // `step by Sales`: `by` was read as the step's name; the name is what is missing.
      Token before = previous(recognizer, previous);
      String message = SyntaxMessages.expected(IntervalSet.of(FlowLexer.ID), before, previous);
      recognizer.notifyErrorListeners(previous, message, null);
      return;
    }
    recognizer.notifyErrorListeners(offending, SyntaxMessages.expected(expected, previous, offending), null);
  }

  static Token previous(Parser recognizer, Token t) {
    int i = t.getTokenIndex() - 1;
    while (i >= 0) {
      Token p = recognizer.getTokenStream().get(i);
      if (p.getChannel() == Token.DEFAULT_CHANNEL) {
        return p;
      }
      i--;
    }
    return null;
  }
}

package dev.flow.compiler.parse;

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
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {

  @Override
  protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
    report(recognizer, e.getOffendingToken(), e.getExpectedTokens(), e);
  }

  @Override
  protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
    report(recognizer, e.getOffendingToken(), e.getExpectedTokens(), e);
  }

  @Override
  protected void reportFailedPredicate(Parser recognizer, FailedPredicateException e) {
    report(recognizer, e.getOffendingToken(), recognizer.getExpectedTokens(), e);
  }

  @Override
  protected void reportUnwantedToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    Token t = recognizer.getCurrentToken();
    IntervalSet expecting = getExpectedTokens(recognizer);
    recognizer.notifyErrorListeners(t, SyntaxMessages.expected(expecting, previous(recognizer, t), t), null);
  }

  @Override
  protected void reportMissingToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) {
      return;
    }
    beginErrorCondition(recognizer);
    Token t = recognizer.getCurrentToken();
    IntervalSet expecting = getExpectedTokens(recognizer);
    recognizer.notifyErrorListeners(t, SyntaxMessages.expected(expecting, previous(recognizer, t), t), null);
  }

  /** Called from {@link #reportError}, which has already entered error recovery. */
  private void report(Parser recognizer, Token offending, IntervalSet expected, Exception e) {
    String message = SyntaxMessages.expected(expected, previous(recognizer, offending), offending);
    recognizer.notifyErrorListeners(offending, message, null);
  }

  private static Token previous(Parser recognizer, Token t) {
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

package dev.flow.compiler.parse;

import dev.flow.compiler.ast.CompilationUnit;
import dev.flow.compiler.diag.Code;
import dev.flow.compiler.diag.Diagnostic;
import dev.flow.compiler.diag.Diagnostics;
import dev.flow.compiler.parse.antlr.FlowLexer;
import dev.flow.compiler.parse.antlr.FlowParser;
import dev.flow.compiler.source.SourceFile;
import dev.flow.compiler.source.SourceSpan;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CodePointBuffer;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * The one door out of ANTLR: text in, {@link CompilationUnit} and diagnostics out.
 *
 * <p>Parsing is two-stage: first the fast SLL mode that gives up at the first error; only when
 * it does is the file parsed again in full LL mode with recovery, so that every syntax error of
 * the file is reported in words. Bad literals (E002) are found from the tokens. A file with
 * syntax errors gives no AST: it is not checked further.
 */
public final class FlowParsing {
  private FlowParsing() {}

  public static Optional<CompilationUnit> parse(SourceFile file, Diagnostics diagnostics) {
    return tree(file, diagnostics).map(t -> new AstBuilder(file, t.tokens(), diagnostics).file(t.tree()));
  }

  /** The tokens and the parse tree of a file, or empty when the file has syntax errors. */
  static Optional<Tree> tree(SourceFile file, Diagnostics diagnostics) {
    int errorsBefore = diagnostics.errorCount();
    FlowLexer lexer = new FlowLexer(charStream(file));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    LiteralChecker.check(file, tokens.getTokens(), diagnostics);
    if (!NestingLimit.check(file, tokens.getTokens(), diagnostics)) {
      return Optional.empty(); // the parser and every later stage recurse: stop before they overflow
    }

    FlowParser parser = new FlowParser(tokens);
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    FlowParser.FileContext tree;
    try {
      tree = parser.file();
    } catch (ParseCancellationException e) {
      tokens.seek(0);
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.setErrorHandler(new SyntaxErrorStrategy());
      parser.addErrorListener(new Listener(file, diagnostics));
      tree = parser.file();
    }
    if (diagnostics.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new Tree(tokens, tree));
  }

  /**
   * The file's text as ANTLR reads it. A text of 8-bit characters only (nearly every file) becomes
   * the same 8-bit stream {@code CharStreams.fromString} would make, from a copy of its bytes,
   * instead of through a {@code CharBuffer} copy of its chars; any other text goes through
   * {@code fromString}.
   */
  static CharStream charStream(SourceFile file) {
    String text = file.text();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0xFF) {
        return CharStreams.fromString(text, file.name());
      }
    }
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    return CodePointCharStream.fromBuffer(CodePointBuffer.withBytes(bytes), file.name());
  }

  /** A parsed file: every token (the doc channel's too) and the tree. */
  record Tree(CommonTokenStream tokens, FlowParser.FileContext tree) {}

  /**
   * Where a syntax error points: at the offending token, or, when that token is on a later line
   * than the one before it (something is missing at the end of a line), just after the token
   * before it, so the error stands on the line that is incomplete.
   */
  private static SourceSpan where(SourceFile file, Token offending, Token previous) {
    if (previous != null && (offending.getType() == Token.EOF || offending.getLine() > previous.getLine())) {
      int end = file.charOffset(previous.getStopIndex() + 1);
      return file.span(end, end + 1 <= file.text().length() ? end + 1 : end);
    }
    return Spans.of(file, offending);
  }

  /** Turns the strategy's finished messages into E001 diagnostics at the offending token. */
  private static final class Listener extends BaseErrorListener {
    private final SourceFile file;
    private final Diagnostics diagnostics;
    private int lastLine = -1;

    private SourceSpan where(Token t, Recognizer<?, ?> recognizer) {
      Token previous = recognizer instanceof org.antlr.v4.runtime.Parser p ? SyntaxErrorStrategy.previous(p, t) : null;
      return FlowParsing.where(file, t, previous);
    }

    Listener(SourceFile file, Diagnostics diagnostics) {
      this.file = file;
      this.diagnostics = diagnostics;
    }

    @Override
    public void syntaxError(
        Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column, String msg, RecognitionException e) {
      Token t = (Token) offendingSymbol;
      if (t.getType() == FlowLexer.UNTERMINATED_STRING || t.getType() == FlowLexer.UNTERMINATED_COMMENT) {
        return; // already reported as E002
      }
      // Recovery can stumble over the rest of a broken line; one error per line is enough.
      int tokenLine = t.getType() == Token.EOF ? -2 : t.getLine();
      if (tokenLine == lastLine) {
        return;
      }
      lastLine = tokenLine;
      diagnostics.add(Diagnostic.of(Code.E001, where(t, recognizer), msg));
    }
  }
}

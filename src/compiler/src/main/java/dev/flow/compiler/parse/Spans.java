package dev.flow.compiler.parse;

import dev.flow.compiler.source.SourceFile;
import dev.flow.compiler.source.SourceSpan;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Spans of ANTLR tokens and contexts (ANTLR counts code points; spans count chars). */
final class Spans {
  private Spans() {}

  static SourceSpan of(SourceFile file, Token token) {
    if (token.getType() == Token.EOF) {
      int end = file.text().length();
      return file.span(end, end);
    }
    int start = file.charOffset(token.getStartIndex());
    int end = file.charOffset(token.getStopIndex() + 1);
    return file.span(start, end);
  }

  static SourceSpan of(SourceFile file, Token first, Token last) {
    int start = file.charOffset(first.getStartIndex());
    int end = last == null || last.getType() == Token.EOF || last.getStopIndex() < first.getStartIndex()
        ? file.charOffset(first.getStopIndex() + 1)
        : file.charOffset(last.getStopIndex() + 1);
    return file.span(start, end);
  }

  static SourceSpan of(SourceFile file, ParserRuleContext ctx) {
    return of(file, ctx.getStart(), ctx.getStop());
  }
}

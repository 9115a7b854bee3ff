package dev.flow.compiler.parse;

/**
 * One piece of a file's text as the formatter lays it out: a token (a whole string literal is one
 * piece, kept as written) or a comment, with what the parse says about its place.
 *
 * @param kind what the piece is, for spacing
 * @param text the piece's text, as written (a line comment without trailing blanks)
 * @param newlines how many line breaks the source had before it (0: same line as the piece before)
 * @param startsElement whether it starts a declaration, member, clause, statement, field or arm,
 *     which stands at its block's indentation when it begins a line (other tokens that begin a
 *     line continue the one before and are indented one step further)
 * @param joinsPrevious whether it belongs on the line of the piece before: an {@code else},
 *     {@code catch} or {@code until} after a closing brace
 */
public record Piece(Kind kind, String text, int newlines, boolean startsElement, boolean joinsPrevious) {

  /** What a piece is, as far as spacing and indentation care. */
  public enum Kind {
    /** A name, keyword, literal or string: a space on either side. */
    WORD,
    /** A binary operator, {@code =} or {@code ->}: a space on either side. */
    OPERATOR,
    /** A minus sign that negates: no space after it. */
    UNARY,
    COMMA,
    COLON,
    DOT,
    /** The {@code ?} after an optional type. */
    QUESTION,
    OPEN_BRACE,
    CLOSE_BRACE,
    /** A parenthesis that opens arguments or parameters: attached to the name before it. */
    OPEN_CALL,
    /** A parenthesis that groups an expression. */
    OPEN_PAREN,
    CLOSE_PAREN,
    OPEN_BRACKET,
    CLOSE_BRACKET,
    /** The angle brackets of {@code List<T>}. */
    OPEN_ANGLE,
    CLOSE_ANGLE,
    LINE_COMMENT,
    BLOCK_COMMENT,
    DOC_COMMENT;

    public boolean isComment() {
      return this == LINE_COMMENT || this == BLOCK_COMMENT || this == DOC_COMMENT;
    }

    /** Whether nothing may follow it on its line. */
    public boolean endsLine() {
      return this == LINE_COMMENT || this == DOC_COMMENT;
    }
  }
}

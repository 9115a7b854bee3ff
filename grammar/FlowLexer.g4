/*
 * The Flow lexer. String interpolation ("Hello {name}") needs lexer modes, which is why the
 * lexer is a grammar of its own. Keywords are tokens; the parser's `name` rule accepts the
 * contextual ones as ordinary names (LANGUAGE.md §1), so only the reserved words
 * (true false none and or not in if else) can never be names.
 *
 * The lexer never fails: anything it cannot make sense of becomes a token that the parser
 * or the literal checker reports in words (ERROR_CHAR, UNTERMINATED_STRING, BAD_ESCAPE, and
 * number-like words that are not durations).
 */
lexer grammar FlowLexer;

channels { DOC }

@members {
  /** How many string interpolations are open ("...{" without its "}"). */
  private int interpolationDepth = 0;
  /** Depth of open braces inside each open interpolation. */
  private final java.util.ArrayDeque<Integer> braceDepths = new java.util.ArrayDeque<>();
  private boolean pendingUnterminated = false;

  private void openBrace() {
    if (!braceDepths.isEmpty()) {
      braceDepths.push(braceDepths.pop() + 1);
    }
  }

  private void closeBrace() {
    if (!braceDepths.isEmpty()) {
      int depth = braceDepths.pop();
      if (depth == 0) {
        interpolationDepth--;
        popMode();
      } else {
        braceDepths.push(depth - 1);
      }
    }
  }

  private void startInterpolation() {
    interpolationDepth++;
    braceDepths.push(0);
    pushMode(DEFAULT_MODE);
  }

  /** Stands for a {@code WS} token that is dropped: returned by {@link #emit()} instead of a new token. */
  private static final org.antlr.v4.runtime.Token DROPPED = new org.antlr.v4.runtime.CommonToken(WS);

  /**
   * {@code WS}, {@code LBRACE} and {@code RBRACE} have no lexer action (an action runs through
   * ANTLR's action executor for every token): their work is done here. White space is dropped
   * without making a token for it; a line break inside an interpolation ends the string that
   * holds it: that white space is unterminated.
   */
  @Override
  public org.antlr.v4.runtime.Token emit() {
    if (_type == LBRACE) {
      openBrace();
    } else if (_type == RBRACE) {
      closeBrace();
    } else if (_type == WS) {
      if (interpolationDepth > 0 && getText().indexOf('\n') >= 0) {
        unwindInterpolations();
        _type = UNTERMINATED_STRING;
      } else {
        _token = DROPPED;
        return DROPPED;
      }
    }
    return super.emit();
  }

  /** Leaves every open interpolation and the strings that hold them. */
  private void unwindInterpolations() {
    while (interpolationDepth > 0) {
      interpolationDepth--;
      braceDepths.pop();
      popMode(); // back to STRING
      popMode(); // back to where the string began
    }
  }

  @Override
  public org.antlr.v4.runtime.Token nextToken() {
    org.antlr.v4.runtime.Token t = super.nextToken();
    while (t == DROPPED) {
      t = super.nextToken();
    }
    if (t.getType() == EOF && (_mode == STRING || interpolationDepth > 0) && !pendingUnterminated) {
      // End of file inside a string: report it as unterminated, then the end.
      pendingUnterminated = true;
      interpolationDepth = 0;
      braceDepths.clear();
      _modeStack.clear();
      _mode = DEFAULT_MODE;
      org.antlr.v4.runtime.CommonToken u = new org.antlr.v4.runtime.CommonToken(t);
      u.setType(UNTERMINATED_STRING);
      u.setText("");
      _hitEOF = false;
      return u;
    }
    return t;
  }
}

// ---- trivia ---------------------------------------------------------------------------------

DOC_COMMENT   : '///' ~[\r\n]* -> channel(DOC) ;
LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
// A comment that never closes (its text holds no `*/`).
UNTERMINATED_COMMENT : '/*' ( ~[*] | '*'+ ~[*/] )* '*'* EOF ;
// Dropped in emit() (or, with a line break inside an interpolation, UNTERMINATED_STRING).
WS            : [ \t\r\n\f]+ ;

// ---- keywords (reserved first) ---------------------------------------------------------------

TRUE  : 'true' ;
FALSE : 'false' ;
NONE  : 'none' ;
AND   : 'and' ;
OR    : 'or' ;
NOT   : 'not' ;
IF    : 'if' ;
ELSE  : 'else' ;
// `in parallel` is one token so that `for each x in items in parallel` never reads as a
// membership test `items in parallel`.
IN_PARALLEL : 'in' [ \t\r\n]+ 'parallel' { !Character.isJavaIdentifierPart(_input.LA(1)) }? ;
IN    : 'in' ;
// `continue as new` is one token, so `continue`, `as` and `new` stay free as names.
CONTINUE_AS_NEW : 'continue' [ \t\r\n]+ 'as' [ \t\r\n]+ 'new' { !Character.isJavaIdentifierPart(_input.LA(1)) }? ;

PACKAGE      : 'package' ;
IMPORT       : 'import' ;
ROLE         : 'role' ;
SYSTEM       : 'system' ;
ACTION       : 'action' ;
RECORD       : 'record' ;
ENUM         : 'enum' ;
EVENT        : 'event' ;
PROCESS      : 'process' ;
WORKFLOW     : 'workflow' ;
CATEGORY     : 'category' ;
GOAL         : 'goal' ;
OWNER        : 'owner' ;
STAKEHOLDERS : 'stakeholders' ;
WORKFLOWS    : 'workflows' ;
MEASURE      : 'measure' ;
FROM         : 'from' ;
TO           : 'to' ;
TARGET       : 'target' ;
INPUT        : 'input' ;
OUTPUT       : 'output' ;
STARTS       : 'starts' ;
ON           : 'on' ;
AFTER        : 'after' ;
EVERY        : 'every' ;
MANUALLY     : 'manually' ;
DEADLINE     : 'deadline' ;
ESCALATE     : 'escalate' ;
VERSION      : 'version' ;
STEP         : 'step' ;
BY           : 'by' ;
WITHIN       : 'within' ;
RETRY        : 'retry' ;
TIMES        : 'times' ;
BACKOFF      : 'backoff' ;
TIMEOUT      : 'timeout' ;
COMPENSATE   : 'compensate' ;
WITH         : 'with' ;
APPROVAL     : 'approval' ;
NOTIFY       : 'notify' ;
VIA          : 'via' ;
WAIT         : 'wait' ;
UNTIL        : 'until' ;
RECEIVE      : 'receive' ;
WHERE        : 'where' ;
CALL         : 'call' ;
START        : 'start' ;
LET          : 'let' ;
SET          : 'set' ;
MATCH        : 'match' ;
PARALLEL     : 'parallel' ;
BRANCH       : 'branch' ;
WHEN         : 'when' ;
FIRST        : 'first' ;
FOR          : 'for' ;
EACH         : 'each' ;
REPEAT       : 'repeat' ;
AT           : 'at' ;
MOST         : 'most' ;
WHILE        : 'while' ;
GO           : 'go' ;
TRY          : 'try' ;
CATCH        : 'catch' ;
ERROR        : 'error' ;
FAILS        : 'fails' ;
ASSIGN_KW    : 'assign' ;
EMIT         : 'emit' ;
KEYED        : 'keyed' ;
YIELD        : 'yield' ;
FAIL         : 'fail' ;
COMPLETE     : 'complete' ;
CANCEL       : 'cancel' ;
JOIN         : 'join' ;
SIGNAL       : 'signal' ;
EXCLUSIVE    : 'exclusive' ;
INTERLEAVED  : 'interleaved' ;
// `receive new e: E`: a receive that takes only events published once it waits (a transient trigger).
NEW          : 'new' ;
// `region NAME { … }` and `cancel region NAME` (WCP 25): a cancel region's blocks and its cancel.
REGION       : 'region' ;
OPERATIONAL  : 'operational' ;
MANAGEMENT   : 'management' ;
SUPPORT      : 'support' ;
THEN         : 'then' ;
OPERATOR     : 'operator' ;

// ---- literals -------------------------------------------------------------------------------

// An instant: a date, a time of day and its offset from UTC (`Z` or `+01:00`); checked after lexing.
TIMESTAMP : [0-9] [0-9] [0-9] [0-9] '-' [0-9] [0-9] '-' [0-9] [0-9] 'T' [0-9] [0-9] ':' [0-9] [0-9]
            (':' [0-9] [0-9] ('.' [0-9]+)?)? ('Z' | [+-] [0-9] [0-9] ':' [0-9] [0-9]) ;
DATE     : [0-9] [0-9] [0-9] [0-9] '-' [0-9] [0-9] '-' [0-9] [0-9] ;
// A number followed directly by letters is one token: a duration when it is one (checked
// after lexing: units s m h d w, descending, each once), else a bad literal.
DURATION : [0-9] [0-9_]* ('.' [0-9] [0-9_]*)? [A-Za-z] [A-Za-z0-9_]* ;
DECIMAL  : [0-9] [0-9_]* '.' [0-9] [0-9_]* ;
INT      : [0-9] [0-9_]* ;
STRING_OPEN : '"' -> pushMode(STRING) ;

ID : [A-Za-z_] [A-Za-z0-9_]* ;

// ---- punctuation ----------------------------------------------------------------------------

LBRACE   : '{' ; // openBrace() in emit()
RBRACE   : '}' ; // closeBrace() in emit()
LPAREN   : '(' ;
RPAREN   : ')' ;
LBRACK   : '[' ;
RBRACK   : ']' ;
COMMA    : ',' ;
DOT      : '.' ;
COLON    : ':' ;
ARROW    : '->' ;
ELVIS    : '??' ;
EQ       : '==' ;
NEQ      : '!=' ;
LE       : '<=' ;
GE       : '>=' ;
LT       : '<' ;
GT       : '>' ;
ASSIGN   : '=' ;
PLUS     : '+' ;
MINUS    : '-' ;
STAR     : '*' ;
SLASH    : '/' ;
QUESTION : '?' ;

ERROR_CHAR : . ;

// ---- inside "..." ---------------------------------------------------------------------------

mode STRING;

STRING_CLOSE  : '"' -> popMode ;
STRING_TEXT   : ~["\\{\r\n]+ ;
STRING_ESCAPE : '\\' ["\\nt{] ;
BAD_ESCAPE    : '\\' ~[\r\n]? ;
INTERP_OPEN   : '{' { startInterpolation(); } ;
UNTERMINATED_STRING : ('\r'? '\n' | '\r') { popMode(); unwindInterpolations(); } ;

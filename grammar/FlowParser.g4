/*
 * The Flow parser (LANGUAGE.md). Newlines are not significant: every statement starts with a
 * keyword and no expression continues across a keyword, so a statement ends where the next
 * one begins. Doc comments travel on the DOC channel and are attached by the AST builder.
 *
 * Rule and label names never reach users: the syntax-error reporter turns expectations into
 * words, and the AST builder is the only code that reads these contexts.
 */
parser grammar FlowParser;

options { tokenVocab = FlowLexer; }

// ---- files and declarations -----------------------------------------------------------------

file
  : packageDecl? importDecl* declaration* EOF
  ;

packageDecl
  : PACKAGE qualifiedName
  ;

importDecl
  : IMPORT qualifiedName (DOT wildcard=STAR)?
  ;

qualifiedName
  : name (DOT name)*
  ;

declaration
  : roleDecl
  | systemDecl
  | recordDecl
  | enumDecl
  | eventDecl
  | errorDecl
  | processDecl
  | workflowDecl
  ;

roleDecl
  : ROLE name title=string?
  ;

systemDecl
  : SYSTEM name title=string? (LBRACE systemMember* RBRACE)?
  ;

systemMember
  : actionDecl
  | retryPolicy
  | timeoutPolicy
  ;

actionDecl
  : ACTION name LPAREN (field (COMMA field)* COMMA?)? RPAREN (COLON type)? (FAILS name (COMMA name)*)?
  ;

retryPolicy
  : RETRY count=INT TIMES (EVERY interval=DURATION)? (BACKOFF factor=number)? (AT MOST maxInterval=DURATION)?
    (WITHIN limit=DURATION)? (THEN WAIT FOR OPERATOR)?
  ;

timeoutPolicy
  : TIMEOUT DURATION
  ;

recordDecl
  : RECORD name LBRACE fieldList? RBRACE
  ;

eventDecl
  : EVENT name LBRACE fieldList? RBRACE
  ;

// `error CardDeclined { reason: Text }`: a business outcome an action can end with.
errorDecl
  : ERROR name LBRACE fieldList? RBRACE
  ;

enumDecl
  : ENUM name LBRACE enumConstant (COMMA? enumConstant)* COMMA? RBRACE
  ;

enumConstant
  : name
  ;

fieldList
  : field (COMMA? field)* COMMA?
  ;

field
  : name COLON type
  ;

type
  : name (LT type GT)? optional=QUESTION?
  ;

// ---- processes ------------------------------------------------------------------------------

processDecl
  : PROCESS name LBRACE processClause* RBRACE
  ;

processClause
  : CATEGORY categoryValue                                            # categoryClause
  | GOAL string                                                       # goalClause
  | OWNER name                                                        # processOwnerClause
  | STAKEHOLDERS name (COMMA name)*                                   # stakeholdersClause
  | WORKFLOWS name (COMMA name)*                                      # workflowsClause
  | MEASURE name title=string? FROM from=milestone TO to=milestone (TARGET DURATION)?  # measureClause
  ;

categoryValue
  : OPERATIONAL
  | MANAGEMENT
  | SUPPORT
  ;

milestone
  : workflow=name DOT point=name
  ;

// ---- workflows ------------------------------------------------------------------------------

workflowDecl
  : WORKFLOW name LBRACE workflowMember* RBRACE
  ;

// Header clauses must come first; the AST builder reports one that comes after a statement.
workflowMember
  : workflowClause
  | statement
  ;

workflowClause
  : OWNER name                                                        # workflowOwnerClause
  | STARTS MANUALLY                                                   # startsManuallyClause
  | STARTS ON name (KEYED BY key=expression)?                         # startsOnClause
  | STARTS AFTER name                                                 # startsAfterClause
  | STARTS EVERY string                                               # startsEveryClause
  | INPUT name COLON type                                             # inputClause
  | OUTPUT name COLON type                                            # outputClause
  | DEADLINE limit=expression (ESCALATE TO escalation=name)? deadlineEnd?  # deadlineClause
  | VERSION INT                                                       # versionClause
  | FAILS name (COMMA name)*                                          # workflowFailsClause
  ;

// `deadline 30d cancel "…"` / `fail "…"`: what happens to the instance when its deadline passes.
deadlineEnd
  : CANCEL expression
  | FAIL expression
  ;

// ---- statements -----------------------------------------------------------------------------

block
  : LBRACE statement* RBRACE
  ;

statement
  : STEP name BY (owner=name (systemCall | humanStepTail) | roleMatch decidedStepTail)  # stepStmt
  | APPROVAL name BY (role=name (OR otherRoles+=name)* | roleMatch) people timeLimit?  # approvalStep
  | NOTIFY target=expression (VIA via=name)? message=expression                 # notifyStmt
  | WAIT (FOR signal=name | UNTIL until=expression | duration=expression)        # waitStmt
  | RECEIVE fresh=NEW? name COLON event=name (WHERE where=expression)? (WITHIN within=expression)?  # receiveStmt
  | CALL name COLON workflow=name arguments                                     # callStmt
  | START workflow=name arguments                                               # startStmt
  | LET name (COLON type)? ASSIGN (collectLoop | expression)                    # letStmt
  | SET name ASSIGN expression                                                  # setStmt
  | ifChain                                                                     # ifStmt
  | MATCH expression LBRACE matchArm* RBRACE                                    # matchStmt
  | PARALLEL (JOIN count=INT)? LBRACE branch* RBRACE                            # parallelStmt
  | FIRST count=INT? (TO byStart=START)? LBRACE branch* RBRACE                  # firstStmt
  | FOR EACH name IN expression (IN_PARALLEL (JOIN join=INT | FIRST first=INT)?)? block  # forEachStmt
  | REPEAT AT MOST expression TIMES block (UNTIL expression)?                   # repeatStmt
  | WHILE expression block                                                      # whileStmt
  | GO TO name                                                                  # goToStmt
  | TRY block catchClause+                                                      # tryStmt
  | FAIL expression                                                             # failStmt
  | COMPLETE                                                                    # completeStmt
  // `cancel region NAME` (WCP 25): withdraws every running block of the region and skips those reached later;
  // `region` is contextual (a name elsewhere), so `cancel region` of a variable `region` still parses as the next line
  | CANCEL REGION region=name                                                   # cancelRegionStmt
  | CANCEL expression                                                           # cancelStmt
  | SIGNAL name                                                                 # signalStmt
  | EXCLUSIVE name block                                                        # exclusiveStmt
  | INTERLEAVED LBRACE branch* RBRACE                                           # interleavedStmt
  | EMIT event=expression                                                       # emitStmt
  | YIELD expression                                                            # yieldStmt
  // `for each bid: Bid [where …] [within D] in parallel [join N] until closed: LotClosed [where …] [within D] { … }`
  // or `… until within D { … }` (WCP 15, 36): closed by the event, by a time limit, or by a quiet `within` on the item
  | FOR EACH item=name COLON event=name (WHERE where=expression)? (WITHIN quiet=expression)? IN_PARALLEL (JOIN join=INT)?
      UNTIL (close=name COLON closeEvent=name (WHERE closeWhere=expression)? (WITHIN within=expression)?
        | WITHIN within=expression) block  # forEachArrivingStmt
  // `continue as new with (field: value, …)`: ends this instance and starts the workflow afresh with that input.
  | CONTINUE_AS_NEW (WITH arguments)?                                            # continueAsNewStmt
  // `parallel N times { … }` (WCP 41, 42): N threads of the block at once in this instance; it ends when all have
  // `as t` (a contextual word, still a name elsewhere) gives each thread its number 1..N as `t`
  | PARALLEL threads=expression TIMES ({_input.LT(1).getText().equals("as")}? ID threadNumber=name)? block # threadsStmt
  // `parallel { branch … } after each branch { … }` (WCP 8): the block runs once for each branch as it ends, at once
  | PARALLEL LBRACE branch* RBRACE AFTER EACH BRANCH block                      # multiMergeStmt
  // `start each NAME in LIST { … }` (WCP 12): a round per item, all at once; the workflow goes on at once beside them
  | START EACH name IN expression block                                         # startEachStmt
  // `region NAME { … }` (WCP 25): one block of a cancel region; the blocks of one name may be anywhere in the workflow
  | REGION region=name block                                                    # regionStmt
  ;

// `let verdicts = for each r in reviewers [in parallel] { …; yield VALUE }`: a loop whose rounds' values make a list.
collectLoop
  : FOR EACH variable=name IN expression (IN_PARALLEL (JOIN join=INT | FIRST first=INT)?)? block
  ;

// `catch declined: CardDeclined { … }` handles one declared error; `catch [name] { … }` any failure.
catchClause
  : CATCH (variable=name (COLON errorType=name)?)? block
  ;

// `step x by System.action(…)`: a system step.
systemCall
  : DOT action=name arguments systemStepOption*
  ;

// `step x by Role [or Role…] [assign to …] [not by …] [within …] [{ form }]`: a task for a person.
humanStepTail
  : (OR otherRoles+=name)* people timeLimit? form?
  ;

// `step x by match … { … } [assign to …] [not by …] [within …] [{ form }]`: a task for a role decided from data.
decidedStepTail
  : people timeLimit? form?
  ;

// `assign to request.manager not by approve.completedBy, review.completedBy`: who does a human step.
people
  : (ASSIGN_KW TO assignee=expression)? (NOT BY excluded+=expression (COMMA excluded+=expression)*)?
  ;

// `match request.kind { Travel -> TeamLead, else -> Finance }`: a role decided from data.
roleMatch
  : MATCH subject=expression LBRACE roleArm (COMMA? roleArm)* COMMA? RBRACE
  ;

roleArm
  : ELSE ARROW roles+=name (OR roles+=name)*                          # elseRoleArm
  | pattern (COMMA pattern)* ARROW roles+=name (OR roles+=name)*      # patternRoleArm
  ;

timeLimit
  : WITHIN within=expression (ESCALATE TO escalation=name)?
  | ESCALATE TO escalation=name
  ;

form
  : LBRACE fieldList? RBRACE
  ;

systemStepOption
  : retryPolicy                                                       # retryOption
  | timeoutPolicy                                                     # timeoutOption
  | COMPENSATE WITH system=name DOT action=name arguments             # compensateOption
  ;

arguments
  : LPAREN (argument (COMMA argument)* COMMA?)? RPAREN
  ;

argument
  : name COLON expression
  ;

ifChain
  : IF expression block (ELSE (ifChain | block))?
  ;

matchArm
  : ELSE ARROW block                                                  # elseArm
  | pattern (COMMA pattern)* ARROW block                              # patternArm
  ;

pattern
  : name
  | string
  | MINUS? INT
  | MINUS? DECIMAL
  | comparison=(LT | LE | GT | GE) MINUS? bound=(INT | DECIMAL)
  ;

branch
  : BRANCH name (WHEN expression)? block
  ;

// ---- expressions, loosest last (ANTLR gives earlier alternatives higher precedence) ---------

expression
  : primary                                                           # primaryExpr
  | expression DOT name                                               # fieldExpr
  | MINUS expression                                                  # negateExpr
  | expression op=(STAR | SLASH) expression                           # multiplyExpr
  | expression op=(PLUS | MINUS) expression                           # addExpr
  | <assoc=right> expression ELVIS expression                         # elvisExpr
  | expression op=(EQ | NEQ | LT | LE | GT | GE | IN) expression       # compareExpr
  | NOT expression                                                    # notExpr
  | expression AND expression                                         # andExpr
  | expression OR expression                                          # orExpr
  ;

primary
  : literal                                                           # literalExpr
  | name LPAREN argument (COMMA argument)* COMMA? RPAREN              # constructExpr
  | name LPAREN (expression (COMMA expression)*)? RPAREN              # callExpr
  | name                                                              # nameExpr
  | LPAREN expression RPAREN                                          # parenExpr
  | LBRACK (expression (COMMA expression)* COMMA?)? RBRACK             # listExpr
  ;

literal
  : INT
  | DECIMAL
  | DURATION
  | DATE
  | TIMESTAMP
  | TRUE
  | FALSE
  | NONE
  | string
  ;

number
  : INT
  | DECIMAL
  ;

string
  : STRING_OPEN stringPart* (STRING_CLOSE | UNTERMINATED_STRING)
  ;

stringPart
  : STRING_TEXT                                                       # textPart
  | STRING_ESCAPE                                                     # escapePart
  | BAD_ESCAPE                                                        # badEscapePart
  | INTERP_OPEN expression RBRACE                                     # interpolationPart
  ;

// A name: an identifier or any keyword that is not reserved (LANGUAGE.md §1).
name
  : ID
  | PACKAGE | IMPORT | ROLE | SYSTEM | ACTION | RECORD | ENUM | EVENT | PROCESS | WORKFLOW
  | CATEGORY | GOAL | OWNER | STAKEHOLDERS | WORKFLOWS | MEASURE | FROM | TO | TARGET
  | INPUT | OUTPUT | STARTS | ON | AFTER | EVERY | MANUALLY | DEADLINE | ESCALATE | VERSION
  | STEP | BY | WITHIN | RETRY | TIMES | BACKOFF | TIMEOUT | COMPENSATE | WITH | APPROVAL
  | NOTIFY | VIA | WAIT | UNTIL | RECEIVE | WHERE | CALL | START | LET | SET | MATCH
  | PARALLEL | BRANCH | WHEN | FIRST | FOR | EACH | REPEAT | AT | MOST | WHILE | GO | TRY
  | CATCH | FAIL | COMPLETE | CANCEL | OPERATIONAL | MANAGEMENT | SUPPORT | ERROR | FAILS | ASSIGN_KW
  | JOIN | SIGNAL | EXCLUSIVE | INTERLEAVED | NEW | REGION
  | THEN | OPERATOR
  | EMIT | KEYED
  | YIELD
  ;

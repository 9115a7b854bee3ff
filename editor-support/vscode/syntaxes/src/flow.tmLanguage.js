// The source of syntaxes/flow.tmLanguage.json. Edit this file, then run `npm run build:grammar`;
// `npm test` fails when the JSON is not what this file builds.
//
// Flow's keywords are contextual (LANGUAGE.md §1): only `true false none and or not in if else`
// are reserved, and every other keyword is an ordinary name where the parser does not expect
// the keyword. A TextMate grammar sees one line at a time and cannot parse, so it tells the
// two apart by context and by shape:
//
// - the region it is in: top level (declarations), a system body, a record or event body, an
//   enum body, a process body, a workflow body or a block (statements), parentheses
//   (arguments, parameters), an interpolation (an expression);
// - what precedes the word: `.start` is a member, never a keyword;
// - what follows it: `start:` is a field, parameter or argument name; `step` is a keyword only
//   in `step NAME by`, `start` only in `start NAME(`, `complete` only where no operator
//   follows, and so on (see `shape` below).
//
// The scope names by role are listed in README.md ("Scopes").

'use strict';

const r = String.raw;

// ---- shared fragments ---------------------------------------------------------------------------

const ID = r`[A-Za-z_][A-Za-z0-9_]*`;
const RESERVED = r`(?:true|false|none|and|or|not|in|if|else)\b`;
/** A name: any identifier except a reserved word. */
const NAME = r`(?!${RESERVED})${ID}`;
/** Starts a word that is not a member access (`.name`, `. name`). */
const W = r`(?<![\w.])(?<!\.\s)`;
/** Not an operand: no operator, `(`, `,` or `[` directly (or one space) before the word. */
const NOT_OPERAND = r`(?<![=+*/<>(,\[!?-])(?<![=+*/<>(,\[!?-]\s)`;
/** Not the condition of `if`, `while`, … (`if complete {` reads a variable called `complete`). */
const NOT_CONDITION = ['if', 'while', 'not', 'and', 'or', 'when', 'until', 'where', 'match', 'in']
  .map((word) => r`(?<!\b${word}\s)`)
  .join('');
/** A keyword that stands where a statement may begin. */
const S = W + NOT_OPERAND + NOT_CONDITION;
/** What may begin an expression after a keyword (not a binary operator such as `and`). */
const EXPR_AHEAD = r`(?=(?!(?:and|or|in)\b)[\w"(\[-])`;
/** A type: `Text`, `Text?`, `List<Document>`, `List<List<Int?>>?` (nested three deep). */
const TYPE = (() => {
  const opt = r`(?:\s*\?)?`;
  const level = (inner) => r`${ID}(?:\s*<\s*${inner}\s*>)?${opt}`;
  return level(level(level(r`${ID}${opt}`)));
})();
const DIGITS = r`\d(?:_?\d)*`;

// ---- scope names ----------------------------------------------------------------------------------

const scope = {
  package: 'keyword.other.package.flow',
  import: 'keyword.other.import.flow',
  declaration: (kind) => `storage.type.${kind}.flow`,
  clause: 'keyword.other.clause.flow',
  trigger: 'keyword.other.trigger.flow',
  step: 'keyword.other.step.flow',
  option: 'keyword.other.option.flow',
  let: 'storage.type.let.flow',
  set: 'keyword.other.set.flow',
  conditional: 'keyword.control.conditional.flow',
  loop: 'keyword.control.loop.flow',
  concurrency: 'keyword.control.concurrency.flow',
  trycatch: 'keyword.control.trycatch.flow',
  goto: 'keyword.control.goto.flow',
  end: 'keyword.control.end.flow',
  category: 'constant.language.category.flow',

  namespace: 'entity.name.namespace.flow',
  type: 'entity.name.type.flow',
  role: 'entity.name.type.role.flow',
  system: 'entity.name.type.system.flow',
  record: 'entity.name.type.record.flow',
  enum: 'entity.name.type.enum.flow',
  event: 'entity.name.type.event.flow',
  process: 'entity.name.type.process.flow',
  workflow: 'entity.name.type.workflow.flow',
  builtinType: 'support.type.builtin.flow',
  action: 'entity.name.function.action.flow',
  stepName: 'entity.name.function.step.flow',
  branchName: 'entity.name.function.branch.flow',
  signalName: 'entity.name.function.signal.flow',
  measureName: 'entity.name.function.measure.flow',
  milestone: 'variable.language.milestone.flow',
  builtinFunction: 'support.function.builtin.flow',
  function: 'entity.name.function.flow',
  field: 'variable.other.property.flow',
  enumMember: 'variable.other.enummember.flow',
  parameter: 'variable.parameter.flow',
  input: 'variable.parameter.input.flow',
  output: 'variable.other.output.flow',
  variable: 'variable.other.readwrite.flow',

  accessor: 'punctuation.accessor.flow',
  comma: 'punctuation.separator.comma.flow',
  colon: 'punctuation.separator.colon.flow',
  wildcard: 'keyword.operator.wildcard.flow',
  optional: 'keyword.operator.optional.flow',
};

/** Captures of a type: built-in types, names of declared types, `<`, `>` and `?`. */
const typeCapture = (group) => ({ [group]: { patterns: [{ include: '#type' }] } });
/** Captures of a reference to a declaration (`Drive`, `AccountManager`). */
const named = (name) => ({ name });

// ---- the grammar ----------------------------------------------------------------------------------

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Flow',
  scopeName: 'source.flow',
  fileTypes: ['flow'],
  patterns: [{ include: '#top-level' }],
  repository: {
    // ---- files and declarations ------------------------------------------------------------------
    'top-level': {
      patterns: [
        { include: '#comments' },
        { include: '#package' },
        { include: '#import' },
        { include: '#role' },
        { include: '#declaration-system' },
        { include: '#declaration-record' },
        { include: '#declaration-event' },
        { include: '#declaration-error' },
        { include: '#declaration-enum' },
        { include: '#declaration-process' },
        { include: '#declaration-workflow' },
        {
          comment: 'A declaration keyword without its name yet (while typing).',
          match: r`${W}(role|system|record|enum|event|error|process|workflow)\b(?!\s*:)`,
          name: 'storage.type.flow',
        },
        { include: '#string' },
      ],
    },
    package: {
      match: r`${W}(package)\b(?:\s+(${ID}(?:\s*\.\s*${ID})*))?`,
      captures: {
        1: named(scope.package),
        2: { patterns: [{ match: ID, name: scope.namespace }, { match: r`\.`, name: scope.accessor }] },
      },
    },
    import: {
      match: r`${W}(import)\b(?:\s+((?:${ID}\s*\.\s*)*)(?:(\*)|(${ID}))?)?`,
      captures: {
        1: named(scope.import),
        2: { patterns: [{ match: ID, name: scope.namespace }, { match: r`\.`, name: scope.accessor }] },
        3: named(scope.wildcard),
        4: named(scope.type),
      },
    },
    role: {
      match: r`${W}(role)\s+(${NAME})`,
      captures: { 1: named(scope.declaration('role')), 2: named(scope.role) },
    },
    'declaration-system': declaration('system', scope.system, '#system-body'),
    'declaration-record': declaration('record', scope.record, '#fields-body'),
    'declaration-event': declaration('event', scope.event, '#fields-body'),
    'declaration-error': declaration('error', scope.type, '#fields-body'),
    'declaration-enum': declaration('enum', scope.enum, '#enum-body'),
    'declaration-process': declaration('process', scope.process, '#process-body'),
    'declaration-workflow': declaration('workflow', scope.workflow, '#workflow-body'),

    // ---- systems ----------------------------------------------------------------------------------
    'system-body': body('meta.block.system.flow', [
      { include: '#comments' },
      {
        match: r`${W}(action)\s+(${NAME})`,
        captures: { 1: named(scope.declaration('action')), 2: named(scope.action) },
      },
      { include: '#parameters' },
      {
        comment: 'The result type of an action.',
        match: r`(:)\s*(${TYPE})`,
        captures: { 1: named(scope.colon), ...typeCapture(2) },
      },
      {
        comment: '`fails CardDeclined, InsufficientFunds`: the errors an action declares.',
        match: r`(?<=\)|\w|>|\?)\s+(fails)\s+(${NAME}(?:\s*,\s*${NAME})*)`,
        captures: {
          1: named(scope.option),
          2: { patterns: [{ match: NAME, name: scope.type }, { match: ',', name: 'punctuation.separator.comma.flow' }] },
        },
      },
      { include: '#retry' },
      { include: '#operator-wait' },
      {
        comment: 'Nothing but policies stands in a system body, so these are always keywords.',
        match: r`${W}(retry|times|every|backoff|at|most|within|timeout)\b(?!\s*:)`,
        name: scope.option,
      },
      { include: '#literals' },
      { include: '#punctuation' },
    ]),
    parameters: {
      begin: r`\(`,
      end: r`\)`,
      beginCaptures: { 0: { name: 'punctuation.definition.parameters.begin.flow' } },
      endCaptures: { 0: { name: 'punctuation.definition.parameters.end.flow' } },
      name: 'meta.parameters.flow',
      patterns: [
        { include: '#comments' },
        {
          match: r`(${ID})\s*(:)\s*(${TYPE})`,
          captures: { 1: named(scope.parameter), 2: named(scope.colon), ...typeCapture(3) },
        },
        { include: '#punctuation' },
      ],
    },

    // ---- records, events, enums --------------------------------------------------------------------
    'fields-body': body('meta.block.fields.flow', [
      { include: '#comments' },
      { include: '#field' },
      { include: '#punctuation' },
    ]),
    field: {
      comment: 'A field of a record, an event or a form: `name: Type` (any name, keywords too).',
      match: r`(?<![\w.])(${ID})\s*(:)\s*(${TYPE})`,
      captures: { 1: named(scope.field), 2: named(scope.colon), ...typeCapture(3) },
    },
    'enum-body': body('meta.block.enum.flow', [
      { include: '#comments' },
      { match: ID, name: scope.enumMember },
      { include: '#punctuation' },
    ]),

    // ---- processes ----------------------------------------------------------------------------------
    'process-body': body('meta.block.process.flow', [
      { include: '#comments' },
      {
        match: r`${W}(category)\s+(operational|management|support)\b`,
        captures: { 1: named(scope.clause), 2: named(scope.category) },
      },
      {
        match: r`${W}(owner)\s+(${NAME})`,
        captures: { 1: named(scope.clause), 2: named(scope.role) },
      },
      nameList('stakeholders', scope.role),
      nameList('workflows', scope.workflow),
      {
        match: r`${W}(measure)\s+(${NAME})`,
        captures: { 1: named(scope.clause), 2: named(scope.measureName) },
      },
      {
        comment: 'A milestone: `Workflow.start`, `Workflow.end` or `Workflow.stepName`.',
        match: r`${W}(from|to)\s+(${ID})\s*(\.)\s*(?:(start|end)\b|(${ID}))`,
        captures: {
          1: named(scope.clause),
          2: named(scope.workflow),
          3: named(scope.accessor),
          4: named(scope.milestone),
          5: named(scope.stepName),
        },
      },
      {
        comment: 'Nothing but clauses stands in a process body, so these are always keywords.',
        match: r`${W}(category|goal|owner|stakeholders|workflows|measure|from|to|target)\b(?!\s*:)`,
        name: scope.clause,
      },
      { match: r`${W}(operational|management|support)\b`, name: scope.category },
      { include: '#string' },
      { include: '#literals' },
      { include: '#punctuation' },
    ]),

    // ---- workflows -----------------------------------------------------------------------------------
    'workflow-body': body('meta.block.workflow.flow', [
      { include: '#comments' },
      { include: '#header-clause' },
      { include: '#block-content' },
    ]),
    'header-clause': {
      patterns: [
        {
          match: r`${S}(owner)\s+(${NAME})\b(?!\s*[.(])`,
          captures: { 1: named(scope.clause), 2: named(scope.role) },
        },
        {
          comment: 'starts on Event keyed by input.field: one instance per key',
          match: r`${W}(starts)\s+(on)\s+(${NAME})\s+(keyed)\s+(by)\b`,
          captures: {
            1: named(scope.trigger), 2: named(scope.trigger), 3: named(scope.event), 4: named(scope.trigger),
            5: named(scope.trigger),
          },
        },
        {
          match: r`${W}(starts)\s+(on)\s+(${NAME})`,
          captures: { 1: named(scope.trigger), 2: named(scope.trigger), 3: named(scope.event) },
        },
        {
          match: r`${W}(starts)\s+(after)\s+(${NAME})`,
          captures: { 1: named(scope.trigger), 2: named(scope.trigger), 3: named(scope.workflow) },
        },
        {
          match: r`${W}(starts)\s+(every|manually|on|after)\b`,
          captures: { 1: named(scope.trigger), 2: named(scope.trigger) },
        },
        {
          match: r`${W}(input)\s+(${NAME})\s*(:)\s*(${TYPE})`,
          captures: { 1: named(scope.clause), 2: named(scope.input), 3: named(scope.colon), ...typeCapture(4) },
        },
        {
          match: r`${W}(output)\s+(${NAME})\s*(:)\s*(${TYPE})`,
          captures: { 1: named(scope.clause), 2: named(scope.output), 3: named(scope.colon), ...typeCapture(4) },
        },
        { match: r`${S}(version)\s+(?=\d)`, captures: { 1: named(scope.clause) } },
        {
          comment: '`fails CardDeclined, InsufficientFunds`: the errors a workflow declares.',
          match: r`${S}(fails)\s+(${NAME}(?:\s*,\s*${NAME})*)`,
          captures: {
            1: named(scope.clause),
            2: { patterns: [{ match: NAME, name: scope.type }, { match: ',', name: 'punctuation.separator.comma.flow' }] },
          },
        },
        // `deadline 30d`, `deadline days * 1d`: any Duration expression
        { match: r`${S}(deadline)\s+${EXPR_AHEAD}`, captures: { 1: named(scope.clause) } },
      ],
    },

    // ---- statements ------------------------------------------------------------------------------------
    block: body('meta.block.flow', [{ include: '#block-content' }]),
    'block-content': {
      patterns: [
        { include: '#comments' },
        { include: '#statement' },
        { include: '#step-option' },
        { include: '#field' },
        { include: '#match-pattern' },
        { include: '#block' },
        { include: '#expression' },
      ],
    },
    statement: {
      patterns: [
        {
          comment: 'step NAME by System.action(…)',
          match: r`${W}(step)\s+(${NAME})\s+(by)\s+(${NAME})\s*(\.)\s*(${NAME})`,
          captures: {
            1: named(scope.step),
            2: named(scope.stepName),
            3: named(scope.option),
            4: named(scope.system),
            5: named(scope.accessor),
            6: named(scope.action),
          },
        },
        {
          comment: 'step NAME by match …: a role decided from data (its arms name roles after `->`).',
          match: r`${W}(step|approval)\s+(${NAME})\s+(by)\s+(match)\b`,
          captures: { 1: named(scope.step), 2: named(scope.stepName), 3: named(scope.option), 4: named(scope.conditional) },
        },
        {
          comment: 'step NAME by Role [or Role…], approval NAME by Role [or Role…]',
          match: r`${W}(step|approval)\s+(${NAME})\s+(by)\s+(${NAME})((?:\s+or\s+${NAME})*)`,
          captures: {
            1: named(scope.step),
            2: named(scope.stepName),
            3: named(scope.option),
            4: named(scope.role),
            5: { patterns: [{ match: r`\bor\b`, name: scope.option }, { match: NAME, name: scope.role }] },
          },
        },
        {
          comment: '`assign to PERSON` and `not by PERSON, …` of a step for a person.',
          match: r`${W}(?:(assign)\s+(to)|(not)\s+(by))\b`,
          captures: { 1: named(scope.option), 2: named(scope.option), 3: named(scope.option), 4: named(scope.option) },
        },
        {
          comment: 'An arm of a role decision: `Travel -> TeamLead or Finance` (a role, not a block, after `->`).',
          match: r`(->)\s*(${NAME})((?:\s+or\s+${NAME})*)(?=\s*(?:,|\}|$|//))`,
          captures: {
            1: { name: 'keyword.operator.arrow.flow' },
            2: named(scope.role),
            3: { patterns: [{ match: r`\bor\b`, name: scope.option }, { match: NAME, name: scope.role }] },
          },
        },
        {
          comment: 'A line of only `step NAME`: its `by` is on the next line, or not typed yet.',
          match: r`^\s*(step|approval)\s+(${NAME})\s*(?=$|//|/\*)`,
          captures: { 1: named(scope.step), 2: named(scope.stepName) },
        },
        {
          comment: '`by` at the start of a line continues a step.',
          match: r`^\s*(by)\s+(${NAME})(?:\s*(\.)\s*(${NAME}))?`,
          captures: { 1: named(scope.option), 2: named(scope.role), 3: named(scope.accessor), 4: named(scope.action) },
        },
        {
          comment: 'notify Role …',
          match: r`${S}(notify)\s+([A-Z]\w*)\b(?!\s*[.(])`,
          captures: { 1: named(scope.step), 2: named(scope.role) },
        },
        { match: r`${S}(notify)\s+${EXPR_AHEAD}`, captures: { 1: named(scope.step) } },
        { match: r`${S}(wait)\s+(until)\b`, captures: { 1: named(scope.step), 2: named(scope.option) } },
        {
          comment: '`wait for NAME`: waits for an in-case signal.',
          match: r`${S}(wait)\s+(for)\s+(${NAME})\b`,
          captures: { 1: named(scope.step), 2: named(scope.option), 3: named(scope.signalName) },
        },
        {
          comment: '`exclusive NAME {`: a critical section.',
          match: r`${S}(exclusive)\s+(${NAME})(?=\s*(?:\{|$))`,
          captures: { 1: named(scope.concurrency), 2: named(scope.signalName) },
        },
        {
          comment: '`region NAME {`: a block of a cancel region (`region` is a contextual word, a name elsewhere).',
          match: r`${S}(region)\s+(${NAME})(?=\s*(?:\{|$))`,
          captures: { 1: named(scope.concurrency), 2: named(scope.signalName) },
        },
        {
          comment: '`signal NAME`: sends an in-case signal (not `signal` as a name before an operator).',
          match: r`${S}(signal)\s+(${NAME})\b(?!\s*[.(=:])`,
          captures: { 1: named(scope.step), 2: named(scope.signalName) },
        },
        { match: r`${S}(wait)\s+${EXPR_AHEAD}`, captures: { 1: named(scope.step) } },
        {
          comment: '`receive [new] NAME: EVENT`: `new` only before a name and its colon (`receive new: E` names it `new`).',
          match: r`${W}(receive)\s+(?:(new)\s+(?=${NAME}\s*:))?(${NAME})\s*(:)\s*(${NAME})`,
          captures: {
            1: named(scope.step),
            2: named(scope.option),
            3: named(scope.stepName),
            4: named(scope.colon),
            5: named(scope.event),
          },
        },
        {
          match: r`${W}(call)\s+(${NAME})\s*(:)\s*(${NAME})`,
          captures: { 1: named(scope.step), 2: named(scope.stepName), 3: named(scope.colon), 4: named(scope.workflow) },
        },
        {
          comment: 'emit Event(…): publishes an event built in place',
          match: r`${S}(emit)\s+(${NAME})(?=\s*\()`,
          captures: { 1: named(scope.step), 2: named(scope.event) },
        },
        { match: r`${S}(emit)\s+${EXPR_AHEAD}`, captures: { 1: named(scope.step) } },
        {
          comment: '`start each NAME in LIST { … }`: a round per item, not waited for (WCP 12).',
          match: r`${S}(start)\s+(each)\s+(${NAME})(?:\s+(in)\b)?`,
          captures: { 1: named(scope.concurrency), 2: named(scope.loop), 3: named(scope.variable), 4: named(scope.loop) },
        },
        {
          comment: '`parallel { … } after each branch { … }`: the block once per branch, as it ends (WCP 8).',
          match: r`${W}(after)\s+(each)\s+(branch)(?=\s*\{)`,
          captures: { 1: named(scope.concurrency), 2: named(scope.concurrency), 3: named(scope.concurrency) },
        },
        {
          match: r`${S}(start)\s+(${NAME})(?=\s*\()`,
          captures: { 1: named(scope.step), 2: named(scope.workflow) },
        },
        {
          match: r`${S}(let)\s+(${NAME})(?:\s*(:)\s*(${TYPE}))?`,
          captures: { 1: named(scope.let), 2: named(scope.variable), 3: named(scope.colon), ...typeCapture(4) },
        },
        {
          match: r`${S}(set)\s+(${NAME})(?=\s*=(?!=))`,
          captures: { 1: named(scope.set), 2: named(scope.variable) },
        },
        { match: r`\b(if|else)\b`, name: scope.conditional },
        { match: r`${S}(match)\s+${EXPR_AHEAD}`, captures: { 1: named(scope.conditional) } },
        { match: r`${S}(parallel|first|interleaved)(?=\s*(?:\{|$))`, captures: { 1: named(scope.concurrency) } },
        {
          comment: '`first to start`: the first branch to start (its task claimed, its wait ended) wins.',
          match: r`${S}(first)\s+(to)\s+(start)(?=\s*(?:\{|$))`,
          captures: { 1: named(scope.concurrency), 2: named(scope.concurrency), 3: named(scope.concurrency) },
        },
        {
          comment: '`parallel join N` and `first N`: partial joins.',
          match: r`${S}(?:(parallel)\s+(join)|(first))\s+(\d[\d_]*)(?=\s*(?:\{|$))`,
          captures: {
            1: named(scope.concurrency),
            2: named(scope.concurrency),
            3: named(scope.concurrency),
            4: named('constant.numeric.integer.flow'),
          },
        },
        {
          comment: '`parallel N times { … }`: N threads of the block (the `times` is matched as in `repeat`).',
          match: r`${S}(parallel)\s+${EXPR_AHEAD}`,
          captures: { 1: named(scope.concurrency) },
        },
        {
          match: r`${W}(branch)\s+(${NAME})(?:\s+(when)\b)?`,
          captures: { 1: named(scope.concurrency), 2: named(scope.branchName), 3: named(scope.concurrency) },
        },
        {
          comment: '`for each bid: Bid …`: a `for each` over events that arrive (the item is received, as by `receive`).',
          match: r`${W}(for)\s+(each)\s+(${NAME})\s*(:)\s*(${NAME})`,
          captures: { 1: named(scope.loop), 2: named(scope.loop), 3: named(scope.stepName), 4: named(scope.colon), 5: named(scope.event) },
        },
        {
          comment: '`until closed: LotClosed` of a `for each` over events that arrive: the closing event is received.',
          match: r`\b(until)\s+(${NAME})\s*(:)\s*(${NAME})`,
          captures: { 1: named(scope.loop), 2: named(scope.stepName), 3: named(scope.colon), 4: named(scope.event) },
        },
        {
          match: r`${W}(for)\s+(each)\b(?:\s+(${NAME})(?:\s+(in)\b)?)?`,
          captures: { 1: named(scope.loop), 2: named(scope.loop), 3: named(scope.variable), 4: named(scope.loop) },
        },
        {
          comment: '`in parallel` after the list of a `for each` (one token in the lexer), maybe with `join N` or `first N`.',
          match: r`\b(in)\s+(parallel)\b(?:\s+(join|first)\s+(\d[\d_]*))?`,
          captures: {
            1: named(scope.concurrency),
            2: named(scope.concurrency),
            3: named(scope.concurrency),
            4: named('constant.numeric.integer.flow'),
          },
        },
        {
          match: r`${W}(repeat)\s+(at)\s+(most)\b`,
          captures: { 1: named(scope.loop), 2: named(scope.loop), 3: named(scope.loop) },
        },
        {
          comment: '`parallel N times as t { … }`: `as` (a contextual word) names each thread\'s number.',
          match: r`${S}(times)\s+(as)\s+(${NAME})(?=\s*(?:\{|$))`,
          captures: { 1: named(scope.loop), 2: named(scope.loop), 3: named(scope.variable) },
        },
        { match: r`${S}(times)(?=\s*(?:\{|$))`, captures: { 1: named(scope.loop) } },
        {
          comment: '`yield VALUE`: the value a round of `let NAME = for each … { … }` adds to the list.',
          match: r`${S}(yield)\s+${EXPR_AHEAD}`,
          captures: { 1: named(scope.loop) },
        },
        { match: r`${S}(while|until)\s+${EXPR_AHEAD}`, captures: { 1: named(scope.loop) } },
        {
          match: r`${W}(go)\s+(to)\b(?:\s+(${NAME}))?`,
          captures: { 1: named(scope.goto), 2: named(scope.goto), 3: named(scope.stepName) },
        },
        { match: r`${S}(try)(?=\s*(?:\{|$))`, captures: { 1: named(scope.trycatch) } },
        {
          match: r`${S}(catch)(?:\s+(${NAME})(?:\s*(:)\s*(${NAME}))?)?(?=\s*(?:\{|$))`,
          captures: { 1: named(scope.trycatch), 2: named(scope.variable), 3: named(scope.colon), 4: named(scope.type) },
        },
        {
          comment: '`cancel region NAME`: cancels a region (`cancel region` alone cancels the case with the name `region`).',
          match: r`${S}(cancel)\s+(region)\s+(${NAME})\b(?!\s*(?:[.(=:+*<>!?-]|\/(?!\/)))`,
          captures: { 1: named(scope.end), 2: named(scope.concurrency), 3: named(scope.signalName) },
        },
        { match: r`${S}(fail|cancel)\s+${EXPR_AHEAD}`, captures: { 1: named(scope.end) } },
        {
          comment: '`continue as new [with (…)]` (one token in the lexer): ends the instance, the workflow starts over.',
          match: r`${S}(continue)\s+(as)\s+(new)\b(?:\s+(with)\b)?`,
          captures: { 1: named(scope.end), 2: named(scope.end), 3: named(scope.end), 4: named(scope.end) },
        },
        {
          match: r`${S}(complete)\b(?!\s*(?:[{(.:=<>!?+*/-]|(?:and|or|in)\b))`,
          captures: { 1: named(scope.end) },
        },
      ],
    },
    'step-option': {
      patterns: [
        { match: r`${W}(within|every|backoff|timeout)\s+(?=\d)`, captures: { 1: named(scope.option) } },
        {
          match: r`${W}(escalate)\s+(to)\b(?:\s+(${NAME}))?`,
          captures: { 1: named(scope.option), 2: named(scope.option), 3: named(scope.role) },
        },
        { include: '#retry' },
        { include: '#operator-wait' },
        {
          comment: 'A retry policy\'s `at most 5m` (the longest wait between attempts).',
          match: r`${W}(at)\s+(most)\s+(?=\d)`,
          captures: { 1: named(scope.option), 2: named(scope.option) },
        },
        {
          match: r`${W}(compensate)\s+(with)\b(?:\s+(${NAME})\s*(\.)\s*(${NAME}))?`,
          captures: {
            1: named(scope.option),
            2: named(scope.option),
            3: named(scope.system),
            4: named(scope.accessor),
            5: named(scope.action),
          },
        },
        {
          match: r`${W}(via)\s+(${NAME})\b(?!\s*[.(:])`,
          captures: { 1: named(scope.option), 2: named(scope.system) },
        },
        { match: r`${S}(where)\s+${EXPR_AHEAD}`, captures: { 1: named(scope.option) } },
      ],
    },
    retry: {
      match: r`${W}(retry)\s+(${DIGITS})\s+(times)\b`,
      captures: { 1: named(scope.option), 2: named('constant.numeric.integer.flow'), 3: named(scope.option) },
    },
    'operator-wait': {
      comment: 'The end of a retry policy: `then wait for operator` (exhausted retries open an incident).',
      match: r`${W}(then)\s+(wait)\s+(for)\s+(operator)\b`,
      captures: { 1: named(scope.option), 2: named(scope.option), 3: named(scope.option), 4: named(scope.option) },
    },
    'match-pattern': {
      comment: 'Enum constants before `->` in a match arm: `Growth, Enterprise -> {`.',
      match: r`(?<![\w.])${NAME}(?=\s*(?:,\s*(?:${ID}|"[^"]*"|-?\s*\d[\w.]*)\s*)*->)`,
      name: scope.enumMember,
    },

    // ---- expressions -------------------------------------------------------------------------------
    expression: {
      patterns: [
        { include: '#comments' },
        { include: '#string' },
        { include: '#literals' },
        { match: r`\b(true|false)\b`, name: 'constant.language.boolean.flow' },
        { match: r`\bnone\b`, name: 'constant.language.none.flow' },
        // `wordlike`: themes colour word operators as keywords (VS Code's themes do).
        { match: r`\b(and|or|not)\b`, name: 'keyword.operator.logical.flow keyword.operator.wordlike.flow' },
        { match: r`\bin\b`, name: 'keyword.operator.in.flow keyword.operator.wordlike.flow' },
        { match: r`->`, name: 'keyword.operator.arrow.flow' },
        { match: r`\?\?`, name: 'keyword.operator.null-coalescing.flow' },
        { match: r`==|!=|<=|>=|<|>`, name: 'keyword.operator.comparison.flow' },
        { match: r`=`, name: 'keyword.operator.assignment.flow' },
        { match: r`[-+*/]`, name: 'keyword.operator.arithmetic.flow' },
        {
          match: r`${W}(now|today|size|lower|upper|trim)(?=\s*\()`,
          captures: { 1: named(scope.builtinFunction) },
        },
        {
          comment: '`Enum.Constant`',
          match: r`${W}([A-Z]\w*)\s*(\.)\s*([A-Z]\w*)\b(?!\s*\()`,
          captures: { 1: named(scope.type), 2: named(scope.accessor), 3: named(scope.enumMember) },
        },
        {
          match: r`(\.)\s*(${ID})(?=\s*\()`,
          captures: { 1: named(scope.accessor), 2: named(scope.function) },
        },
        { match: r`(\.)\s*(${ID})`, captures: { 1: named(scope.accessor), 2: named(scope.field) } },
        {
          comment: '`Document(name: …)`: a record or event built from its fields',
          match: r`${W}([A-Z]\w*)(?=\s*\()`,
          captures: { 1: named(scope.type) },
        },
        { match: r`${W}(${ID})(?=\s*\()`, captures: { 1: named(scope.function) } },
        { match: r`${W}[A-Z]\w*`, name: scope.type },
        { match: r`${W}${ID}`, name: scope.variable },
        { include: '#arguments' },
        { include: '#list' },
        { include: '#punctuation' },
      ],
    },
    arguments: {
      begin: r`\(`,
      end: r`\)`,
      beginCaptures: { 0: { name: 'punctuation.section.parens.begin.flow' } },
      endCaptures: { 0: { name: 'punctuation.section.parens.end.flow' } },
      name: 'meta.parens.flow',
      patterns: [
        {
          comment: 'A named argument: `client: intake.client` (any name, keywords too).',
          match: r`(?<![\w.])(${ID})\s*(:)`,
          captures: { 1: named(scope.parameter), 2: named(scope.colon) },
        },
        { include: '#expression' },
      ],
    },
    list: {
      begin: r`\[`,
      end: r`\]`,
      beginCaptures: { 0: { name: 'punctuation.section.brackets.begin.flow' } },
      endCaptures: { 0: { name: 'punctuation.section.brackets.end.flow' } },
      name: 'meta.brackets.flow',
      patterns: [{ include: '#expression' }],
    },
    punctuation: {
      patterns: [
        { match: ',', name: scope.comma },
        { match: r`\.`, name: scope.accessor },
        { match: ':', name: scope.colon },
      ],
    },

    // ---- types -----------------------------------------------------------------------------------
    type: {
      patterns: [
        { match: r`\b(?:Text|Int|Decimal|Bool|Date|Timestamp|Duration|List)\b`, name: scope.builtinType },
        { match: ID, name: scope.type },
        { match: '<', name: 'punctuation.definition.typeparameters.begin.flow' },
        { match: '>', name: 'punctuation.definition.typeparameters.end.flow' },
        { match: r`\?`, name: scope.optional },
      ],
    },

    // ---- literals ----------------------------------------------------------------------------------
    literals: {
      patterns: [
        {
          match: r`\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})`,
          name: 'constant.numeric.timestamp.flow',
        },
        { match: r`\b\d{4}-\d{2}-\d{2}\b`, name: 'constant.numeric.date.flow' },
        {
          comment: 'A duration: units w d h m s, in that order, each at most once (`1d12h`).',
          match: r`\b(?=\d(?:_?\d)*[wdhms])(?:${DIGITS}w)?(?:${DIGITS}d)?(?:${DIGITS}h)?(?:${DIGITS}m)?(?:${DIGITS}s)?(?!\w)`,
          name: 'constant.numeric.duration.flow',
        },
        { match: r`\b${DIGITS}\.${DIGITS}(?![\w.])`, name: 'constant.numeric.decimal.flow' },
        { match: r`\b${DIGITS}(?![\w.])`, name: 'constant.numeric.integer.flow' },
        {
          comment: 'Anything else that starts with a digit: `2days`, `12h1d`, `1_`, `5.` (E002).',
          match: r`\b\d[\w.]*`,
          name: 'invalid.illegal.numeric.flow',
        },
      ],
    },
    string: {
      patterns: [
        {
          comment: 'A string with no closing quote on its line: strings end at the end of the line (E002).',
          begin: r`"(?=(?:[^"\\]|\\.)*$)`,
          end: '$',
          beginCaptures: {
            0: { name: 'punctuation.definition.string.begin.flow invalid.illegal.unterminated-string.flow' },
          },
          name: 'string.quoted.double.flow',
          patterns: [{ include: '#string-content' }],
        },
        {
          begin: '"',
          end: r`"|$`,
          beginCaptures: { 0: { name: 'punctuation.definition.string.begin.flow' } },
          endCaptures: { 0: { name: 'punctuation.definition.string.end.flow' } },
          name: 'string.quoted.double.flow',
          patterns: [{ include: '#string-content' }],
        },
      ],
    },
    'string-content': {
      patterns: [
        { match: r`\\["\\nt{]`, name: 'constant.character.escape.flow' },
        { match: r`\\.?`, name: 'invalid.illegal.unrecognized-escape.flow' },
        {
          begin: r`\{`,
          end: r`\}|(?=$)`,
          beginCaptures: { 0: { name: 'punctuation.section.embedded.begin.flow' } },
          endCaptures: { 0: { name: 'punctuation.section.embedded.end.flow' } },
          name: 'meta.interpolation.flow',
          contentName: 'meta.embedded.line.flow',
          patterns: [{ include: '#expression' }],
        },
      ],
    },

    // ---- comments ----------------------------------------------------------------------------------
    comments: {
      patterns: [
        {
          begin: '///',
          end: '$',
          beginCaptures: { 0: { name: 'punctuation.definition.comment.flow' } },
          name: 'comment.line.documentation.flow',
          patterns: [{ match: '`[^`]+`', name: 'markup.inline.raw.string.flow' }],
        },
        {
          begin: '//',
          end: '$',
          beginCaptures: { 0: { name: 'punctuation.definition.comment.flow' } },
          name: 'comment.line.double-slash.flow',
        },
        {
          begin: r`/\*`,
          end: r`\*/`,
          captures: { 0: { name: 'punctuation.definition.comment.flow' } },
          name: 'comment.block.flow',
        },
      ],
    },
  },
};

/**
 * A declaration `KEYWORD Name "title"? { body }?`. The region ends after its body, or before
 * anything that is not a title, a comment or the body (the next declaration).
 */
function declaration(keyword, nameScope, bodyRule) {
  return {
    begin: r`${W}(${keyword})\s+(${NAME})`,
    end: r`(?<=\})|(?=[^\s{"/])`,
    beginCaptures: { 1: named(scope.declaration(keyword)), 2: named(nameScope) },
    name: `meta.declaration.${keyword}.flow`,
    patterns: [{ include: '#comments' }, { include: '#string' }, { include: bodyRule }],
  };
}

/** A `{ … }` region with the given patterns. */
function body(name, patterns) {
  return {
    begin: r`\{`,
    end: r`\}`,
    beginCaptures: { 0: { name: 'punctuation.section.block.begin.flow' } },
    endCaptures: { 0: { name: 'punctuation.section.block.end.flow' } },
    name,
    patterns,
  };
}

/** `stakeholders A, B` or `workflows A, B`: names up to the next clause, over several lines. */
function nameList(keyword, nameScope) {
  const clause = r`(?:category|goal|owner|stakeholders|workflows|measure)\b`;
  return {
    begin: r`${W}(${keyword})\b(?!\s*:)`,
    end: r`(?=${W}${clause}|\})`,
    beginCaptures: { 1: named(scope.clause) },
    patterns: [{ include: '#comments' }, { match: ID, name: nameScope }, { include: '#punctuation' }],
  };
}

module.exports = grammar;

// Folding ranges from the text: blocks, block comments, doc comment runs and regions; braces in
// strings, interpolations and comments do not count. Runs on the compiled out/folding.js.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { computeFoldingRanges } = require('../../out/folding');

const fold = (lines) => computeFoldingRanges(lines.join('\n'));

test('a block folds up to the line before its closing brace', () => {
  assert.deepEqual(
    fold([
      'workflow W {', //       0
      '  if x {', //           1
      '    fail "no"', //      2
      '  } else {', //         3
      '    complete', //       4
      '  }', //                5
      '}', //                  6
    ]),
    [
      { start: 0, end: 5 },
      { start: 1, end: 2 },
      { start: 3, end: 4 },
    ]
  );
});

test('a block on one line or two does not fold', () => {
  assert.deepEqual(fold(['enum Plan { Basic, Pro }']), []);
  assert.deepEqual(fold(['record R {', '}']), []);
});

test('braces in strings, interpolations and comments do not count', () => {
  assert.deepEqual(
    fold([
      'workflow W {', //                                            0
      '  notify R "a } lone brace and {x ?? "}"} and \\{ {"{"}"', // 1
      '  // a comment {', //                                        2
      '  /* a comment { */ let a = 1', //                           3
      '  let b = "unterminated {', //                               4
      '  let c = 2', //                                             5
      '}', //                                                       6
    ]),
    [{ start: 0, end: 5 }]
  );
});

test('block comments over several lines fold as comments', () => {
  assert.deepEqual(fold(['/* one', '   two', '   three */', 'role R']), [{ start: 0, end: 2, kind: 'comment' }]);
  assert.deepEqual(fold(['role R /* not', 'a block', '*/ role S {', '', '', '}']), [
    { start: 0, end: 2, kind: 'comment' },
    { start: 2, end: 4 },
  ]);
});

test('runs of two or more /// lines fold as comments', () => {
  assert.deepEqual(fold(['/// one', '/// two', '/// three', 'role R', '/// single', 'role S']), [
    { start: 0, end: 2, kind: 'comment' },
  ]);
});

test('// region and // endregion fold as a region, nested', () => {
  assert.deepEqual(fold(['// region Roles', 'role A', '//#region inner', 'role B', '//#endregion', '// endregion']), [
    { start: 0, end: 5, kind: 'region' },
    { start: 2, end: 4, kind: 'region' },
  ]);
});

test('the example models fold their declarations and blocks', () => {
  const file = path.join(__dirname, '..', '..', '..', '..', 'examples', 'sales', 'contract.flow');
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const ranges = computeFoldingRanges(text);
  const workflow = lines.findIndex((l) => l.startsWith('workflow '));
  const first = lines.findIndex((l) => l.trim() === 'first {');
  assert.ok(ranges.some((r) => r.start === workflow && lines[r.end + 1] === '}'), 'the workflow folds');
  assert.ok(ranges.some((r) => r.start === first && lines[r.end + 1].trim() === '}'), 'the first block folds');
  for (const range of ranges) {
    assert.ok(range.start < range.end && range.end < lines.length, JSON.stringify(range));
  }
});

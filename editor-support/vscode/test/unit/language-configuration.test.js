// language-configuration.json: comments, brackets, auto-closing, folding markers, the word
// pattern, indentation and Enter rules, checked with the regular expressions VS Code builds.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');

const CONFIG = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'language-configuration.json'), 'utf8'));

test('comments are // and /* */', () => {
  assert.deepEqual(CONFIG.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
});

test('brackets are the three pairs of Flow', () => {
  assert.deepEqual(CONFIG.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
  assert.deepEqual(CONFIG.colorizedBracketPairs, CONFIG.brackets);
});

test('quotes, parentheses and brackets do not auto-close inside strings; braces do (interpolation)', () => {
  const pair = (open) => CONFIG.autoClosingPairs.find((p) => p.open === open);
  assert.deepEqual(pair('"').notIn.sort(), ['comment', 'string']);
  assert.deepEqual(pair('(').notIn.sort(), ['comment', 'string']);
  assert.deepEqual(pair('[').notIn.sort(), ['comment', 'string']);
  assert.deepEqual(pair('{').notIn, ['comment']);
  for (const [open, close] of [['{', '}'], ['[', ']'], ['(', ')'], ['"', '"']]) {
    assert.ok(CONFIG.surroundingPairs.some(([o, c]) => o === open && c === close), `surrounds with ${open}${close}`);
  }
});

test('folding markers are // region and // endregion', () => {
  const start = new RegExp(CONFIG.folding.markers.start);
  const end = new RegExp(CONFIG.folding.markers.end);
  for (const line of ['// region Triggers', '  //region', '//#region x']) assert.ok(start.test(line), line);
  for (const line of ['// endregion', '  //#endregion x']) assert.ok(end.test(line), line);
  for (const line of ['/// region is a doc comment', '// regional office', 'step region by Role']) {
    assert.ok(!start.test(line), line);
  }
  assert.ok(!start.test('// endregion'));
});

test('a word is an identifier, a number with its unit, or a date', () => {
  const word = new RegExp(CONFIG.wordPattern, 'g');
  const words = (text) => text.match(word);
  assert.deepEqual(words('step createFolder by Drive.createFolder(client: intake.client)'), [
    'step', 'createFolder', 'by', 'Drive', 'createFolder', 'client', 'intake', 'client',
  ]);
  assert.deepEqual(words('wait 1d12h'), ['wait', '1d12h']);
  assert.deepEqual(words('2026-11-24 10_000 12.50 _private'), ['2026-11-24', '10_000', '12.50', '_private']);
});

test('indentation grows after an open brace, parenthesis or bracket and shrinks at a closing one', () => {
  const increase = new RegExp(CONFIG.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(CONFIG.indentationRules.decreaseIndentPattern);
  for (const line of [
    'workflow DocumentCollection {',
    '  step assign by AccountManager within 1d {',
    '  } else {',
    '    Growth, Enterprise -> {',
    '  step createFolder by Drive.createFolder(',
    '  let xs = [',
    '  workflow W { // with a comment',
  ]) {
    assert.ok(increase.test(line), line);
  }
  for (const line of [
    '  notify AccountManager "Documents for {intake.client} are complete"',
    '  step confirm by AccountManager within 2d',
    '  branch prep { step prepare by AccountManager }',
    '  // a comment with a {',
    '}',
  ]) {
    assert.ok(!increase.test(line), line);
  }
  for (const line of ['}', '  } else {', '  } catch error {', '  } until review.approved', '  )', ']']) {
    assert.ok(decrease.test(line), line);
  }
  assert.ok(!decrease.test('  step x by Role {'));
});

test('Enter in a /// doc comment continues it', () => {
  const rule = CONFIG.onEnterRules.find((r) => new RegExp(r.beforeText).test('  /// Creates a folder.'));
  assert.ok(rule, 'no rule for ///');
  assert.equal(rule.action.appendText, '/// ');
  assert.ok(!new RegExp(rule.beforeText).test('  // an ordinary comment'));
});

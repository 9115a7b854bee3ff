// The TextMate grammar against the lexer and the example models: every keyword of
// grammar/FlowLexer.g4 is scoped as a keyword somewhere in the syntax tests, the grammar invents
// no keyword of its own, and the examples (valid Flow) tokenize without an invalid or unscoped
// word. The syntax tests themselves run with vscode-tmgrammar-test (`npm run test:grammar`).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { tokenize } = require('../../scripts/textmate');
const { readLexerKeywords, LEXER } = require('../../scripts/lexer-keywords');

const ROOT = path.join(__dirname, '..', '..');
const SYNTAX_TESTS = path.join(ROOT, 'test', 'grammar');
const EXAMPLES = path.join(ROOT, '..', '..', 'examples');

/** Scopes that mark a word as a keyword, whatever its role. */
const KEYWORD_SCOPE = /^(keyword\.(control|other|operator)\.|storage\.type\.|constant\.language\.)/;

function flowFiles(folder) {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) return flowFiles(file);
      return entry.name.endsWith('.flow') ? [file] : [];
    })
    .sort();
}

/** The source lines of a syntax test: its header and assertion lines removed. */
function syntaxTestSource(text) {
  return text
    .split('\n')
    .slice(1)
    .filter((line) => !/^\/\/\s*(\^|<~*-)/.test(line))
    .join('\n');
}

/** Every word the grammar scopes as a keyword in the syntax tests, with where it was seen. */
async function keywordsInSyntaxTests() {
  const seen = new Map();
  for (const file of flowFiles(SYNTAX_TESTS)) {
    const source = syntaxTestSource(fs.readFileSync(file, 'utf8'));
    const lines = source.split('\n');
    for (const token of await tokenize(source)) {
      const word = token.text.trim();
      if (/^[a-z]+$/.test(word) && token.scopes.some((scope) => KEYWORD_SCOPE.test(scope))) {
        if (!seen.has(word)) seen.set(word, `${path.basename(file)}: ${lines[token.line].trim()}`);
      }
    }
  }
  return seen;
}

test('syntaxes/flow.tmLanguage.json is what syntaxes/src/flow.tmLanguage.js builds', () => {
  const built = JSON.stringify(require('../../syntaxes/src/flow.tmLanguage.js'), null, 2) + '\n';
  const committed = fs.readFileSync(path.join(ROOT, 'syntaxes', 'flow.tmLanguage.json'), 'utf8');
  assert.ok(built === committed, 'the grammar JSON is stale: run `npm run build:grammar`');
});

test('the lexer grammar has the keywords of LANGUAGE.md §1', () => {
  assert.ok(fs.existsSync(LEXER), `no lexer grammar at ${LEXER}`);
  const keywords = readLexerKeywords();
  // A sanity check of the extraction, not of the language: reserved words and a few others.
  for (const word of ['true', 'false', 'none', 'and', 'or', 'not', 'in', 'if', 'else', 'parallel', 'workflow']) {
    assert.ok(keywords.includes(word), `'${word}' was not read from ${LEXER}`);
  }
  assert.ok(keywords.length >= 70, `only ${keywords.length} keywords read from ${LEXER}`);
});

test('every keyword of FlowLexer.g4 is scoped as a keyword by the grammar', async () => {
  const seen = await keywordsInSyntaxTests();
  const missing = readLexerKeywords().filter((word) => !seen.has(word));
  assert.deepEqual(
    missing,
    [],
    `keywords of grammar/FlowLexer.g4 that the TextMate grammar never scopes as keywords in ` +
      `test/grammar/*.test.flow: ${missing.join(', ')}. Add them to syntaxes/src/flow.tmLanguage.js ` +
      `and a line that uses them, with an assertion, to a syntax test.`
  );
});

test('the grammar scopes no word as a keyword that FlowLexer.g4 does not have', async () => {
  const seen = await keywordsInSyntaxTests();
  const keywords = new Set(readLexerKeywords());
  const invented = [...seen.keys()].filter((word) => !keywords.has(word)).map((word) => `${word} (${seen.get(word)})`);
  assert.deepEqual(invented, [], `words scoped as keywords that are not keywords of the lexer: ${invented.join(', ')}`);
});

test('reserved words are keywords wherever they stand', async () => {
  const tokens = await tokenize('workflow W {\n  let x = a.true + b.if\n  set y = true and false or not none in z\n}');
  for (const word of ['true', 'false', 'none', 'and', 'or', 'not', 'in']) {
    const token = tokens.find((t) => t.text === word && t.line === 2);
    assert.ok(token, `no token '${word}'`);
    assert.ok(token.scopes.some((s) => KEYWORD_SCOPE.test(s)), `'${word}' has scopes ${token.scopes.join(' ')}`);
  }
});

test('the example models tokenize with no invalid token and no unscoped word', async () => {
  assert.ok(fs.existsSync(EXAMPLES), `no examples at ${EXAMPLES}`);
  const files = flowFiles(EXAMPLES);
  assert.ok(files.length > 0, `no .flow files under ${EXAMPLES}`);
  const problems = [];
  for (const file of files) {
    const tokens = await tokenize(fs.readFileSync(file, 'utf8'));
    for (const token of tokens) {
      const where = `${path.relative(EXAMPLES, file)}:${token.line + 1}:${token.start + 1}`;
      if (token.scopes.some((s) => s.startsWith('invalid.'))) {
        problems.push(`${where} ${JSON.stringify(token.text)} is invalid: ${token.scopes.join(' ')}`);
      } else if (/\w/.test(token.text) && token.scopes.every((s) => s === 'source.flow' || s.startsWith('meta.'))) {
        problems.push(`${where} ${JSON.stringify(token.text)} has no scope`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('keywords are read from token rules of the default mode only', () => {
  const { lexerKeywords } = require('../../scripts/lexer-keywords');
  const text = [
    'lexer grammar L;',
    '@members { private void f() { int x = 0; } }',
    '/* NOPE : \'commented\' ; */',
    'WS : [ \\t]+ { skip(); } ;',
    'ALPHA : \'alpha\' ;  // BETA : \'beta\' ;',
    'BOTH : \'in\' [ \\t]+ \'side\' { !check() }? ;',
    'ARROW : \'->\' ;',
    'ID : [a-z]+ ;',
    'mode STRING;',
    'INNER : \'inner\' ;',
  ].join('\n');
  assert.deepEqual(lexerKeywords(text), ['alpha', 'in', 'side']);
});

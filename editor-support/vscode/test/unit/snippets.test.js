// The snippets: well-formed, the ones the project promises are there, and each one, with its
// placeholders filled in, is Flow that the grammar reads without an invalid token and with its
// first word scoped as a keyword.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { tokenize } = require('../../scripts/textmate');

const SNIPPETS = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'snippets', 'flow.json'), 'utf8'));

/** The text a snippet inserts when every placeholder keeps its default (choices: the first). */
function expand(body) {
  let text = body.join('\n').replace(/\t/g, '  ');
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text
      .replace(/\$\{\d+:([^${}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
  }
  return text;
}

/** Where a snippet's text can stand: a declaration at the top, a clause or a statement inside one. */
function inContext(text) {
  const first = text.replace(/^(\s*\/\/\/[^\n]*\n)*/, '').trim().split(/\s/)[0];
  if (['process', 'workflow', 'role', 'system', 'record', 'enum', 'event', 'error'].includes(first)) {
    return { text, offset: 0 };
  }
  if (first === 'measure') return { text: `process P {\n${text}\n}`, offset: 1 };
  if (first === 'action') return { text: `system S {\n${text}\n}`, offset: 1 };
  return { text: `workflow W {\n${text}\n}`, offset: 1 };
}

test('every snippet has a prefix, a body and a description', () => {
  assert.ok(Object.keys(SNIPPETS).length > 0);
  for (const [name, snippet] of Object.entries(SNIPPETS)) {
    const prefixes = [].concat(snippet.prefix);
    assert.ok(prefixes.length > 0 && prefixes.every((p) => typeof p === 'string' && /^\w+$/.test(p)), `${name}: prefix`);
    assert.ok(Array.isArray(snippet.body) && snippet.body.length > 0, `${name}: body`);
    assert.ok(typeof snippet.description === 'string' && snippet.description.length > 0, `${name}: description`);
    assert.ok(snippet.body.every((line) => !/^ /.test(line)), `${name}: indent with \\t, which VS Code adapts to the editor`);
  }
});

test('the snippets the extension promises are there', () => {
  const bodies = Object.values(SNIPPETS).map((s) => expand(s.body));
  const expected = {
    process: /^process /m,
    workflow: /^workflow /m,
    'step by role': /^step \w+ by [A-Z]\w* within/m,
    'step by system': /^step \w+ by \w+\.\w+\(/m,
    approval: /^approval /m,
    parallel: /^parallel \{/m,
    first: /^first \{/m,
    'try/catch': /^try \{[\s\S]*\} catch/m,
    'for each': /^for each /m,
    'if/else': /^if [\s\S]*\} else \{/m,
    match: /^match /m,
    receive: /^receive /m,
    notify: /^notify /m,
  };
  for (const [what, pattern] of Object.entries(expected)) {
    assert.ok(bodies.some((body) => pattern.test(body)), `no snippet for ${what}`);
  }
});

test('placeholders with the same number have the same default', () => {
  for (const [name, snippet] of Object.entries(SNIPPETS)) {
    const defaults = new Map();
    for (const match of snippet.body.join('\n').matchAll(/\$\{(\d+):([^${}]*)\}/g)) {
      const [, number, value] = match;
      if (defaults.has(number)) assert.equal(value, defaults.get(number), `${name}: \${${number}}`);
      else defaults.set(number, value);
    }
  }
});

test('every snippet expands to Flow that the grammar highlights', async () => {
  for (const [name, snippet] of Object.entries(SNIPPETS)) {
    const { text, offset } = inContext(expand(snippet.body));
    const tokens = await tokenize(text);
    const invalid = tokens.filter((t) => t.scopes.some((s) => s.startsWith('invalid.')));
    assert.deepEqual(invalid.map((t) => t.text), [], `${name}: invalid tokens in\n${text}`);
    const firstWord = tokens.find((t) => t.line >= offset && /^[a-z]+$/.test(t.text) && !t.scopes.some((s) => s.startsWith('comment.')));
    assert.ok(firstWord, `${name}: no word`);
    assert.ok(
      firstWord.scopes.some((s) => /^(keyword|storage\.type)\./.test(s)),
      `${name}: '${firstWord.text}' is not scoped as a keyword: ${firstWord.scopes.join(' ')}`
    );
  }
});

#!/usr/bin/env node
// Writes a syntax test skeleton for a Flow file: every source line followed by one assertion
// line per token with the token's innermost scope, in vscode-tmgrammar-test's format. Review
// every assertion before committing it: this prints what the grammar does, not what it should do.
//   node scripts/annotate.js source.flow > test/grammar/new.test.flow
'use strict';

const fs = require('fs');
const { tokenize } = require('./textmate');

/** Scopes that say nothing about the token itself. */
const STRUCTURAL = /^(source\.flow|meta\.)/;

async function main() {
  const text = fs.readFileSync(process.argv[2], 'utf8').replace(/\n$/, '');
  const tokens = await tokenize(text);
  const out = ['// SYNTAX TEST "source.flow"'];
  text.split('\n').forEach((line, lineIndex) => {
    out.push(line);
    for (const token of tokens.filter((t) => t.line === lineIndex && t.text.trim() !== '')) {
      const specific = token.scopes.filter((s) => !STRUCTURAL.test(s));
      if (specific.length === 0) continue;
      const scope = specific[specific.length - 1];
      const length = token.end - token.start;
      const marker =
        token.start >= 2
          ? ' '.repeat(token.start - 2) + '^'.repeat(length)
          : '<' + '~'.repeat(token.start) + '-'.repeat(length);
      out.push(`//${marker} ${scope}`);
    }
  });
  console.log(out.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

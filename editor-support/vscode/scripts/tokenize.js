#!/usr/bin/env node
// Prints the tokens and scopes the grammar gives a Flow file (or standard input), one per line:
//   node scripts/tokenize.js ../../examples/sales/contract.flow
'use strict';

const fs = require('fs');
const { tokenize } = require('./textmate');

async function main() {
  const file = process.argv[2];
  const text = fs.readFileSync(file && file !== '-' ? file : 0, 'utf8');
  for (const token of await tokenize(text)) {
    if (token.text.trim() === '') continue;
    const scopes = token.scopes.filter((s) => s !== 'source.flow').join(' ');
    console.log(`${token.line + 1}:${token.start + 1}\t${JSON.stringify(token.text)}\t${scopes}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

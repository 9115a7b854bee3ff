#!/usr/bin/env node
// Writes syntaxes/flow.tmLanguage.json from syntaxes/src/flow.tmLanguage.js.
// With --check, writes nothing and fails when the JSON is not what the source builds.
'use strict';

const fs = require('fs');
const path = require('path');

const target = path.join(__dirname, '..', 'syntaxes', 'flow.tmLanguage.json');
const built = JSON.stringify(require('../syntaxes/src/flow.tmLanguage.js'), null, 2) + '\n';

if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== built) {
    console.error(
      'syntaxes/flow.tmLanguage.json is not what syntaxes/src/flow.tmLanguage.js builds: run `npm run build:grammar`'
    );
    process.exit(1);
  }
  console.log('syntaxes/flow.tmLanguage.json is up to date');
} else {
  fs.writeFileSync(target, built);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}

// Reads the keywords of the Flow lexer from grammar/FlowLexer.g4: every lowercase word literal
// of a token rule of its default mode (`PACKAGE : 'package' ;`, and `in` and `parallel` of
// `IN_PARALLEL : 'in' [ \t\r\n]+ 'parallel' ... ;`).
//   node scripts/lexer-keywords.js     prints them, one a line
'use strict';

const fs = require('fs');
const path = require('path');

const LEXER = path.join(__dirname, '..', '..', '..', 'grammar', 'FlowLexer.g4');

/** The keywords of a lexer grammar's text, sorted. */
function lexerKeywords(text) {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
  // Only the default mode: the STRING mode's rules are not keywords.
  const defaultMode = withoutComments.split(/^\s*mode\s+\w+\s*;/m)[0];
  // Drop actions and the @members block ({ … }, nested one level deep at most in practice).
  let withoutActions = defaultMode;
  for (let previous = ''; previous !== withoutActions; ) {
    previous = withoutActions;
    withoutActions = withoutActions.replace(/\{[^{}]*\}/g, ' ');
  }
  const keywords = new Set();
  for (const rule of withoutActions.matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*:([^;]*);/gm)) {
    for (const literal of rule[2].matchAll(/'([^'\\]*)'/g)) {
      if (/^[a-z]+$/.test(literal[1])) {
        keywords.add(literal[1]);
      }
    }
  }
  return [...keywords].sort();
}

/** The keywords of grammar/FlowLexer.g4 in this checkout. */
function readLexerKeywords(file = LEXER) {
  return lexerKeywords(fs.readFileSync(file, 'utf8'));
}

module.exports = { lexerKeywords, readLexerKeywords, LEXER };

if (require.main === module) {
  console.log(readLexerKeywords().join('\n'));
}

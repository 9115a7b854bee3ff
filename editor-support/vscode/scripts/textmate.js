// Loads syntaxes/flow.tmLanguage.json with vscode-textmate and the Oniguruma regex engine, as
// VS Code does, for the tests and for scripts/tokenize.js.
'use strict';

const fs = require('fs');
const path = require('path');
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const GRAMMAR = path.join(__dirname, '..', 'syntaxes', 'flow.tmLanguage.json');

let grammarPromise;

/** The Flow grammar, loaded once. */
function loadGrammar() {
  if (!grammarPromise) {
    const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
    const onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }));
    const registry = new textmate.Registry({
      onigLib,
      loadGrammar: async (scopeName) =>
        scopeName === 'source.flow' ? textmate.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null,
    });
    grammarPromise = registry.loadGrammar('source.flow');
  }
  return grammarPromise;
}

/**
 * Tokenizes a whole text. Returns one entry per token: its line (0-based), start and end
 * columns, text and scopes (outermost first).
 */
async function tokenize(text) {
  const grammar = await loadGrammar();
  const tokens = [];
  let state = textmate.INITIAL;
  text.split(/\r?\n/).forEach((line, lineIndex) => {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      const end = Math.min(token.endIndex, line.length);
      if (end > token.startIndex) {
        tokens.push({
          line: lineIndex,
          start: token.startIndex,
          end,
          text: line.slice(token.startIndex, end),
          scopes: token.scopes,
        });
      }
    }
    state = result.ruleStack;
  });
  return tokens;
}

module.exports = { loadGrammar, tokenize, GRAMMAR };

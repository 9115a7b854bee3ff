// package.json: what it contributes exists, the settings are the documented ones, and the
// versions fit together (VS Code engine, the client library, the VS Code API types).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** `^1.82.0` → [1, 82, 0] */
function version(range) {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(range);
  assert.ok(match, `not a version: ${range}`);
  return match.slice(1).map(Number);
}

function atLeast(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

test('the language, grammar, snippets and configuration files exist', () => {
  const { languages, grammars, snippets } = PKG.contributes;
  assert.deepEqual(languages.map((l) => l.id), ['flow']);
  assert.deepEqual(languages[0].extensions, ['.flow']);
  for (const file of [languages[0].configuration, grammars[0].path, snippets[0].path]) {
    assert.ok(fs.existsSync(path.join(ROOT, file)), `missing ${file}`);
  }
  assert.equal(grammars[0].scopeName, 'source.flow');
  assert.equal(JSON.parse(fs.readFileSync(path.join(ROOT, grammars[0].path), 'utf8')).scopeName, 'source.flow');
});

test('the settings are flow.server.enabled, .path, .args and flow.trace.server', () => {
  const props = PKG.contributes.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), ['flow.server.args', 'flow.server.enabled', 'flow.server.path', 'flow.trace.server']);
  assert.equal(props['flow.server.path'].default, 'flowc');
  assert.equal(props['flow.server.args'].type, 'array');
  assert.deepEqual(props['flow.server.args'].default, []);
  assert.deepEqual(props['flow.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.equal(props['flow.server.enabled'].default, true);
});

test('in untrusted workspaces the workspace cannot choose the program that starts', () => {
  const trust = PKG.capabilities.untrustedWorkspaces;
  assert.equal(trust.supported, 'limited');
  assert.deepEqual(trust.restrictedConfigurations.sort(), ['flow.server.args', 'flow.server.path']);
});

test('the commands the extension registers are contributed', () => {
  const source = fs.readFileSync(path.join(ROOT, 'src', 'extension.ts'), 'utf8');
  const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(PKG.contributes.commands.map((c) => c.command).sort(), registered);
});

test('it activates on Flow files and its entry point is the compiled client', () => {
  assert.ok(PKG.activationEvents.includes('onLanguage:flow'));
  assert.equal(PKG.main, './out/extension.js');
  assert.ok(fs.existsSync(path.join(ROOT, 'src', 'extension.ts')));
});

test('the versions fit: VS Code engine, vscode-languageclient and @types/vscode', () => {
  const engine = version(PKG.engines.vscode);
  const client = require('vscode-languageclient/package.json');
  assert.ok(atLeast(engine, version(client.engines.vscode)), `vscode-languageclient needs VS Code ${client.engines.vscode}`);
  // The API types must not promise more than the oldest supported VS Code has.
  assert.ok(atLeast(engine, version(PKG.devDependencies['@types/vscode'])), '@types/vscode is newer than engines.vscode');
});

test('vsce packages without asking: publisher, license file, repository', () => {
  assert.ok(/^[a-z0-9][a-z0-9-]*$/i.test(PKG.publisher));
  assert.equal(PKG.license, 'SEE LICENSE IN LICENSE');
  assert.ok(fs.existsSync(path.join(ROOT, 'LICENSE')));
  assert.ok(PKG.repository && PKG.repository.url);
  assert.ok(fs.existsSync(path.join(ROOT, 'README.md')));
});

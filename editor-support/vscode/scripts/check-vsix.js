#!/usr/bin/env node
// Checks a packaged .vsix: it holds what VS Code needs and nothing of the sources or tests,
// and its extension loads and activates from the package alone (with its own node_modules),
// against a stand-in for the VS Code API.
//   node scripts/check-vsix.js flow-0.1.0.vsix
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');
const yauzl = require('yauzl');

const REQUIRED = [
  'extension/package.json',
  'extension/README.md',
  'extension/LICENSE.txt',
  'extension/language-configuration.json',
  'extension/syntaxes/flow.tmLanguage.json',
  'extension/snippets/flow.json',
  'extension/out/extension.js',
  'extension/out/server.js',
  'extension/out/folding.js',
  'extension/node_modules/vscode-languageclient/package.json',
];
const FORBIDDEN = [/^extension\/(src|test|scripts|syntaxes\/src)\//, /\.map$/, /\.ts$/, /^extension\/tsconfig\.json$/];

function unzip(file, target) {
  return new Promise((resolve, reject) => {
    const names = [];
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on('error', reject);
      zip.on('end', () => resolve(names));
      zip.on('entry', (entry) => {
        names.push(entry.fileName);
        const destination = path.join(target, entry.fileName);
        if (!destination.startsWith(target + path.sep)) return reject(new Error(`bad entry ${entry.fileName}`));
        if (entry.fileName.endsWith('/')) {
          fs.mkdirSync(destination, { recursive: true });
          return zip.readEntry();
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          fs.mkdirSync(path.dirname(destination), { recursive: true });
          stream.pipe(fs.createWriteStream(destination)).on('finish', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  });
}

/** A VS Code API where every member exists: enough for modules to load and activate to run. */
function stubVscode(registered) {
  const handler = {
    get(target, property) {
      if (property === 'then') return undefined;
      if (!(property in target)) target[property] = new Proxy(function () {}, handler);
      return target[property];
    },
    apply() {
      return new Proxy(function () {}, handler);
    },
    construct() {
      return new Proxy({}, handler);
    },
  };
  const root = new Proxy({}, handler);
  const disposable = { dispose() {} };
  const workspace = root.workspace;
  workspace.getConfiguration = () => ({ get: (key, fallback) => (key === 'server.enabled' ? false : fallback) });
  workspace.onDidChangeConfiguration = () => disposable;
  workspace.onDidGrantWorkspaceTrust = () => disposable;
  root.window.createOutputChannel = () => ({ appendLine() {}, append() {}, show() {}, dispose() {} });
  root.commands.registerCommand = (id) => (registered.push(id), disposable);
  root.languages.registerFoldingRangeProvider = () => (registered.push('folding'), disposable);
  return root;
}

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: check-vsix.js FILE.vsix');
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-vsix-'));
  try {
    const names = await unzip(path.resolve(file), target);
    const missing = REQUIRED.filter((name) => !names.includes(name));
    const unwanted = names.filter((name) => FORBIDDEN.some((pattern) => pattern.test(name)));
    if (missing.length > 0) throw new Error(`missing from ${file}: ${missing.join(', ')}`);
    if (unwanted.length > 0) throw new Error(`should not be in ${file}: ${unwanted.join(', ')}`);

    const registered = [];
    const vscode = stubVscode(registered);
    const originalLoad = Module._load;
    Module._load = function (request, parent, isMain) {
      return request === 'vscode' ? vscode : originalLoad.call(this, request, parent, isMain);
    };
    const extensionFile = path.join(target, 'extension', 'out', 'extension.js');
    let extension;
    let clientModule;
    try {
      extension = require(extensionFile);
      clientModule = require.resolve('vscode-languageclient/node', { paths: [path.dirname(extensionFile)] });
      extension.activate({ subscriptions: [] });
      await extension.whenSettled();
    } finally {
      Module._load = originalLoad;
    }
    if (!clientModule.startsWith(path.join(target, 'extension', 'node_modules'))) {
      throw new Error(`vscode-languageclient was not loaded from the package but from ${clientModule}`);
    }
    for (const id of ['flow.restartServer', 'flow.showOutput', 'folding']) {
      if (!registered.includes(id)) throw new Error(`activation did not register ${id}`);
    }
    const size = fs.statSync(file).size;
    console.log(`${file}: ${names.length} entries, ${(size / 1024).toFixed(0)} KiB; the extension loads and activates from the package`);
  } finally {
    fs.rmSync(target, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`check-vsix: ${error.message}`);
  process.exit(1);
});

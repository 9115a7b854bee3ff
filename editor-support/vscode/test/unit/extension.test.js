// The language client's life cycle, in plain Node: a stand-in for the `vscode` module and for
// vscode-languageclient's LanguageClient records what the extension asks of them. Runs on the
// compiled out/extension.js.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

/** A fake VS Code with the settings given; it records messages, commands and providers. */
function fakeVscode(settings) {
  const calls = { errors: [], commands: [], updates: [], folding: [], registered: {}, watchers: [], lines: [] };
  const listeners = { configuration: [], trust: [] };
  let nextChoice;
  const disposable = () => ({ dispose() {} });
  const vscode = {
    calls,
    settings,
    chooseNext(choice) {
      nextChoice = choice;
    },
    fireConfigurationChange(section) {
      const event = { affectsConfiguration: (s) => section === s || section.startsWith(s + '.') };
      return Promise.all(listeners.configuration.map((listener) => listener(event)));
    },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    FoldingRangeKind: { Comment: 1, Imports: 2, Region: 3 },
    FoldingRange: class {
      constructor(start, end, kind) {
        Object.assign(this, { start, end, kind });
      }
    },
    window: {
      createOutputChannel: (name) => ({
        name,
        appendLine: (line) => calls.lines.push(line),
        append() {},
        show() {},
        dispose() {},
      }),
      showErrorMessage(message, ...items) {
        calls.errors.push({ message, items });
        const choice = nextChoice;
        nextChoice = undefined;
        return Promise.resolve(choice);
      },
    },
    commands: {
      registerCommand(id, handler) {
        calls.registered[id] = handler;
        return disposable();
      },
      executeCommand(...args) {
        calls.commands.push(args);
        return Promise.resolve();
      },
    },
    languages: {
      registerFoldingRangeProvider(selector, provider) {
        calls.folding.push({ selector, provider });
        return disposable();
      },
    },
    workspace: {
      workspaceFolders: settings.folder ? [{ uri: { fsPath: settings.folder } }] : undefined,
      getConfiguration(section) {
        assert.equal(section, 'flow');
        return {
          get: (key, fallback) => (key in settings.flow ? settings.flow[key] : fallback),
          update(key, value, target) {
            calls.updates.push({ key, value, target });
            return Promise.resolve();
          },
        };
      },
      onDidChangeConfiguration(listener) {
        listeners.configuration.push(listener);
        return disposable();
      },
      onDidGrantWorkspaceTrust(listener) {
        listeners.trust.push(listener);
        return disposable();
      },
      createFileSystemWatcher(glob) {
        const watcher = { glob, disposed: false, dispose() { this.disposed = true; } };
        calls.watchers.push(watcher);
        return watcher;
      },
    },
  };
  return vscode;
}

/** A stand-in for vscode-languageclient/node: clients record how they were made and run. */
function fakeLanguageClientModule({ failStart = false } = {}) {
  const clients = [];
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, state: 'new' });
      clients.push(this);
    }
    async start() {
      if (failStart) {
        this.state = 'startFailed';
        throw new Error('Launching server using command flowc failed.');
      }
      this.state = 'running';
    }
    async stop() {
      this.state = 'stopped';
    }
  }
  return { LanguageClient, clients };
}

/** Loads a fresh out/extension.js that sees the fakes instead of the real modules. */
function loadExtension(vscode, client) {
  const extensionPath = require.resolve('../../out/extension');
  const originalLoad = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return vscode;
    if (request === 'vscode-languageclient/node') return client;
    return originalLoad.call(this, request, parent, isMain);
  };
  try {
    delete require.cache[extensionPath];
    return require(extensionPath);
  } finally {
    Module._load = originalLoad;
  }
}

/** A folder with an executable `flowc` script, and the PATH pointing at it while the test runs. */
function withFlowcOnPath(t) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-extension-test-'));
  const flowc = path.join(folder, 'flowc');
  fs.writeFileSync(flowc, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  const originalPath = process.env.PATH;
  process.env.PATH = `${folder}${path.delimiter}${originalPath}`;
  t.after(() => {
    process.env.PATH = originalPath;
    fs.rmSync(folder, { recursive: true, force: true });
  });
  return { folder, flowc };
}

const context = () => ({ subscriptions: [] });
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('activation starts `flowc lsp` from the PATH over stdio, for Flow documents', async (t) => {
  if (process.platform === 'win32') return t.skip('POSIX shell script as flowc');
  const { folder, flowc } = withFlowcOnPath(t);
  const vscode = fakeVscode({ folder, flow: { 'server.args': ['--log', 'debug'] } });
  const lc = fakeLanguageClientModule();
  const extension = loadExtension(vscode, lc);

  extension.activate(context());
  await extension.whenSettled();

  assert.equal(lc.clients.length, 1);
  const [client] = lc.clients;
  assert.equal(client.id, 'flow', 'the id makes the client read flow.trace.server');
  assert.equal(client.state, 'running');
  assert.deepEqual(client.serverOptions.run, {
    command: flowc,
    args: ['lsp', '--log', 'debug'],
    options: { cwd: folder, shell: false },
  });
  assert.equal(client.serverOptions.run.transport, undefined, 'a transport would add --stdio to the arguments');
  assert.deepEqual(client.serverOptions.debug, client.serverOptions.run);
  assert.deepEqual(client.clientOptions.documentSelector, [
    { scheme: 'file', language: 'flow' },
    { scheme: 'untitled', language: 'flow' },
  ]);
  assert.equal(client.clientOptions.synchronize.fileEvents.glob, '**/*.flow');
  assert.deepEqual(vscode.calls.errors, []);
  assert.deepEqual(Object.keys(vscode.calls.registered).sort(), ['flow.restartServer', 'flow.showOutput']);

  await extension.deactivate();
  assert.equal(client.state, 'stopped');
  assert.equal(client.clientOptions.synchronize.fileEvents.disposed, true);
});

test('without flowc on the PATH, an error says so and offers the settings', async () => {
  const vscode = fakeVscode({ flow: { 'server.path': 'flowc-that-does-not-exist' } });
  const lc = fakeLanguageClientModule();
  const extension = loadExtension(vscode, lc);
  vscode.chooseNext('Open Settings');

  extension.activate(context());
  await extension.whenSettled();
  await settle();

  assert.equal(lc.clients.length, 0);
  assert.equal(vscode.calls.errors.length, 1);
  const [error] = vscode.calls.errors;
  assert.match(error.message, /`flowc-that-does-not-exist` was not found on the PATH/);
  assert.deepEqual(error.items, ['Open Settings', 'Disable Language Server']);
  assert.deepEqual(vscode.calls.commands, [['workbench.action.openSettings', 'flow.server.path']]);
  assert.ok(vscode.calls.lines.some((line) => line.includes('was not found on the PATH')), 'the output says it too');
});

test('"Disable Language Server" turns flow.server.enabled off for the user', async () => {
  const vscode = fakeVscode({ flow: { 'server.path': '/nonexistent/flowc' } });
  const extension = loadExtension(vscode, fakeLanguageClientModule());
  vscode.chooseNext('Disable Language Server');

  extension.activate(context());
  await extension.whenSettled();
  await settle();

  assert.match(vscode.calls.errors[0].message, /there is no file at `\/nonexistent\/flowc`/);
  assert.deepEqual(vscode.calls.updates, [{ key: 'server.enabled', value: false, target: vscode.ConfigurationTarget.Global }]);
});

test('with flow.server.enabled off, nothing starts and nothing complains', async () => {
  const vscode = fakeVscode({ flow: { 'server.enabled': false, 'server.path': '/nonexistent/flowc' } });
  const lc = fakeLanguageClientModule();
  const extension = loadExtension(vscode, lc);
  extension.activate(context());
  await extension.whenSettled();
  assert.equal(lc.clients.length, 0);
  assert.deepEqual(vscode.calls.errors, []);
});

test('a change of flow.server settings restarts the server; other changes do not', async (t) => {
  if (process.platform === 'win32') return t.skip('POSIX shell script as flowc');
  const { folder } = withFlowcOnPath(t);
  const vscode = fakeVscode({ folder, flow: {} });
  const lc = fakeLanguageClientModule();
  const extension = loadExtension(vscode, lc);
  extension.activate(context());
  await extension.whenSettled();

  await vscode.fireConfigurationChange('flow.trace.server');
  await vscode.fireConfigurationChange('editor.fontSize');
  assert.equal(lc.clients.length, 1);

  vscode.settings.flow['server.args'] = ['--verbose'];
  await vscode.fireConfigurationChange('flow.server.args');
  await extension.restartServer();
  assert.equal(lc.clients.length, 3);
  assert.deepEqual(
    lc.clients.map((c) => c.state),
    ['stopped', 'stopped', 'running']
  );
  assert.deepEqual(lc.clients[2].serverOptions.run.args, ['lsp', '--verbose']);
  assert.equal(vscode.calls.watchers.filter((w) => !w.disposed).length, 1, 'one file watcher for the running client');
  await extension.deactivate();
});

test('a server that fails to start is logged, and a restart tries again', async (t) => {
  if (process.platform === 'win32') return t.skip('POSIX shell script as flowc');
  const { folder } = withFlowcOnPath(t);
  const vscode = fakeVscode({ folder, flow: {} });
  const lc = fakeLanguageClientModule({ failStart: true });
  const extension = loadExtension(vscode, lc);

  extension.activate(context());
  await extension.whenSettled();
  assert.ok(vscode.calls.lines.some((line) => /did not start: Launching server using command flowc failed/.test(line)));
  assert.equal(vscode.calls.watchers[0].disposed, true);

  await vscode.calls.registered['flow.restartServer']();
  assert.equal(lc.clients.length, 2, 'the restart command makes a new client');
});

test('the folding provider folds Flow documents', async () => {
  const vscode = fakeVscode({ flow: { 'server.enabled': false } });
  const extension = loadExtension(vscode, fakeLanguageClientModule());
  extension.activate(context());
  await extension.whenSettled();
  assert.equal(vscode.calls.folding.length, 1);
  const { selector, provider } = vscode.calls.folding[0];
  assert.deepEqual(selector, { language: 'flow' });
  const text = ['/// one', '/// two', 'workflow W {', '  notify R "x"', '  complete', '}'].join('\n');
  const ranges = provider.provideFoldingRanges({ getText: () => text });
  assert.deepEqual(
    ranges.map((r) => ({ ...r })),
    [
      { start: 0, end: 1, kind: vscode.FoldingRangeKind.Comment },
      { start: 2, end: 4, kind: undefined },
    ]
  );
});

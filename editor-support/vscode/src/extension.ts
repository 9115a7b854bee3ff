// The Flow extension: starts the Flow language server (`flowc lsp`, LSP over stdio) as a
// language client, and folds `.flow` files. Highlighting, snippets, brackets and comments are
// contributed declaratively in package.json.

import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { computeFoldingRanges } from './folding';
import { nodeEnvironment, resolveServer, ServerSettings } from './server';

const CLIENT_ID = 'flow';
const CLIENT_NAME = 'Flow Language Server';
const OPEN_SETTINGS = 'Open Settings';
const DISABLE = 'Disable Language Server';

let client: LanguageClient | undefined;
/** Tells the running server about .flow files created, changed or deleted outside the editor. */
let watcher: vscode.FileSystemWatcher | undefined;
let output: vscode.OutputChannel | undefined;
/** Starts and stops one after the other, never at the same time. */
let lifecycle: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): void {
  output = vscode.window.createOutputChannel(CLIENT_NAME);
  context.subscriptions.push(
    output,
    vscode.languages.registerFoldingRangeProvider({ language: 'flow' }, { provideFoldingRanges }),
    vscode.commands.registerCommand('flow.restartServer', () => restartServer()),
    vscode.commands.registerCommand('flow.showOutput', () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('flow.server')) {
        void restartServer();
      }
    }),
    // Workspace values of flow.server.path and flow.server.args count only in trusted workspaces.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restartServer()),
  );
  // Not awaited: the first `flowc` may build the compiler first, which takes minutes, and
  // activation should not wait for that.
  void restartServer();
}

/** Resolves when the last start or stop of the server has finished. */
export function whenSettled(): Promise<void> {
  return lifecycle;
}

export function deactivate(): Thenable<void> {
  return queue(stopServer);
}

/** Stops the server if it runs, then starts it with the current settings. */
export function restartServer(): Promise<void> {
  return queue(async () => {
    await stopServer();
    await startServer();
  });
}

function queue(step: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(step, step);
  return lifecycle;
}

async function startServer(): Promise<void> {
  const config = vscode.workspace.getConfiguration('flow');
  if (!config.get<boolean>('server.enabled', true)) {
    log('The language server is disabled (flow.server.enabled is false).');
    return;
  }
  const settings: ServerSettings = {
    path: config.get<string>('server.path', 'flowc'),
    args: config.get<string[]>('server.args', []),
  };
  const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const resolution = resolveServer(settings, nodeEnvironment(workspaceFolder));
  if (!resolution.found) {
    log(resolution.message);
    void vscode.window.showErrorMessage(resolution.message, OPEN_SETTINGS, DISABLE).then(onNotFoundChoice);
    return;
  }

  log(`Starting ${[resolution.command, ...resolution.args].join(' ')}`);
  // No `transport` on purpose: with TransportKind.stdio the client would append `--stdio` to
  // the arguments. Without one it speaks LSP over the process's stdin and stdout all the same.
  const executable = {
    command: resolution.command,
    args: resolution.args,
    options: { cwd: workspaceFolder, shell: resolution.shell },
  };
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  watcher = vscode.workspace.createFileSystemWatcher('**/*.flow');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'flow' },
      { scheme: 'untitled', language: 'flow' },
    ],
    // Every .flow file of the workspace is part of the model, open or not.
    synchronize: { fileEvents: watcher },
    outputChannel: output,
  };
  // The id makes the client read its trace level from `flow.trace.server`.
  const started = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = started;
  try {
    await started.start();
  } catch (error) {
    // The client has already said so in a notification with a button to its output, where
    // the server's own error output (for example flowc's "'java' is not installed") is.
    client = undefined;
    watcher?.dispose();
    watcher = undefined;
    log(`The language server (${resolution.command} ${resolution.args.join(' ')}) did not start: ${describe(error)}`);
  }
}

async function stopServer(): Promise<void> {
  const running = client;
  client = undefined;
  watcher?.dispose();
  watcher = undefined;
  if (running) {
    try {
      await running.stop();
    } catch (error) {
      log(`Stopping the language server failed: ${describe(error)}`);
    }
  }
}

function onNotFoundChoice(choice: string | undefined): void {
  if (choice === OPEN_SETTINGS) {
    void vscode.commands.executeCommand('workbench.action.openSettings', 'flow.server.path');
  } else if (choice === DISABLE) {
    void vscode.workspace
      .getConfiguration('flow')
      .update('server.enabled', false, vscode.ConfigurationTarget.Global);
  }
}

function provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
  return computeFoldingRanges(document.getText()).map(
    (range) =>
      new vscode.FoldingRange(
        range.start,
        range.end,
        range.kind === 'comment'
          ? vscode.FoldingRangeKind.Comment
          : range.kind === 'region'
            ? vscode.FoldingRangeKind.Region
            : undefined,
      ),
  );
}

function log(message: string): void {
  output?.appendLine(`[${new Date().toISOString()}] ${message}`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

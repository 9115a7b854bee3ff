// Finds the command that starts the Flow language server (`flowc lsp`) from the extension's
// settings. No VS Code API here, so that the rules can be tested in plain Node.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The `flow.server.*` settings that say how to start the server. */
export interface ServerSettings {
  /** `flow.server.path`: the flowc launcher, a name looked up on the PATH or a path to a file. */
  path: string;
  /** `flow.server.args`: extra arguments, passed after `lsp`. */
  args: string[];
}

/** What the rules need to know about the machine; `nodeEnvironment` gives the real one. */
export interface Environment {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  homedir: string;
  /** The first folder of the workspace, for relative paths and `${workspaceFolder}`. */
  workspaceFolder?: string;
  /** What is at a path: a file, a folder, or nothing. */
  kind(file: string): 'file' | 'directory' | undefined;
  /** Whether the current user may run the file (always true on Windows). */
  isExecutable(file: string): boolean;
}

/** How to start the server, or why it cannot be started. */
export type Resolution =
  | { found: true; command: string; args: string[]; shell: boolean }
  | { found: false; reason: 'notOnPath' | 'missing' | 'directory' | 'notExecutable'; message: string };

export const DEFAULT_COMMAND = 'flowc';

/** The arguments that make flowc a language server speaking LSP over stdin and stdout. */
export const LSP_ARGS: readonly string[] = ['lsp'];

/** The real machine. */
export function nodeEnvironment(workspaceFolder?: string): Environment {
  return {
    env: process.env,
    platform: process.platform,
    homedir: os.homedir(),
    workspaceFolder,
    kind(file) {
      try {
        const stat = fs.statSync(file);
        return stat.isDirectory() ? 'directory' : 'file';
      } catch {
        return undefined;
      }
    },
    isExecutable(file) {
      if (process.platform === 'win32') {
        return true;
      }
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Resolves the settings to a command line, checking that the program is there. */
export function resolveServer(settings: ServerSettings, environment: Environment): Resolution {
  const setting = (settings.path ?? '').trim() || DEFAULT_COMMAND;
  const args = [...LSP_ARGS, ...(settings.args ?? []).map(String)];
  const p = pathApi(environment.platform);

  if (!looksLikePath(setting, environment.platform)) {
    const found = findOnPath(setting, environment);
    if (!found) {
      return {
        found: false,
        reason: 'notOnPath',
        message:
          `The Flow language server could not be started: \`${setting}\` was not found on the PATH. ` +
          'Set `flow.server.path` to the flowc launcher (for example the `flowc` script at the root of ' +
          'a Flow checkout), or add its folder to the PATH.',
      };
    }
    return { found: true, command: found, args, shell: needsShell(found, environment.platform) };
  }

  const command = expandPath(setting, environment);
  const kind = environment.kind(command);
  if (kind === undefined) {
    return {
      found: false,
      reason: 'missing',
      message: `The Flow language server could not be started: \`flow.server.path\` is \`${setting}\`, and there is no file at \`${command}\`.`,
    };
  }
  if (kind === 'directory') {
    return {
      found: false,
      reason: 'directory',
      message:
        `The Flow language server could not be started: \`flow.server.path\` is the folder \`${command}\`. ` +
        `Set it to the flowc launcher itself, for example \`${p.join(command, DEFAULT_COMMAND)}\`.`,
    };
  }
  if (!environment.isExecutable(command)) {
    return {
      found: false,
      reason: 'notExecutable',
      message:
        `The Flow language server could not be started: \`${command}\` is not executable. ` +
        `Make it executable (\`chmod +x ${command}\`) or point \`flow.server.path\` at another flowc.`,
    };
  }
  return { found: true, command, args, shell: needsShell(command, environment.platform) };
}

/** A setting with a folder separator or a variable is a path; a bare name is looked up on the PATH. */
export function looksLikePath(setting: string, platform: NodeJS.Platform): boolean {
  return (
    setting.includes('/') ||
    (platform === 'win32' && setting.includes('\\')) ||
    setting.startsWith('~') ||
    setting.includes('${')
  );
}

/**
 * Expands `~`, `${workspaceFolder}`, `${userHome}` and `${env:NAME}`; a relative path is taken
 * from the first workspace folder.
 */
export function expandPath(setting: string, environment: Environment): string {
  const p = pathApi(environment.platform);
  let expanded = setting
    .replace(/\$\{workspaceFolder\}/g, environment.workspaceFolder ?? '')
    .replace(/\$\{userHome\}/g, environment.homedir)
    .replace(/\$\{env:([^}]+)\}/g, (_, name: string) => environment.env[name] ?? '');
  if (expanded === '~' || expanded.startsWith('~/') || expanded.startsWith('~\\')) {
    expanded = p.join(environment.homedir, expanded.slice(1));
  }
  if (!p.isAbsolute(expanded)) {
    expanded = p.resolve(environment.workspaceFolder ?? environment.homedir, expanded);
  }
  return p.normalize(expanded);
}

/** The first file called `name` (on Windows also with an extension of PATHEXT) on the PATH that may be run. */
export function findOnPath(name: string, environment: Environment): string | undefined {
  const p = pathApi(environment.platform);
  const windows = environment.platform === 'win32';
  const pathVariable = windows ? environment.env.Path ?? environment.env.PATH : environment.env.PATH;
  const folders = (pathVariable ?? '').split(windows ? ';' : ':').filter((folder) => folder !== '');
  const extensions = windows && p.extname(name) === '' ? windowsExtensions(environment) : [''];
  for (const folder of folders) {
    for (const extension of extensions) {
      const candidate = p.join(folder, name + extension);
      if (environment.kind(candidate) === 'file' && environment.isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function windowsExtensions(environment: Environment): string[] {
  const pathext = environment.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD';
  return pathext
    .split(';')
    .filter((extension) => extension !== '')
    .map((extension) => extension.toLowerCase());
}

/** Node runs `.cmd` and `.bat` files on Windows only through a shell. */
function needsShell(command: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' && /\.(cmd|bat)$/i.test(command);
}

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

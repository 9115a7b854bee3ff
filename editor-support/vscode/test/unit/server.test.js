// How the extension finds flowc: on the PATH, at a configured path (with ~ and variables), and
// the messages when it is missing, a folder or not executable. Runs on the compiled out/server.js.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { resolveServer, findOnPath, expandPath, nodeEnvironment } = require('../../out/server');

/** A machine with the given files (path → 'x' executable, 'r' not) and folders. */
function fakeEnvironment({ files = {}, folders = [], env = {}, platform = 'linux', workspaceFolder = '/work/project' } = {}) {
  return {
    env,
    platform,
    homedir: platform === 'win32' ? 'C:\\Users\\ada' : '/home/ada',
    workspaceFolder,
    kind: (file) => (file in files ? 'file' : folders.includes(file) ? 'directory' : undefined),
    isExecutable: (file) => files[file] === 'x',
  };
}

test('the default is flowc from the PATH, started as `flowc lsp`', () => {
  const environment = fakeEnvironment({
    files: { '/opt/flow/bin/flowc': 'x' },
    env: { PATH: '/usr/bin:/opt/flow/bin' },
  });
  assert.deepEqual(resolveServer({ path: '', args: [] }, environment), {
    found: true,
    command: '/opt/flow/bin/flowc',
    args: ['lsp'],
    shell: false,
  });
  assert.equal(resolveServer({ path: 'flowc', args: [] }, environment).command, '/opt/flow/bin/flowc');
});

test('flow.server.args come after lsp', () => {
  const environment = fakeEnvironment({ files: { '/bin/flowc': 'x' }, env: { PATH: '/bin' } });
  assert.deepEqual(resolveServer({ path: 'flowc', args: ['--log', 'debug'] }, environment).args, ['lsp', '--log', 'debug']);
});

test('the PATH lookup skips files that may not be run and takes the first that may', () => {
  const environment = fakeEnvironment({
    files: { '/a/flowc': 'r', '/b/flowc': 'x', '/c/flowc': 'x' },
    folders: ['/d/flowc'],
    env: { PATH: '/d::/a:/b:/c' },
  });
  assert.equal(findOnPath('flowc', environment), '/b/flowc');
});

test('on Windows the PATH lookup tries the extensions of PATHEXT, and .cmd runs through a shell', () => {
  const environment = fakeEnvironment({
    platform: 'win32',
    files: { 'C:\\flow\\flowc.cmd': 'x' },
    env: { Path: 'C:\\Windows;C:\\flow', PATHEXT: '.COM;.EXE;.CMD' },
    workspaceFolder: 'C:\\work',
  });
  assert.deepEqual(resolveServer({ path: 'flowc', args: [] }, environment), {
    found: true,
    command: 'C:\\flow\\flowc.cmd',
    args: ['lsp'],
    shell: true,
  });
});

test('flowc missing from the PATH says so and names the setting', () => {
  const result = resolveServer({ path: 'flowc', args: [] }, fakeEnvironment({ env: { PATH: '/usr/bin' } }));
  assert.equal(result.found, false);
  assert.equal(result.reason, 'notOnPath');
  assert.match(result.message, /`flowc` was not found on the PATH/);
  assert.match(result.message, /flow\.server\.path/);
});

test('a configured path is used as it is, with ~, ${workspaceFolder}, ${userHome} and ${env:…} expanded', () => {
  const environment = fakeEnvironment({
    files: { '/home/ada/flow/flowc': 'x', '/work/project/tools/flowc': 'x', '/srv/flow/flowc': 'x' },
    env: { FLOW_HOME: '/srv/flow' },
  });
  const command = (setting) => resolveServer({ path: setting, args: [] }, environment).command;
  assert.equal(command('~/flow/flowc'), '/home/ada/flow/flowc');
  assert.equal(command('${userHome}/flow/flowc'), '/home/ada/flow/flowc');
  assert.equal(command('${workspaceFolder}/tools/flowc'), '/work/project/tools/flowc');
  assert.equal(command('./tools/flowc'), '/work/project/tools/flowc');
  assert.equal(command('tools/../tools/flowc'), '/work/project/tools/flowc');
  assert.equal(command('${env:FLOW_HOME}/flowc'), '/srv/flow/flowc');
  assert.equal(expandPath('/abs/flowc', environment), '/abs/flowc');
});

test('a configured path that is missing, a folder, or not executable says what to do', () => {
  const environment = fakeEnvironment({ files: { '/opt/flowc': 'r' }, folders: ['/opt/flow'] });
  const missing = resolveServer({ path: '/opt/nothing/flowc', args: [] }, environment);
  assert.equal(missing.reason, 'missing');
  assert.match(missing.message, /no file at `\/opt\/nothing\/flowc`/);
  const folder = resolveServer({ path: '/opt/flow', args: [] }, environment);
  assert.equal(folder.reason, 'directory');
  assert.match(folder.message, /`\/opt\/flow\/flowc`/);
  const notExecutable = resolveServer({ path: '/opt/flowc', args: [] }, environment);
  assert.equal(notExecutable.reason, 'notExecutable');
  assert.match(notExecutable.message, /chmod \+x \/opt\/flowc/);
});

test('on the real file system: an executable script is found, a plain file is not executable', (t) => {
  if (process.platform === 'win32') {
    t.skip('POSIX permissions');
    return;
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-server-test-'));
  t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
  const script = path.join(folder, 'flowc');
  fs.writeFileSync(script, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  const plain = path.join(folder, 'plain');
  fs.writeFileSync(plain, 'not a program\n', { mode: 0o644 });

  const environment = { ...nodeEnvironment(folder), env: { PATH: `/nonexistent:${folder}` } };
  assert.equal(resolveServer({ path: 'flowc', args: [] }, environment).command, script);
  assert.equal(resolveServer({ path: './flowc', args: [] }, environment).command, script);
  assert.equal(resolveServer({ path: plain, args: [] }, environment).reason, 'notExecutable');
  assert.equal(resolveServer({ path: folder, args: [] }, environment).reason, 'directory');
});

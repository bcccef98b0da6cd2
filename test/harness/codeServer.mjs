// Starts the test VS Code (code-server) and a headless Chromium on its workbench.
// Every run gets its own port, user-data, extensions dir, XDG_* folders and TMPDIR, and
// stop() ends the whole process group, so no run leaves a process or a socket behind.
// Why each detail is needed: docs/testing.md.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const host = join(root, '.vscode-test', 'host');
const codeServerBin = join(host, 'node_modules', '.bin', 'code-server');
const requireFromHost = createRequire(join(host, 'package.json'));

/** Settings that keep runs quiet, and terminal text readable from the page (DOM renderer). */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'terminal.integrated.gpuAcceleration': 'off',
  'terminal.integrated.defaultProfile.linux': 'bash',
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

/** Installs a VSIX into an extensions dir with code-server's own CLI. */
export function installExtension(vsix, extensionsDir, runDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      codeServerBin,
      ['--extensions-dir', extensionsDir, '--user-data-dir', join(runDir, 'user-data'), '--install-extension', vsix],
      { env: runEnv(runDir), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`--install-extension exited ${code}:\n${output}`)),
    );
  });
}

/** The folders under a run's folder that runEnv points code-server at. */
export const RUN_SUBDIRS = ['user-data/User', 'extensions', 'home', 'xdg-config', 'xdg-data', 'xdg-cache', 'xdg-state', 'tmp'];

/** Short names for the runs' tmp folders (see shortTmp), removed when the harness exits. */
const tmpLinks = new Map();
process.on('exit', () => {
  for (const link of tmpLinks.values()) {
    try {
      unlinkSync(link);
    } catch {
      // already gone
    }
  }
});

/**
 * The run's tmp folder under a short name: a symbolic link in the system's tmp folder. Unix
 * socket paths are limited to 107 bytes, and Chromium (its SingletonSocket) and code-server
 * (its IPC sockets) make theirs under TMPDIR; in a clone at a longer path (CI's
 * /check/work/main, a starting environment's folder below the run's) the real path was too
 * long and Chromium aborted ("Socket path too long"). What they write still lands in the run's
 * folder, which the secret scan reads.
 */
function shortTmp(runDir) {
  let link = tmpLinks.get(runDir);
  if (!link) {
    link = join(tmpdir(), `iamt-${process.pid}-${tmpLinks.size}`);
    rmSync(link, { force: true });
    symlinkSync(join(runDir, 'tmp'), link);
    tmpLinks.set(runDir, link);
  }
  return link;
}

// Nothing a run does may land in the user's home: XDG_DATA_HOME holds code-server's
// coder-logs, XDG_CACHE_HOME the telemetry device id (Microsoft/DeveloperTools/deviceid), and
// HOME what the rest writes there (the terminals' bash history, Chromium's crash reports).
function runEnv(runDir, extra = {}) {
  return {
    ...process.env,
    HOME: join(runDir, 'home'),
    XDG_CONFIG_HOME: join(runDir, 'xdg-config'),
    XDG_DATA_HOME: join(runDir, 'xdg-data'),
    XDG_CACHE_HOME: join(runDir, 'xdg-cache'),
    XDG_STATE_HOME: join(runDir, 'xdg-state'),
    TMPDIR: shortTmp(runDir),
    EXTENSIONS_GALLERY: '{"serviceUrl":""}',
    ...extra,
  };
}

/**
 * Creates a run folder under .vscode-test/runs with everything code-server may write to.
 * @param {string} name
 */
export function createRunDir(name) {
  const runs = join(root, '.vscode-test', 'runs');
  mkdirSync(runs, { recursive: true });
  const runDir = mkdtempSync(join(runs, `${name}-`));
  for (const sub of [...RUN_SUBDIRS, 'browser']) {
    mkdirSync(join(runDir, sub), { recursive: true });
  }
  return runDir;
}

/**
 * @param {{ runDir: string, folder: string, port?: number, settings?: object, env?: object,
 *           keepSettings?: boolean }} options  keepSettings: leave an existing settings.json alone
 */
export async function startCodeServer({ runDir, folder, port, settings = {}, env = {}, keepSettings = false }) {
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(join(runDir, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const settingsFile = join(runDir, 'user-data', 'User', 'settings.json');
  if (!(keepSettings && existsSync(settingsFile))) {
    writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  }
  const log = createWriteStream(join(runDir, 'code-server.log'));
  const child = spawn(
    codeServerBin,
    [
      '--config', join(runDir, 'config.yaml'),
      '--user-data-dir', join(runDir, 'user-data'),
      '--extensions-dir', join(runDir, 'extensions'),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      folder,
    ],
    // detached: its own process group, so stop() can end the watcher and extension hosts too.
    { env: runEnv(runDir, env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.on('exit', resolve));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const signalGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    };
    signalGroup('SIGTERM');
    const timeout = new Promise((r) => setTimeout(r, 5000, 'timeout'));
    await Promise.race([exited, timeout]);
    // Extension hosts and file watchers may outlive the main process: make sure.
    signalGroup('SIGKILL');
  };

  try {
    await waitForHealth(url, child, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, folder, stop, exited, logFile: join(runDir, 'code-server.log') };
}

/**
 * Opens the workbench in headless Chromium. With devExtension/testsPath the workbench loads
 * the extension from source and runs mocha in the extension host, as --extensionDevelopmentPath
 * and --extensionTestsPath do on the desktop.
 * @param {{ runDir: string, server: { url: string, folder: string }, devExtension?: string, testsPath?: string,
 *           onLog?: (type: string, text: string) => void, onExit?: (code: number) => void }} options
 */
export async function openWorkbench({ runDir, server, devExtension, testsPath, onLog, onExit }) {
  const { chromium } = requireFromHost('playwright-core');
  const context = await chromium.launchPersistentContext(join(runDir, 'browser'), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    env: runEnv(runDir),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  if (onLog || onExit) {
    const { format } = await import('node:util');
    await page.exposeFunction('codeAutomationLog', (type, args) => onLog?.(type, format(...(args ?? []))));
    await page.exposeFunction('codeAutomationExit', (code) => onExit?.(code));
  }
  if (devExtension || testsPath) {
    await page.addInitScript(
      ({ devExtension, testsPath }) => {
        // code-server reads its workbench configuration from this meta element's data-settings.
        const getAttribute = Element.prototype.getAttribute;
        Element.prototype.getAttribute = function (name) {
          const value = getAttribute.call(this, name);
          if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !value) return value;
          const config = JSON.parse(value);
          const uri = (path) => ({ scheme: 'vscode-remote', authority: window.location.host, path });
          config.developmentOptions = {
            ...config.developmentOptions,
            ...(devExtension ? { extensions: [uri(devExtension)] } : {}),
            ...(testsPath ? { extensionTestsPath: uri(testsPath) } : {}),
          };
          return JSON.stringify(config);
        };
      },
      { devExtension, testsPath },
    );
  }
  await page.goto(`${server.url}/?folder=${encodeURIComponent(server.folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  return { context, page, close: () => context.close() };
}

/** Removes a run's folder unless KEEP_TEST_RUNS is set (to read logs after a failure). */
export function removeRunDir(runDir) {
  if (!process.env.KEEP_TEST_RUNS) rmSync(runDir, { recursive: true, force: true });
}

// The one test command: `npm test` runs every layer; `npm test -- unit|vscode|ui` runs some.
//   unit    node's test runner over the pure modules (test/unit)
//   vscode  mocha suites inside the real VS Code extension host (test/vscode)
//   ui      browser-level runs against the packaged VSIX installed in the test VS Code (test/ui)
// Each layer prints "N passed, N failed"; the last line is the total.
// First it installs the Debian packages the chosen layers need (scripts/system-packages.mjs):
// as root with apt-get, or it stops with the command to run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemPackages } from './system-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const LAYERS = ['unit', 'vscode', 'ui'];
const wanted = process.argv.slice(2).filter((a) => LAYERS.includes(a));
const layers = wanted.length > 0 ? wanted : LAYERS;

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function step(title, command, args) {
  console.log(`\n== ${title}`);
  const status = sh(command, args);
  if (status !== 0) {
    console.log(`${title} failed (exit ${status})`);
    console.log('0 passed, 1 failed');
    process.exit(status);
  }
}

/** Runs node's test runner, echoing the spec report and counting from a TAP copy. */
function runUnit() {
  const dir = join(root, 'out/test/unit');
  const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.test.js')).map((f) => join(dir, f));
  const tap = join(root, 'test-results', 'unit.tap');
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const status = sh(process.execPath, [
    '--enable-source-maps',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + (status !== 0 && count('fail') === 0 ? 1 : 0);
  return { passed, failed };
}

/** Runs a harness script that ends its output with "N passed, N failed". */
function runHarness(script, args = []) {
  const result = spawnSync(process.execPath, [join(root, 'test/harness', script), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  process.stdout.write(result.stdout ?? '');
  const match = [...(result.stdout ?? '').matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  const passed = match ? Number(match[1]) : 0;
  let failed = match ? Number(match[2]) : 0;
  if (result.status !== 0 && failed === 0) failed = 1; // the harness itself broke
  return { passed, failed };
}

const started = Date.now();
// What the layers need from the machine, in one apt-get run: the unit layer runs the real AWS
// clients; the others a browser, and the packages that installing the test VS Code needs while
// it is not installed yet.
const purposes = [];
if (layers.includes('unit')) purposes.push('clients');
if (layers.some((l) => l !== 'unit')) {
  purposes.push('browser');
  if (sh('bash', ['test/harness/install-host.sh', '--check']) !== 0) purposes.push('host');
}
ensureSystemPackages(purposes, 'test');
step('build (dev bundles and tests)', process.execPath, ['scripts/build.mjs', '--clean']);
step('typecheck', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.', '--noEmit']);

const totals = { passed: 0, failed: 0 };
const lines = [];
for (const layer of layers) {
  console.log(`\n== ${layer} tests`);
  let result;
  if (layer === 'unit') result = runUnit();
  else {
    step('test VS Code (code-server) install', 'bash', ['test/harness/install-host.sh']);
    if (layer === 'vscode') result = runHarness('run-vscode-tests.mjs');
    else {
      step('package the VSIX', process.execPath, ['scripts/package.mjs', '--out', '.vscode-test/iam-trust-sessions.vsix']);
      result = runHarness('run-ui-tests.mjs', ['.vscode-test/iam-trust-sessions.vsix']);
      // The browser entry (dist/web/extension.js): in a bare Web Worker (seconds), then in
      // code-server's Web Worker extension host (test/web).
      for (const web of [runHarness('../web/run-worker.mjs'), runHarness('../web/run-code-server.mjs')]) {
        result = { passed: result.passed + web.passed, failed: result.failed + web.failed };
      }
    }
  }
  const line = `${layer}: ${result.passed} passed, ${result.failed} failed`;
  console.log(line);
  lines.push(line);
  totals.passed += result.passed;
  totals.failed += result.failed;
}

console.log(`\n== summary (${Math.round((Date.now() - started) / 1000)} s)`);
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);

// The browser entry in a real Web Worker (issue 17 §2): headless Chromium (Debian's, through
// playwright-core from the test host, .vscode-test/host) opens a page served from this repository
// on 127.0.0.1, which starts test/web/worker.js. The worker lints the examples with the engine's
// browser bundle and activates dist/web/extension.js against a stand-in `vscode` module; this
// script compares what it reports with the Node bundles' answers. No code-server, no VS Code: a
// few seconds. Needs `node scripts/build.mjs` (dev build) first. Ends with "N passed, N failed".
//   node test/web/run-worker.mjs
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateWhen } from './whenClause.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const requireHere = createRequire(import.meta.url);
const results = [];
const check = (name, fn) => {
  try {
    fn();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`  ✘ ${name}\n    ${String(error?.message ?? error).split('\n').join('\n    ')}`);
  }
};
/** Prints the count and exits; `extra` counts a failure that stopped the run before its checks. */
const finish = (extra) => {
  const failed = results.filter((r) => !r.ok).length + extra;
  console.log(`${results.filter((r) => r.ok).length} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
};
const assert = requireHere('node:assert/strict');

for (const file of ['dist/web/extension.js', 'out/test/web/policy.js', 'dist/policy.js']) {
  if (!existsSync(join(root, file))) {
    console.log(`missing ${file}: run the dev build first (node scripts/build.mjs)`);
    finish(1);
  }
}
let chromium;
try {
  ({ chromium } = createRequire(join(root, '.vscode-test', 'host', 'package.json'))('playwright-core'));
} catch {
  console.log('playwright-core is not installed in .vscode-test/host: run bash test/harness/install-host.sh (and Chromium: node scripts/system-packages.mjs browser)');
  finish(1);
}

const read = (path) => readFileSync(join(root, path), 'utf8');
const manifest = JSON.parse(read('package.json'));
const expected = JSON.parse(read('examples/expected-findings.json'));
/** The examples the worker lints; hoverAt/completeAt: text whose position (+2) is asked. */
const FIXTURES = [
  { name: 'public-principal.trust-policy.json', path: 'examples/bad/public-principal.trust-policy.json', languageId: 'json', kind: 'policy', hoverAt: '"sts:AssumeRole"', completeAt: '"Allow"' },
  { name: 'cross-account-without-external-id.trust-policy.json', path: 'examples/bad/cross-account-without-external-id.trust-policy.json', languageId: 'json', kind: 'policy' },
  { name: 'github-oidc-without-sub.trust-policy.json', path: 'examples/bad/github-oidc-without-sub.trust-policy.json', languageId: 'json', kind: 'policy' },
  { name: 'grammar-mistakes.trust-policy.json', path: 'examples/bad/grammar-mistakes.trust-policy.json', languageId: 'json', kind: 'policy' },
  { name: 'template.yaml', path: 'examples/infrastructure/template.yaml', languageId: 'yaml', kind: 'cloudformation', hoverAt: 'sts:AssumeRole' },
  { name: 'github-deploy.tf', path: 'examples/infrastructure/github-deploy.tf', languageId: 'terraform', kind: 'terraform', hoverAt: 'sts:AssumeRoleWithWebIdentity' },
].map((f) => ({ ...f, text: read(f.path), options: {} }));

// Only what the page and the worker load is served.
const SERVED = ['dist/web/', 'out/test/web/', 'test/web/'];
const TYPES = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' };
const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(/^\/+/, '');
  if (path === '') {
    response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>iam-trust web worker test</title>');
  } else if (SERVED.some((p) => path.startsWith(p)) && existsSync(join(root, path))) {
    response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(join(root, path)));
  } else {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;

const started = Date.now();
let browser;
let report;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  const page = await browser.newPage();
  await page.goto(url);
  report = await page.evaluate(
    (payload) =>
      new Promise((resolve) => {
        const worker = new Worker('/test/web/worker.js');
        worker.onmessage = (event) => resolve(event.data);
        worker.onerror = (event) => resolve({ error: `worker error: ${event.message} (${event.filename}:${event.lineno})` });
        worker.postMessage(payload);
      }),
    { fixtures: FIXTURES.map(({ path: _path, ...f }) => f), manifest },
  );
} catch (error) {
  report = { error: `browser: ${error?.stack ?? error}` };
} finally {
  await browser?.close().catch(() => {});
  server.close();
}
console.log(`web worker run: ${((Date.now() - started) / 1000).toFixed(1)} s (Chromium start, page, worker)`);

check('the worker ran both bundles without an exception', () => assert.equal(report.error, undefined));
if (report.error) finish(0);

check('the worker has no Node: require, process and Buffer are undefined there', () =>
  assert.deepEqual(report.globals, { require: 'undefined', process: 'undefined', Buffer: 'undefined', window: 'undefined', importScripts: 'function' }));

// 1. The engine's browser bundle gives the Node bundle's findings, to the column.
const node = requireHere(join(root, 'dist', 'policy.js'));
for (const f of FIXTURES) {
  check(`engine in the worker: ${f.name} has the findings Node gives, including ${(expected[f.path.replace(/^examples\//, '')] ?? []).join(', ')}`, () => {
    const inNode = (f.kind === 'policy' ? node.lint(f.text, f.options) : node.lintEmbedded(f.text, f.kind, f.options)).map((x) => ({ code: x.code, severity: x.severity, line: x.range.start.line, column: x.range.start.column }));
    assert.deepEqual(report.engine.findings[f.name], inNode);
    const codes = new Set(inNode.map((x) => x.code));
    for (const code of expected[f.path.replace(/^examples\//, '')] ?? []) assert.ok(codes.has(code), `${code} missing`);
  });
}
check('engine in the worker: BinaryEquals compares base64 bytes (no Buffer)', () => assert.deepEqual(report.engine.binaryEquals, ['allowed', 'implicitDeny']));

// 2. The extension's browser entry.
const ext = report.extension;
check('dist/web/extension.js requires only vscode', () => assert.deepEqual(ext.required, ['vscode']));
for (const f of FIXTURES) {
  check(`extension in the worker: ${f.name} (${f.languageId}) gets the engine's findings as diagnostics`, () => {
    const diagnostics = ext.documents[f.name].diagnostics.map((d) => `${d.line}:${d.code}`).sort();
    const engine = report.engine.findings[f.name].map((x) => `${x.line}:${x.code}`).sort();
    assert.ok(diagnostics.length > 0, 'no diagnostics');
    assert.deepEqual(diagnostics, engine);
  });
}
check('hover: the action explained in a policy, a template and a Terraform file', () => {
  assert.match(ext.documents['public-principal.trust-policy.json'].hover, /AssumeRole/);
  assert.match(ext.documents['template.yaml'].hover, /AssumeRole/);
  assert.match(ext.documents['github-deploy.tf'].hover, /AssumeRoleWithWebIdentity/);
});
check('completion: Effect values offered in a policy', () => assert.ok(ext.documents['public-principal.trust-policy.json'].completion.includes('Deny'), JSON.stringify(ext.documents['public-principal.trust-policy.json'].completion)));
check('code lenses: a statement summary on each policy file (templates and Terraform have none, as on the desktop)', () => {
  for (const f of FIXTURES.filter((x) => x.kind === 'policy')) assert.ok(ext.documents[f.name].codeLenses.length > 0, `${f.name}: none`);
});
check('quick fixes: offered with edits for the findings', () => {
  const fixes = Object.values(ext.documents).flatMap((d) => d.quickFixes);
  assert.ok(fixes.some((a) => a.edits > 0), JSON.stringify(fixes.slice(0, 5)));
});
check('Check Who Can Assume: anyone may assume a role trusting "*", shown as an explanation document', () => {
  assert.equal(ext.checkWhoCanAssume.decision, 'allowed');
  assert.match(ext.checkWhoCanAssume.explanation, /\*\*Allowed\*\*/);
});
check('language model tool lintTrustPolicy answers in the browser', () => assert.match(ext.lintTool, /public-principal/));

// What the palette shows on vscode.dev / github.dev (isWeb, no remote) must be registered there,
// and what the browser entry does not register must be hidden: absent, not broken.
const WEB = { isWeb: true, remoteName: '', editorLangId: 'json' };
const palette = new Map((manifest.contributes.menus.commandPalette ?? []).map((m) => [m.command, m.when]));
const shownInWeb = manifest.contributes.commands.map((c) => c.command).filter((id) => !palette.has(id) || evaluateWhen(palette.get(id), WEB));
check('every command the palette shows in the browser is registered by the browser entry', () => assert.deepEqual(shownInWeb.filter((id) => !ext.commands.includes(id)), []));
check('the browser entry registers New Trust Policy, Check Who Can Assume and Validate Workspace, and no session command', () =>
  assert.deepEqual(ext.commands, ['iamTrust.checkWhoCanAssume', 'iamTrust.newTrustPolicy', 'iamTrust.validateWorkspace']));
check('the session and AWS commands stay in the palette outside the browser (desktop, code-server, Codespaces)', () => {
  const desktop = manifest.contributes.commands.map((c) => c.command).filter((id) => !palette.has(id) || evaluateWhen(palette.get(id), { isWeb: false, remoteName: '' }));
  const remote = manifest.contributes.commands.map((c) => c.command).filter((id) => !palette.has(id) || evaluateWhen(palette.get(id), { isWeb: true, remoteName: 'codespaces' }));
  for (const id of ['iamTrust.assumeRole', 'iamTrust.sessionMenu', 'iamTrust.showStatus', 'iamTrust.openRoleTrustPolicy', 'iamTrust.validateWithAccessAnalyzer']) {
    assert.ok(desktop.includes(id), `${id} hidden on the desktop`);
    assert.ok(remote.includes(id), `${id} hidden in a browser window on a remote`);
  }
});
check('deactivation (disposing the subscriptions) unregisters every command and tool', () => assert.deepEqual(ext.leftRegistered, []));
const toolsInWeb = manifest.contributes.languageModelTools.filter((t) => !t.when || evaluateWhen(t.when, WEB)).map((t) => t.name).sort();
check('the language model tools enabled in the browser are the ones it registers (the read-only three)', () => assert.deepEqual(ext.tools, toolsInWeb));
check('the IAM Roles view and the walkthrough steps about sessions are hidden in the browser', () => {
  assert.equal(evaluateWhen(manifest.contributes.views.explorer.find((v) => v.id === 'iamTrust.roles').when, WEB), false);
  const steps = manifest.contributes.walkthroughs[0].steps.filter((s) => !s.when || evaluateWhen(s.when, WEB)).map((s) => s.id);
  assert.deepEqual(steps, ['openPolicy', 'fixFinding', 'zoneOfTrust']);
});
console.log(`dist/web/extension.js in the worker: loaded in ${ext.loadMs.toFixed(0)} ms, activated in ${ext.activateMs.toFixed(0)} ms`);
finish(0);

// Issue 17 §2: the browser entry (dist/web/extension.js, package.json "browser") runs in a Web
// Worker on vscode.dev and github.dev, where Node is absent. scripts/webBuild.mjs fails the build
// on an import of a Node built-in; these tests check the built files, the plugin itself, and run
// the engine's browser bundle in a context that has no Node globals at all (no require, process,
// Buffer). test/web/ runs both bundles in a real Web Worker in Chromium.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import * as vm from 'node:vm';

const root = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, '')));

/** Every module name a bundle requires or imports at run time. */
function requiredModules(code: string): string[] {
  return [...code.matchAll(/\b(?:require|import)\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!);
}

describe('the browser bundle (dist/web/extension.js)', () => {
  const web = read('dist/web/extension.js');

  it('requires nothing but vscode: no Node built-in (fs, path, os, crypto, node:*), no second file', () => {
    const required = requiredModules(web);
    assert.deepEqual(
      required.filter((m) => m.startsWith('node:') || BUILTINS.has(m) || BUILTINS.has(m.split('/')[0]!)),
      [],
      'a module bundled into dist/web/extension.js imports a Node built-in',
    );
    assert.deepEqual([...new Set(required)], ['vscode']);
  });

  it('is CommonJS, as VS Code loads web extensions', () => {
    assert.match(web, /module\.exports = __toCommonJS\(/);
  });

  it('carries the engine, the IAM data and the YAML reader (templates are read in the browser too)', () => {
    assert.match(web, /Grants permission to obtain a set of temporary security credentials/);
    assert.match(web, /YAMLParseError/);
  });

  it('has no session, terminal, status bar or AWS SDK in it', () => {
    for (const [what, marker] of [
      ['the AWS SDK', /STSClient|@aws-sdk/],
      ['terminals', /createTerminal|registerTerminalProfileProvider|environmentVariableCollection/],
      ['the status-bar item', /createStatusBarItem/],
      ['the credential endpoint (node:http)', /createServer/],
    ] as const) {
      assert.doesNotMatch(web, marker, `${what} in dist/web/extension.js`);
    }
  });

  it('reads .iamtrust.json through vscode.workspace.fs (src/web/projectConfigs.ts), not node:fs', () => {
    assert.match(web, /isWritableFileSystem/);
    assert.doesNotMatch(web, /readFileSync|statSync/);
  });

  it('is the package.json "browser" entry, and the VSIX ships it', () => {
    const manifest = JSON.parse(read('package.json')) as { browser?: string };
    assert.equal(manifest.browser, './dist/web/extension.js');
    assert.match(read('.vscodeignore'), /^!dist\/web\/extension\.js$/m);
  });
});

describe('the engine in a context without Node (out/test/web/policy.js)', () => {
  /** A fresh JavaScript realm: only the language's own globals, as far from Node as a worker is. */
  function loadEngine() {
    const sandbox: Record<string, unknown> = {};
    vm.runInNewContext(read('out/test/web/policy.js'), sandbox, { filename: 'policy.js' });
    return sandbox.IamTrustPolicy as typeof import('../../src/policy');
  }

  it('has no require, process or Buffer to lean on, and lints', () => {
    const sandbox: Record<string, unknown> = {};
    vm.runInNewContext('this.kinds = [typeof require, typeof process, typeof Buffer]', sandbox);
    assert.deepEqual([...(sandbox.kinds as string[])], ['undefined', 'undefined', 'undefined']);
    const engine = loadEngine();
    const text = read('examples/bad/public-principal.trust-policy.json');
    assert.deepEqual(
      Array.from(engine.lint(text), (f) => f.code), // an array of the other realm, copied into this one
      require(join(root, 'dist', 'policy.js')).lint(text).map((f: { code: string }) => f.code),
    );
    assert.ok(engine.lint(text).some((f) => f.code === 'public-principal'));
  });

  it('reads templates and Terraform files', () => {
    const engine = loadEngine();
    assert.ok(engine.lintEmbedded(read('examples/infrastructure/template.yaml'), 'cloudformation', {}).some((f) => f.code === 'cross-account-without-external-id'));
    assert.ok(engine.lintEmbedded(read('examples/infrastructure/github-deploy.tf'), 'terraform', {}).some((f) => f.code === 'oidc-wildcard-sub'));
  });

  it('evaluates BinaryEquals (base64) without Buffer', () => {
    // Regression: evaluate.ts decoded base64 with Node's Buffer, a ReferenceError in a browser.
    const engine = loadEngine();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: { BinaryEquals: { 'custom:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } } }],
    });
    const request = (blob: string) => ({ principal: { type: 'AWS' as const, id: 'arn:aws:iam::111122223333:user/alice' }, action: 'sts:AssumeRole', context: { 'custom:blob': blob } });
    assert.equal(engine.evaluate(policy, request('QmluYXJ5VmFsdWVJbkJhc2U2NA')).decision, 'allowed'); // same bytes, no padding
    assert.equal(engine.evaluate(policy, request('T3RoZXI=')).decision, 'implicitDeny');
  });
});

describe('the build refuses Node built-ins in browser bundles (scripts/webBuild.mjs)', () => {
  it('fails, naming the importer, for node:fs, path and fs/promises', async () => {
    const esbuild = require(join(root, 'node_modules', 'esbuild')) as typeof import('esbuild');
    const { noNodeBuiltins } = (await import(pathToFileURL(join(root, 'scripts', 'webBuild.mjs')).href)) as { noNodeBuiltins: (root: string) => import('esbuild').Plugin };
    const dir = mkdtempSync(join(tmpdir(), 'web-builtins-'));
    try {
      const build = (source: string) => {
        writeFileSync(join(dir, 'entry.ts'), source);
        return esbuild.build({ absWorkingDir: dir, entryPoints: ['entry.ts'], bundle: true, write: false, platform: 'browser', format: 'cjs', logLevel: 'silent', plugins: [noNodeBuiltins(dir)] });
      };
      for (const spec of ['node:fs', 'path', 'fs/promises']) {
        await assert.rejects(build(`import * as m from '${spec}'; console.log(m);`), (e: Error) => e.message.includes(`entry.ts imports the Node built-in "${spec}"`));
      }
      const ok = await build(`export const x = 1;`);
      assert.equal(ok.errors.length, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

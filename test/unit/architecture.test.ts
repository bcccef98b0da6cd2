import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// Tests run from out/test/unit; the repository root is three levels up.
const root = join(__dirname, '..', '..', '..');
const IMPORTS_VSCODE = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\))/;

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('architecture', () => {
  for (const pure of ['src/policy', 'src/session']) {
    it(`${pure} never imports vscode (it runs in the CLI and in unit tests)`, () => {
      const offenders = tsFiles(join(root, pure)).filter((f) => IMPORTS_VSCODE.test(readFileSync(f, 'utf8')));
      assert.deepEqual(offenders, []);
    });
  }

  it('src/extension.ts only wires features: no AWS SDK import at start-up', () => {
    const source = readFileSync(join(root, 'src/extension.ts'), 'utf8');
    assert.doesNotMatch(source, /@aws-sdk|@smithy/);
  });
});

describe('bundles', () => {
  const bundle = (name: string) => readFileSync(join(root, 'dist', name), 'utf8');

  it('dist/policy.js and dist/cli.js run without VS Code', () => {
    for (const name of ['policy.js', 'cli.js']) assert.doesNotMatch(bundle(name), IMPORTS_VSCODE, name);
  });

  it('dist/extension.js takes vscode from the host instead of bundling it', () => {
    assert.match(bundle('extension.js'), /require\("vscode"\)/);
  });

  it('dist/cli.js is an executable node script', () => {
    assert.match(bundle('cli.js'), /^#!\/usr\/bin\/env node\n/);
    const policy = require(join(root, 'dist', 'policy.js'));
    assert.equal(typeof policy.lint, 'function');
  });
});

describe('lazy AWS SDK', () => {
  it('dist/extension.js does not contain the SDK; it requires dist/aws.js on first use', () => {
    const extension = readFileSync(join(root, 'dist', 'extension.js'), 'utf8');
    assert.doesNotMatch(extension, /class STSClient|STSClient = class/);
    assert.match(extension, /import\("\.\/aws\.js"\)/);
    const aws = require(join(root, 'dist', 'aws.js'));
    assert.equal(typeof aws.STSClient, 'function');
    assert.equal(typeof aws.fromIni, 'function');
  });
});

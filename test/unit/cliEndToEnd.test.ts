import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

// The real bundle, on real files: what CI users run.
const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'trust-policy-lint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [cli, ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('dist/cli.js', () => {
  mkdirSync(join(dir, 'roles', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'roles', 'ci.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }));
  writeFileSync(join(dir, 'roles', 'nested', 'ok.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }));
  writeFileSync(join(dir, 'roles', 'tsconfig.json'), '{"compilerOptions": {}}');
  // A link back up the tree must not make the search loop.
  symlinkSync(join(dir, 'roles'), join(dir, 'roles', 'nested', 'loop'));

  it('lints a directory recursively and exits 1 on a security finding', () => {
    const r = run(['roles']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^roles\/ci\.json:1:\d+: security public-principal:/m);
    assert.match(r.stdout, /2 file\(s\) checked: 1 security/);
  });

  it('reads standard input', () => {
    const r = run(['--format', 'json', '-'], '{"Version": "2012-10-17", "Statement": [],}');
    assert.equal(r.status, 1);
    const [result] = JSON.parse(r.stdout);
    assert.equal(result.file, '<stdin>');
    assert.ok(result.findings.some((f: { code: string }) => f.code === 'json-syntax'));
  });

  it('writes SARIF for code scanning', () => {
    const r = run(['--format', 'sarif', 'roles']);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'roles/ci.json');
  });

  it('prints its version', () => {
    assert.match(run(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

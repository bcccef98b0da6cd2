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

describe('dist/cli.js on templates and Terraform', () => {
  const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'embedded');

  it('searches a directory for templates and .tf files, and reports at their lines', () => {
    const r = run(['--format', 'json', '--account', '111122223333', fixtures]);
    assert.equal(r.status, 1, r.stderr);
    const results: Array<{ file: string; findings: Array<{ code: string; range: { start: { line: number } } }> }> = JSON.parse(r.stdout);
    const byFile = Object.fromEntries(results.map((x) => [x.file.slice(fixtures.length + 1), x.findings.map((f) => `${f.range.start.line} ${f.code}`)]));
    assert.deepEqual(byFile, {
      'broken-roles.tf': ['6 effect-invalid', '22 action-invalid', '34 public-principal', '45 oidc-missing-sub'],
      'cdk-synth.template.json': ['28 cross-account-without-external-id'],
      'github-oidc-role.tf': [],
      'irsa-policy-document.tf': [],
      'sam-function.yaml': ['33 effect-invalid', '36 action-invalid', '44 version-missing', '48 public-principal'],
    });
  });

  it('writes SARIF pointing into the template', () => {
    const r = run(['--format', 'sarif', join(fixtures, 'sam-function.yaml')]);
    const sarif = JSON.parse(r.stdout);
    const locations = sarif.runs[0].results.map((x: { ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }) => `${x.ruleId}@${x.locations[0]!.physicalLocation.region.startLine}`);
    assert.deepEqual(locations, ['effect-invalid@33', 'action-invalid@36', 'version-missing@44', 'public-principal@48']);
  });

  it('stops quietly when its output is closed (| head)', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" --format sarif "${fixtures}" | head -c 10`], { encoding: 'utf8' });
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled/);
  });
});

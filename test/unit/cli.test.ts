import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main, type CliIo } from '../../src/cli/main';
import type { FileSystem } from '../../src/cli/files';

/** An in-memory tree: paths to file contents; directories are implied by the paths. */
function memoryFs(files: Record<string, string>): FileSystem {
  const dirs = new Set<string>();
  for (const path of Object.keys(files)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return {
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return files[path]!;
    },
    kind: (path) => (path in files ? 'file' : dirs.has(path) ? 'dir' : undefined),
    list: (dir) => [
      ...new Set(
        [...Object.keys(files), ...dirs].filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1).split('/')[0]!),
      ),
    ],
    realPath: (path) => path,
  };
}

function run(argv: string[], files: Record<string, string> = {}, colour = false) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), fs: memoryFs(files), colour };
  const status = main(argv, io);
  return { status, stdout, stderr };
}

const CLEAN = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const BROKEN = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],\n}';
const PUBLIC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] });
const LEGACY = CLEAN.replace('2012-10-17', '2008-10-17');
const CROSS = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' }] });

describe('trust-policy-lint', () => {
  it('exits 0 and says so when nothing is found', () => {
    const r = run(['clean.json'], { 'clean.json': CLEAN });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /1 file\(s\) checked, no findings/);
  });

  it('prints file:line:column severity code message and exits 1 on errors', () => {
    const r = run(['clean.json', 'broken.json'], { 'clean.json': CLEAN, 'broken.json': BROKEN });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^broken\.json:3:112: error json-syntax: Trailing comma/m);
    assert.match(r.stdout, /2 file\(s\) checked: 1 error/);
  });

  it('colours only when asked to', () => {
    assert.doesNotMatch(run(['b.json'], { 'b.json': BROKEN }).stdout, /\u001b\[/);
    assert.match(run(['b.json'], { 'b.json': BROKEN }, true).stdout, /\u001b\[31merror\u001b\[0m/);
  });

  it('prints machine-readable JSON with --format json', () => {
    const r = run(['--format', 'json', 'broken.json'], { 'broken.json': BROKEN });
    const parsed = JSON.parse(r.stdout);
    assert.equal(parsed[0].file, 'broken.json');
    assert.equal(parsed[0].findings[0].code, 'json-syntax');
    assert.deepEqual(parsed[0].findings[0].range.start, { line: 3, column: 112 });
  });

  it('fails on security findings by default, and as --fail-on says', () => {
    assert.equal(run(['p.json'], { 'p.json': PUBLIC }).status, 1);
    assert.equal(run(['--fail-on', 'error', 'p.json'], { 'p.json': PUBLIC }).status, 0);
    assert.equal(run(['l.json'], { 'l.json': LEGACY }).status, 0, 'a warning does not fail by default');
    assert.equal(run(['--fail-on', 'warning', 'l.json'], { 'l.json': LEGACY }).status, 1);
    assert.equal(run(['--fail-on', 'none', 'b.json'], { 'b.json': BROKEN }).status, 0);
    assert.equal(run(['--fail-on', 'loud', 'b.json'], { 'b.json': BROKEN }).status, 2);
  });

  it('checks cross-account trust only with --account', () => {
    assert.doesNotMatch(run(['c.json'], { 'c.json': CROSS }).stdout, /cross-account-without-external-id/);
    const r = run(['--account', '111122223333', 'c.json'], { 'c.json': CROSS });
    assert.match(r.stdout, /security cross-account-without-external-id/);
    assert.equal(r.status, 1);
  });

  it('honours --ignore, repeated or comma-separated, and rejects unknown codes', () => {
    assert.equal(run(['--ignore', 'json-syntax', 'b.json'], { 'b.json': BROKEN }).status, 0);
    assert.equal(run(['--ignore', 'version-legacy,json-syntax', '--ignore', 'public-principal', 'p.json'], { 'p.json': PUBLIC }).status, 0);
    const r = run(['--ignore', 'no-such-rule', 'b.json'], { 'b.json': BROKEN });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown rule code.*no-such-rule/);
  });

  it('searches directories for trust policies by content, skipping other JSON and dependencies', () => {
    const r = run(['--format', 'json', 'infra'], {
      'infra/roles/deploy.json': PUBLIC,
      'infra/roles/package.json': '{"name": "x"}',
      'infra/policy-s3.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
      'infra/node_modules/x/trust.json': PUBLIC,
      'infra/.cache/trust.json': PUBLIC,
      'infra/notes.txt': 'hello',
    });
    assert.deepEqual(JSON.parse(r.stdout).map((x: { file: string }) => x.file), ['infra/roles/deploy.json']);
    assert.equal(r.status, 1);
  });

  it('reports input errors with status 2 and still checks the rest', () => {
    const r = run(['missing.json', 'empty-dir', 'notes.txt', 'b.json'], { 'b.json': BROKEN, 'notes.txt': 'hello', 'empty-dir/readme.json': '{"a": 1}' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /missing\.json: no such file or directory/);
    assert.match(r.stderr, /empty-dir: no trust policies found/);
    assert.match(r.stderr, /notes\.txt: not JSON/);
    assert.match(r.stdout, /b\.json:3:112/);
  });

  it('refuses bad usage with status 2 and a reason', () => {
    assert.match(run([]).stderr, /no input files/);
    assert.equal(run(['--format', 'xml', 'a']).status, 2);
    assert.equal(run(['--account', '1234', 'a']).status, 2);
    assert.equal(run(['--format']).status, 2);
    assert.equal(run(['--frobnicate', 'a']).status, 2);
  });

  it('lists every rule from the rule metadata', () => {
    const r = run(['--list-rules']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^json-syntax\terror\t/m);
    assert.match(r.stdout, /^cross-account-without-external-id\tsecurity\t/m);
  });
});

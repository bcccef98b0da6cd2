import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main, type CliIo } from '../../src/cli/main';

function run(argv: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return files[path]!;
    },
  };
  const status = main(argv, io);
  return { status, stdout, stderr };
}

const CLEAN = '{"Version": "2012-10-17", "Statement": []}';
const BROKEN = '{\n  "Version": "2012-10-17",\n}';

describe('trust-policy-lint', () => {
  it('exits 0 and says so when nothing is found', () => {
    const r = run(['clean.json'], { 'clean.json': CLEAN });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /1 file\(s\) checked, no findings/);
  });

  it('prints file:line:column severity code message and exits 1 on errors', () => {
    const r = run(['clean.json', 'broken.json'], { 'clean.json': CLEAN, 'broken.json': BROKEN });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^broken\.json:2:26: error json-syntax: Trailing comma/m);
    assert.match(r.stdout, /2 file\(s\) checked: 1 error/);
  });

  it('prints machine-readable JSON with --format json', () => {
    const r = run(['--format', 'json', 'broken.json'], { 'broken.json': BROKEN });
    const parsed = JSON.parse(r.stdout);
    assert.equal(parsed[0].file, 'broken.json');
    assert.equal(parsed[0].findings[0].code, 'json-syntax');
    assert.deepEqual(parsed[0].findings[0].range.start, { line: 2, column: 26 });
  });

  it('honours --ignore and rejects unknown codes', () => {
    assert.equal(run(['--ignore', 'json-syntax', 'b.json'], { 'b.json': BROKEN }).status, 0);
    const r = run(['--ignore', 'no-such-rule', 'b.json'], { 'b.json': BROKEN });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown rule code.*no-such-rule/);
  });

  it('refuses bad usage with status 2 and a reason', () => {
    assert.match(run([]).stderr, /no input files/);
    assert.equal(run(['--format', 'xml', 'a']).status, 2);
    assert.equal(run(['--account-id', '1234', 'a']).status, 2);
    assert.equal(run(['--format']).status, 2);
    assert.equal(run(['--frobnicate', 'a']).status, 2);
  });

  it('reports unreadable files and still checks the rest', () => {
    const r = run(['missing.json', 'b.json'], { 'b.json': BROKEN });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read missing\.json: ENOENT/);
    assert.match(r.stdout, /b\.json:2:26/);
  });

  it('lists every rule from the rule metadata', () => {
    const r = run(['--list-rules']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^json-syntax\terror\t/m);
  });
});

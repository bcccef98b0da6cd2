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
  // Configuration files are searched up from the working folder too: one of its own, with none.
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), fs: memoryFs(files), colour, cwd: '/work/cli-test' };
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

  it('judges cross-account trust as security only against a declared zone of trust', () => {
    const unknown = run(['c.json'], { 'c.json': CROSS });
    assert.match(unknown.stdout, /suggestion cross-account-without-external-id: .*declare your zone of trust/);
    assert.equal(unknown.status, 0, 'a suggestion does not fail the run');
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

describe('trust-policy-lint: zone of trust, .iamtrust.json and suppressions', () => {
  const config = (value: unknown) => JSON.stringify(value);
  const codesIn = (stdout: string) => [...stdout.matchAll(/^(\S+):\d+:\d+: (\w+) ([a-z-]+)/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);

  it('--trusted-accounts and --organization-id put accounts inside the zone', () => {
    assert.deepEqual(codesIn(run(['--account', '111122223333', '--trusted-accounts', '444455556666', 'c.json'], { 'c.json': CROSS }).stdout), []);
    assert.deepEqual(codesIn(run(['--trusted-accounts', '777788889999,444455556666', 'c.json'], { 'c.json': CROSS }).stdout), []);
    assert.deepEqual(codesIn(run(['--trusted-accounts', '777788889999', 'c.json'], { 'c.json': CROSS }).stdout), ['c.json security cross-account-without-external-id']);
    const org = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] });
    assert.deepEqual(codesIn(run(['--organization-id', 'o-a1b2c3d4e5', 'o.json'], { 'o.json': org }).stdout), []);
    assert.deepEqual(codesIn(run(['--organization-id', 'o-zzzzzzzzzz', 'o.json'], { 'o.json': org }).stdout), ['o.json security cross-account-without-external-id']);
  });

  it('refuses malformed zone flags with status 2', () => {
    assert.match(run(['--trusted-accounts', '4444', 'c.json'], { 'c.json': CROSS }).stderr, /--trusted-accounts takes 12-digit account IDs, got "4444"/);
    assert.equal(run(['--organization-id', 'org', 'c.json'], { 'c.json': CROSS }).status, 2);
    assert.equal(run(['--config', 'x.json', '--no-config', 'c.json'], { 'c.json': CROSS }).status, 2);
  });

  it('finds .iamtrust.json in the file\'s folder or above, the nearest one only', () => {
    const files = {
      'repo/.iamtrust.json': config({ accountId: '111122223333' }),
      'repo/infra/prod/c.json': CROSS,
      'repo/infra/shared/.iamtrust.json': config({ accountId: '111122223333', trustedAccounts: ['444455556666'] }),
      'repo/infra/shared/c.json': CROSS,
      'elsewhere/c.json': CROSS,
    };
    assert.deepEqual(codesIn(run(['repo/infra/prod/c.json', 'repo/infra/shared/c.json', 'elsewhere/c.json'], files).stdout), [
      'repo/infra/prod/c.json security cross-account-without-external-id',
      'elsewhere/c.json suggestion cross-account-without-external-id',
    ]);
  });

  it('a configuration in the working folder (or above it) applies to relative paths and standard input', () => {
    const found = run(['c.json'], { '.iamtrust.json': config({ trustedAccounts: ['444455556666'] }), 'c.json': CROSS });
    assert.deepEqual(codesIn(found.stdout), []);
    assert.equal(found.status, 0);
  });

  it('flags win over the file; --ignore adds to its ignore list', () => {
    const files = { '.iamtrust.json': config({ accountId: '111122223333', trustedAccounts: ['444455556666'], ignore: ['version-legacy'] }), 'c.json': CROSS, 'l.json': LEGACY };
    assert.deepEqual(codesIn(run(['--trusted-accounts', '777788889999', 'c.json'], files).stdout), ['c.json security cross-account-without-external-id']);
    assert.deepEqual(codesIn(run(['--fail-on', 'warning', '--ignore', 'json-syntax', 'l.json'], files).stdout), []);
    assert.deepEqual(codesIn(run(['--no-config', 'c.json', 'l.json'], files).stdout), ['c.json suggestion cross-account-without-external-id', 'l.json warning version-legacy']);
  });

  it('re-grades and silences rules as "severity" says', () => {
    const files = { '.iamtrust.json': config({ severity: { 'public-principal': 'warning', 'version-legacy': 'off' } }), 'p.json': PUBLIC, 'l.json': LEGACY };
    const r = run(['p.json', 'l.json'], files);
    assert.deepEqual(codesIn(r.stdout), ['p.json warning public-principal']);
    assert.equal(r.status, 0, 'a warning does not fail by default');
  });

  it('--config names the file for every input', () => {
    const files = { 'cfg/zone.json': config({ trustedAccounts: ['444455556666'] }), 'c.json': CROSS, '.iamtrust.json': config({ accountId: '111122223333' }) };
    assert.deepEqual(codesIn(run(['--config', 'cfg/zone.json', 'c.json'], files).stdout), []);
    const missing = run(['--config', 'cfg/none.json', 'c.json'], files);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cfg\/none\.json: cannot read the configuration/);
  });

  it('a configuration with problems is reported (status 2) and its valid parts still apply', () => {
    const r = run(['c.json'], { '.iamtrust.json': '{"trustedAccounts": ["444455556666"], "ignore": ["no-such-rule"]}', 'c.json': CROSS });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\.iamtrust\.json: 1:50 Unknown rule code "no-such-rule"/);
    assert.deepEqual(codesIn(r.stdout), []);
  });

  it('include and exclude narrow a directory search; files named are always checked', () => {
    const files = {
      'infra/.iamtrust.json': config({ exclude: ['legacy', '*.draft.json'], include: ['roles/**', 'legacy/**'] }),
      'infra/roles/a.json': PUBLIC,
      'infra/roles/b.draft.json': PUBLIC,
      'infra/legacy/old.json': PUBLIC,
      'infra/other/c.json': PUBLIC,
    };
    const searched = run(['--format', 'json', 'infra'], files);
    assert.deepEqual(JSON.parse(searched.stdout).map((x: { file: string }) => x.file), ['infra/roles/a.json']);
    const named = run(['--format', 'json', 'infra/legacy/old.json'], files);
    assert.deepEqual(JSON.parse(named.stdout).map((x: { file: string }) => x.file), ['infra/legacy/old.json']);
  });

  it('applies inline suppressions in YAML and Terraform, and reports those without a reason or unused', () => {
    const tf = (comment: string) =>
      `resource "aws_iam_role" "r" {\n${comment}  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::444455556666:root" }, Action = "sts:AssumeRole" }]\n  })\n}\n`;
    const options = ['--account', '111122223333'];
    assert.deepEqual(codesIn(run([...options, 'main.tf'], { 'main.tf': tf('') }).stdout), ['main.tf security cross-account-without-external-id']);
    // Above the statement's line: it covers that line (HCL: no nesting).
    const suppressed = tf('').replace('    Statement', '    # iam-trust-ignore cross-account-without-external-id: our CI account\n    Statement');
    const ok = run([...options, 'main.tf'], { 'main.tf': suppressed });
    assert.deepEqual(codesIn(ok.stdout), []);
    assert.equal(ok.status, 0);
    const noReason = run([...options, 'main.tf'], { 'main.tf': suppressed.replace(': our CI account', '') });
    assert.deepEqual(codesIn(noReason.stdout), ['main.tf warning invalid-suppression', 'main.tf security cross-account-without-external-id']);
    const unused = run([...options, '--format', 'json', 'main.tf'], { 'main.tf': tf('  # iam-trust-ignore public-principal: reviewed\n') });
    assert.deepEqual(JSON.parse(unused.stdout)[0].findings.map((f: { code: string }) => f.code), ['unused-suppression', 'cross-account-without-external-id']);
    assert.equal(run([...options, '--ignore', 'unused-suppression,cross-account-without-external-id', 'main.tf'], { 'main.tf': tf('  # iam-trust-ignore public-principal: reviewed\n') }).stdout.includes('unused-suppression'), false);
  });

  it('lists the suppression codes with the rules, and describes them in SARIF', () => {
    assert.match(run(['--list-rules']).stdout, /^unused-suppression\tsuggestion\t/m);
    const sarif = JSON.parse(run(['--format', 'sarif', 'main.tf'], { 'main.tf': '# iam-trust-ignore public-principal: x\nresource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })\n}\n' }).stdout);
    const run0 = sarif.runs[0];
    const result = run0.results.find((r: { ruleId: string }) => r.ruleId === 'unused-suppression');
    assert.equal(run0.tool.driver.rules[result.ruleIndex].id, 'unused-suppression');
  });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startLocalAws, type LocalAws } from '../local-aws/server';

// `trust-policy-lint --access-analyzer`, the real bundle against the local endpoint
// (test/local-aws/accessAnalyzer.ts answers ValidatePolicy and CheckNoPublicAccess).
const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'trust-policy-lint-aa-'));
const faults: NonNullable<Parameters<typeof startLocalAws>[0]['faults']> = [];
let local: LocalAws;

const ALICE = { accessKeyId: 'AKIAALICE00000000000', secretAccessKey: 'alice-secret' };
const BOB = { accessKeyId: 'AKIABOB0000000000000', secretAccessKey: 'bob-secret' };

/** Runs dist/cli.js without blocking this process (the endpoint answers from it). */
function run(args: string[], keys = ALICE): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        NO_COLOR: '1',
        AWS_ACCESS_KEY_ID: keys.accessKeyId,
        AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
        AWS_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL_ACCESSANALYZER: local.endpoint,
        AWS_CONFIG_FILE: join(dir, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
const sent = () => local.calls.filter((c) => c.action === 'ValidatePolicy' || c.action === 'CheckNoPublicAccess').length;

describe('dist/cli.js --access-analyzer', () => {
  before(async () => {
    local = await startLocalAws({
      users: [
        { arn: 'arn:aws:iam::111122223333:user/alice', ...ALICE },
        { arn: 'arn:aws:iam::111122223333:user/bob', ...BOB, denied: ['access-analyzer:ValidatePolicy'] },
      ],
      roles: [],
      faults,
    });
    writeFileSync(join(dir, 'public.json'), JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] }, null, 2));
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, null, 2));
    writeFileSync(join(dir, 'broken.json'), '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", } ] }');
  });
  after(async () => {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds Access Analyzer\'s findings to the text output, after saying what is sent and billed', async () => {
    const r = await run(['--access-analyzer', 'public.json', 'ok.json']);
    assert.match(r.stderr, /--access-analyzer sends the policy to AWS IAM Access Analyzer .*bills per call/);
    assert.match(r.stdout, /^public\.json:1:1: warning access-analyzer:MISSING_VERSION: Access Analyzer: We recommend that you specify the Version element/m);
    assert.match(r.stdout, /^public\.json:3:\d+: security access-analyzer:PUBLIC_ACCESS: Access Analyzer CheckNoPublicAccess: FAIL/m);
    assert.match(r.stdout, /^public\.json:\d+:\d+: security public-principal:/m, 'our own findings are still there');
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(local.calls.slice(-4).map((c) => c.action), ['ValidatePolicy', 'CheckNoPublicAccess', 'ValidatePolicy', 'CheckNoPublicAccess']);
  });

  it('JSON and SARIF carry them too, with a SARIF rule per Access Analyzer code', async () => {
    const json = await run(['--access-analyzer', '--format', 'json', 'public.json']);
    const [result] = JSON.parse(json.stdout) as Array<{ findings: Array<{ code: string }> }>;
    assert.ok(result!.findings.some((f) => f.code === 'access-analyzer:PUBLIC_ACCESS'));
    const sarif = await run(['--access-analyzer', '--format', 'sarif', 'public.json']);
    const run0 = JSON.parse(sarif.stdout).runs[0];
    const ids: string[] = run0.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const code of ['access-analyzer:MISSING_VERSION', 'access-analyzer:PUBLIC_ACCESS']) {
      assert.ok(ids.includes(code), code);
      assert.ok(run0.results.some((r: { ruleId: string; ruleIndex?: number }) => r.ruleId === code && r.ruleIndex === ids.indexOf(code)));
    }
  });

  it('sends nothing for a file that does not parse, and says so', async () => {
    const before = sent();
    const r = await run(['--access-analyzer', 'broken.json']);
    assert.equal(sent(), before);
    assert.match(r.stderr, /broken\.json: not sent to Access Analyzer: the document is not valid JSON/);
    assert.match(r.stdout, /json-syntax/);
  });

  it('explains a refusal, naming the missing action, and exits 2', async () => {
    const r = await run(['--access-analyzer', 'ok.json', 'public.json'], BOB);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /ok\.json: Access Analyzer refused the call: your credentials may not call access-analyzer:ValidatePolicy/);
    assert.match(r.stderr, /public\.json: not sent to Access Analyzer: an earlier call was refused/);
  });

  it('explains throttling', async () => {
    faults.push({ action: 'CheckNoPublicAccess', code: 'ThrottlingException', message: 'Rate exceeded' }, { action: 'CheckNoPublicAccess', code: 'ThrottlingException', message: 'Rate exceeded' });
    const r = await run(['--access-analyzer', 'ok.json']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /ok\.json: Access Analyzer is throttling the calls \(ThrottlingException\): wait a few seconds/);
  });

  it('without the flag, nothing is sent', async () => {
    const before = sent();
    const r = await run(['public.json']);
    assert.equal(sent(), before);
    assert.doesNotMatch(r.stdout + r.stderr, /Access Analyzer/);
  });
});

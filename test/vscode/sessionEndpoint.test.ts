import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IamTrustApi } from '../../src/extension';
import { trustPolicy, type LocalAws } from '../local-aws/server';
import { startLocalAwsForSuite, type LocalAwsForTests } from './localAws';

// Issue 12, section 2, in the extension host: a program started in a session terminal (boto3,
// its client made once, GetCallerIdentity every half second) keeps working across a refresh that
// changes the keys, and fails at its next call after Clear Session; the endpoint refuses a
// wrong or missing token.
const PYTHON = '/usr/bin/python3';
const LOOP = [
  'import boto3, sys, time',
  "c = boto3.client('sts', endpoint_url=sys.argv[1])",
  'while True:',
  '    try:',
  "        print('ok', c.get_caller_identity()['UserId'], flush=True)",
  '    except Exception as e:',
  "        print('error', (str(e).splitlines() or [type(e).__name__])[0], flush=True)",
  '    time.sleep(0.5)',
].join('\n');

const hasBoto3 = existsSync(PYTHON) && (() => {
  try {
    return require('node:child_process').spawnSync(PYTHON, ['-c', 'import boto3'], { timeout: 20_000 }).status === 0;
  } catch {
    return false;
  }
})();

describe('Session credential endpoint', () => {
  let suite: LocalAwsForTests;
  let local: LocalAws;
  let api: IamTrustApi;
  let dir: string;
  const args = { roleArn: 'arn:aws:iam::111122223333:role/Deploy', profile: 'alice', sessionName: 'endpoint-test', durationSeconds: 900 };

  before(async () => {
    api = await vscode.extensions.getExtension<IamTrustApi>('iam-trust.iam-trust-sessions')!.activate();
    suite = await startLocalAwsForSuite({
      users: [{ arn: 'arn:aws:iam::444455556666:user/alice', accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret' }],
      roles: [{ name: 'Deploy', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['444455556666'] }) }],
    });
    local = suite.local;
    dir = mkdtempSync(join(tmpdir(), 'iam-trust-endpoint-'));
  });

  after(async () => {
    await suite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
  const waitFor = async (file: string, from: number, match: RegExp, timeoutMs = 60_000) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const all = lines(file);
      const index = all.findIndex((l, i) => i >= from && match.test(l));
      if (index >= 0) return { index, line: all[index]!, all };
      if (Date.now() > end) throw new Error(`no line matching ${match} after ${from}: ${JSON.stringify(all.slice(-5))}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it('refuses a wrong or missing token', async () => {
    assert.ok(await vscode.commands.executeCommand('iamTrust.assumeRole', args));
    const url = api.terminalEnvironment.get('AWS_CONTAINER_CREDENTIALS_FULL_URI')?.value;
    const token = api.terminalEnvironment.get('AWS_CONTAINER_AUTHORIZATION_TOKEN')?.value;
    assert.ok(url && token && token.length >= 40);
    assert.equal((await fetch(url)).status, 401);
    assert.equal((await fetch(url, { headers: { authorization: `${token}x` } })).status, 403);
    const ok = await fetch(url, { headers: { authorization: token } });
    assert.equal(ok.status, 200);
    assert.match(((await ok.json()) as { AccessKeyId: string }).AccessKeyId, /^ASIA/);
  });

  it('a program in a session terminal survives a refresh and stops at its next call after Clear Session', async function () {
    if (!hasBoto3) return this.skip();
    this.timeout(240_000);
    const script = join(dir, 'loop.py');
    const out = join(dir, 'loop.out');
    writeFileSync(script, LOOP);
    const name = await vscode.commands.executeCommand<string>('iamTrust.openSessionTerminal');
    const terminal = vscode.window.terminals.find((t) => t.name === name)!;
    try {
      terminal.sendText(`${PYTHON} ${script} ${local.endpoint} > ${out} 2>&1`);
      const first = await waitFor(out, 0, /^ok /);
      const refreshed = await vscode.commands.executeCommand<string>('iamTrust.refreshSession');
      assert.equal(refreshed, 'arn:aws:sts::111122223333:assumed-role/Deploy/endpoint-test');
      const mark = lines(out).length;
      const second = await waitFor(out, mark + 1, /^ok /);
      assert.notEqual(second.line, first.line, 'the refreshed session (a new role id)');
      assert.deepEqual(second.all.slice(first.index).filter((l) => !l.startsWith('ok ')), [], 'no call failed across the refresh');
      await vscode.commands.executeCommand('iamTrust.clearSession');
      const cleared = lines(out).length;
      const failed = await waitFor(out, cleared, /^error /);
      // A call already on its way when Clear came may still succeed; the one after it fails.
      assert.ok(failed.index - cleared <= 1, `${failed.index - cleared} calls succeeded after Clear: ${JSON.stringify(failed.all.slice(cleared))}`);
      assert.match(failed.line, /cleared/);
    } finally {
      terminal.dispose();
    }
  });
});

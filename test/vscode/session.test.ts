import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IamTrustApi } from '../../src/extension';
import { sessionTargets } from '../../src/commands/session/sessionTargets';
import { trustPolicy, type LocalAws } from '../local-aws/server';
import { startLocalAwsForSuite, type LocalAwsForTests } from './localAws';

// "IAM: Assume Role" end to end in the extension host: the real SDK, signing included, against
// the local STS endpoint, with source credentials from a profile of a shared credentials file.
describe('IAM: Assume Role', () => {
  let suite: LocalAwsForTests;
  let local: LocalAws;
  let dir: string;
  let api: IamTrustApi;
  /** The session's keys as a terminal's program gets them: from the endpoint in the terminal environment, or the keys there. */
  const terminalKeys = async (): Promise<{ AccessKeyId?: string; SecretAccessKey?: string; Token?: string; status: number }> => {
    const env = api.terminalEnvironment;
    const url = env.get('AWS_CONTAINER_CREDENTIALS_FULL_URI')?.value;
    if (!url) return { status: 0, ...(env.get('AWS_ACCESS_KEY_ID') ? { AccessKeyId: env.get('AWS_ACCESS_KEY_ID')!.value, SecretAccessKey: env.get('AWS_SECRET_ACCESS_KEY')!.value, Token: env.get('AWS_SESSION_TOKEN')!.value } : {}) };
    const response = await fetch(url, { headers: { authorization: env.get('AWS_CONTAINER_AUTHORIZATION_TOKEN')!.value } });
    return { status: response.status, ...((await response.json()) as object) };
  };
  const args = { roleArn: 'arn:aws:iam::111122223333:role/Deploy', profile: 'alice', sessionName: 'vscode-test', durationSeconds: 900, externalId: 'vendor-42' };

  before(async () => {
    api = await vscode.extensions.getExtension<IamTrustApi>('iam-trust.iam-trust-sessions')!.activate();
    suite = await startLocalAwsForSuite({
      users: [
        { arn: 'arn:aws:iam::444455556666:user/alice', accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret', mfaSerial: 'arn:aws:iam::444455556666:mfa/alice' },
        { arn: 'arn:aws:iam::111122223333:user/carol', accessKeyId: 'AKIACAROL000EXAMPLE0', secretAccessKey: 'carol-secret' },
        { arn: 'arn:aws:iam::111122223333:user/bob', accessKeyId: 'AKIABOB00000EXAMPLE0', secretAccessKey: 'bob-secret', denied: ['iam:GetRole'] },
      ],
      roles: [
        { name: 'Deploy', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['444455556666'], externalId: 'vendor-42' }) },
        { name: 'Admin', account: '111122223333', maxSessionDuration: 7200, trustPolicy: trustPolicy({ aws: ['444455556666'], mfa: true }) },
      ],
    });
    ({ local, dir } = suite);
  });

  after(() => suite.close());

  it('assumes the role, shows it in the status bar and gives it to new terminals', async () => {
    const arn = await vscode.commands.executeCommand<string>('iamTrust.assumeRole', args);
    assert.equal(arn, 'arn:aws:sts::111122223333:assumed-role/Deploy/vscode-test');
    assert.match(api.sessionStatus.text, /^\$\(key\) Deploy · 1[45]m$/);
    const env = api.terminalEnvironment;
    assert.equal(env.persistent, false, 'secrets are not kept in workspace storage');
    // No profile and no [default] credentials here: terminals get the window's credential endpoint, not keys.
    assert.match(env.get('AWS_CONTAINER_CREDENTIALS_FULL_URI')?.value ?? '', /^http:\/\/127\.0\.0\.1:\d+\//);
    assert.equal(env.get('AWS_ACCESS_KEY_ID'), undefined);
    const keys = await terminalKeys();
    assert.match(keys.AccessKeyId ?? '', /^ASIA/);
    assert.ok((keys.Token ?? '').length > 50);
    assert.equal(env.get('AWS_PROFILE'), undefined, 'never an empty AWS_PROFILE: the AWS CLI and boto3 read it as a profile named ""');
    assert.match(String(env.description ?? ''), /assumed-role\/Deploy\/vscode-test/);
  });

  it('leaves the session as it was when an attempt fails', async () => {
    const before = (await terminalKeys()).AccessKeyId;
    const sent = local.calls.filter((c) => c.action === 'AssumeRole').length;
    const result = await vscode.commands.executeCommand('iamTrust.assumeRole', { ...args, externalId: 'wrong-id' });
    assert.equal(result, undefined);
    assert.equal(local.calls.filter((c) => c.action === 'AssumeRole').length, sent + 1, 'STS was asked, and refused');
    assert.equal((await terminalKeys()).AccessKeyId, before);
    assert.match(api.sessionStatus.text, /Deploy/);
  });

  it('refreshes with the same parameters: new keys for the same role', async () => {
    const before = (await terminalKeys()).AccessKeyId;
    const sent = local.calls.filter((c) => c.action === 'AssumeRole').length;
    assert.equal(await vscode.commands.executeCommand('iamTrust.refreshSession'), 'arn:aws:sts::111122223333:assumed-role/Deploy/vscode-test');
    assert.equal(local.calls.filter((c) => c.action === 'AssumeRole').length, sent + 1);
    const after = (await terminalKeys()).AccessKeyId;
    assert.match(after ?? '', /^ASIA/);
    assert.notEqual(after, before);
  });

  it('asks for a new MFA code to refresh a session that needed one', async () => {
    const admin = { roleArn: 'arn:aws:iam::111122223333:role/Admin', profile: 'alice', sessionName: 'mfa-test', durationSeconds: 900, mfaSerial: 'arn:aws:iam::444455556666:mfa/alice', mfaCode: '123456' };
    assert.equal(await vscode.commands.executeCommand('iamTrust.assumeRole', admin), 'arn:aws:sts::111122223333:assumed-role/Admin/mfa-test');
    const sent = local.calls.filter((c) => c.action === 'AssumeRole').length;
    // A silent refresh (auto-refresh) never happens without the code.
    assert.equal(await vscode.commands.executeCommand('iamTrust.refreshSession', { silent: true }), undefined);
    assert.equal(local.calls.filter((c) => c.action === 'AssumeRole').length, sent, 'nothing sent without a code');
    assert.equal(await vscode.commands.executeCommand('iamTrust.refreshSession', { mfaCode: '123456' }), 'arn:aws:sts::111122223333:assumed-role/Admin/mfa-test');
    // Back to the Deploy session for the tests that follow.
    assert.ok(await vscode.commands.executeCommand('iamTrust.assumeRole', args));
  });

  it('Who Am I asks STS with the session\'s own credentials', async () => {
    assert.equal(await vscode.commands.executeCommand('iamTrust.whoAmI'), 'arn:aws:sts::111122223333:assumed-role/Deploy/vscode-test');
    assert.equal(local.calls.at(-1)?.action, 'GetCallerIdentity');
    assert.equal(local.calls.at(-1)?.accessKeyId, (await terminalKeys()).AccessKeyId);
  });

  it('opens a terminal named after the role', async () => {
    const name = await vscode.commands.executeCommand<string>('iamTrust.openSessionTerminal');
    assert.equal(name, 'AWS Deploy');
    const terminal = vscode.window.terminals.find((t) => t.name === 'AWS Deploy');
    assert.ok(terminal);
    terminal.dispose();
  });

  it('bounds the duration by the role\'s MaxSessionDuration when GetRole is allowed, and carries on without it', async () => {
    const withGetRole = await sessionTargets.limits({ roleArn: 'arn:aws:iam::111122223333:role/Admin', profile: 'carol' });
    assert.equal(withGetRole.roleMaxSeconds, 7200);
    assert.equal(withGetRole.chaining, undefined);
    assert.match(withGetRole.note, /allows 2 h/);
    const withoutGetRole = await sessionTargets.limits({ roleArn: 'arn:aws:iam::111122223333:role/Admin', profile: 'bob' });
    assert.equal(withoutGetRole.roleMaxSeconds, undefined);
    assert.match(withoutGetRole.note, /unknown \(GetRole not allowed/);
    // From another account, GetRole cannot see the role (and must not take a same-named role of the caller's account).
    const crossAccount = await sessionTargets.limits({ roleArn: 'arn:aws:iam::111122223333:role/Admin', profile: 'alice' });
    assert.equal(crossAccount.roleMaxSeconds, undefined);
  });

  it('refuses a duration over 12 hours before calling STS', async () => {
    const calls = local.calls.length;
    assert.equal(await vscode.commands.executeCommand('iamTrust.assumeRole', { ...args, durationSeconds: 84600 }), undefined);
    assert.equal(local.calls.length, calls, 'nothing was sent');
  });

  it('copies the session as a bash snippet', async () => {
    assert.equal(await vscode.commands.executeCommand('iamTrust.copyCredentials', 'bash'), true);
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /^export AWS_ACCESS_KEY_ID='ASIA[0-9A-F]+'$/m);
    assert.match(copied, /^export AWS_SESSION_TOKEN='/m);
  });

  it('refuses more than an hour from a role session (role chaining) before calling STS', async () => {
    // Use the session itself as the source credentials.
    const keys = await terminalKeys();
    // A new file: the SDK caches the files it has read, by path.
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials-with-session');
    writeFileSync(
      join(dir, 'credentials-with-session'),
      `[alice]\naws_access_key_id = AKIAALICE0000EXAMPLE\naws_secret_access_key = alice-secret\n[session]\naws_access_key_id = ${keys.AccessKeyId}\naws_secret_access_key = ${keys.SecretAccessKey}\naws_session_token = ${keys.Token}\n`,
    );
    const before = keys.AccessKeyId;
    const start = local.calls.length;
    assert.equal(await vscode.commands.executeCommand('iamTrust.assumeRole', { ...args, profile: 'session', durationSeconds: 7200 }), undefined);
    assert.equal((await terminalKeys()).AccessKeyId, before);
    // It asked who the caller is, saw a role session, and never sent the AssumeRole.
    const fromSession = local.calls.slice(start).filter((c) => c.accessKeyId === before);
    assert.deepEqual(fromSession.map((c) => c.action), ['GetCallerIdentity']);
  });

  it('clears the session from the status bar and the terminals', async () => {
    await vscode.commands.executeCommand('iamTrust.clearSession');
    assert.match(api.sessionStatus.text, /IAM: no session/);
    assert.equal(api.terminalEnvironment.get('AWS_ACCESS_KEY_ID'), undefined);
    assert.equal(api.terminalEnvironment.get('AWS_CONTAINER_CREDENTIALS_FULL_URI'), undefined);
  });
});

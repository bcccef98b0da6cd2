import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IamTrustApi } from '../../src/extension';
import { trustPolicy, type LocalAws } from '../local-aws/server';
import { startLocalAwsForSuite, type LocalAwsForTests } from './localAws';

// "IAM: Open AWS Console as Role…" and "IAM: Copy Console URL" end to end in the extension host,
// against the local federation endpoint (test/local-aws/federation.ts): getSigninToken with the
// window's session, a sign-in URL whose login page names the role, the copy warning, and
// refusals that leave the session as it was. vscode.env is frozen, so openExternal is the real
// one: what it opened shows at the local endpoint, which records each login it accepts.
describe('AWS console sign-in', () => {
  let suite: LocalAwsForTests;
  let local: LocalAws;
  let api: IamTrustApi;
  const config = () => vscode.workspace.getConfiguration('iamTrust');
  const deploy = { roleArn: 'arn:aws:iam::111122223333:role/Deploy', profile: 'alice', sessionName: 'console-test', durationSeconds: 900 };
  const count = (action: string) => local.calls.filter((c) => c.action === action).length;
  /** The messages the commands show, by kind. */
  const shown: Array<{ kind: 'error' | 'warning' | 'info'; message: string }> = [];
  const real = { error: vscode.window.showErrorMessage, warning: vscode.window.showWarningMessage, info: vscode.window.showInformationMessage };
  /** The session's keys as terminals get them (the window's credential endpoint, or the keys themselves). */
  const sessionKeys = async (): Promise<{ AccessKeyId: string; SecretAccessKey: string; Token: string }> => {
    const env = api.terminalEnvironment;
    const url = env.get('AWS_CONTAINER_CREDENTIALS_FULL_URI')?.value;
    if (!url) return { AccessKeyId: env.get('AWS_ACCESS_KEY_ID')!.value, SecretAccessKey: env.get('AWS_SECRET_ACCESS_KEY')!.value, Token: env.get('AWS_SESSION_TOKEN')!.value };
    return (await (await fetch(url, { headers: { authorization: env.get('AWS_CONTAINER_AUTHORIZATION_TOKEN')!.value } })).json()) as { AccessKeyId: string; SecretAccessKey: string; Token: string };
  };
  const noSecretShown = (secrets: string[]) => {
    for (const { message } of shown) for (const secret of secrets) assert.ok(!message.includes(secret) && !message.includes(encodeURIComponent(secret)), `a secret in "${message}"`);
  };

  before(async () => {
    api = await vscode.extensions.getExtension<IamTrustApi>('iam-trust.iam-trust-sessions')!.activate();
    suite = await startLocalAwsForSuite({
      users: [{ arn: 'arn:aws:iam::444455556666:user/alice', accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret' }],
      roles: [
        { name: 'Deploy', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['444455556666'] }) },
        // Assumed from a Deploy session: role chaining.
        { name: 'Audit', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['111122223333'] }) },
      ],
    });
    local = suite.local;
    await config().update('console.federationEndpoint', local.federationEndpoint, vscode.ConfigurationTarget.Global);
    await config().update('console.destination', 'iam', vscode.ConfigurationTarget.Global);
    const capture = (kind: 'error' | 'warning' | 'info') => async (message: string) => {
      shown.push({ kind, message });
      return undefined;
    };
    Object.assign(vscode.window, { showErrorMessage: capture('error'), showWarningMessage: capture('warning'), showInformationMessage: capture('info') });
  });

  after(async () => {
    Object.assign(vscode.window, { showErrorMessage: real.error, showWarningMessage: real.warning, showInformationMessage: real.info });
    for (const name of ['console.federationEndpoint', 'console.destination', 'console.sessionDurationSeconds']) await config().update(name, undefined, vscode.ConfigurationTarget.Global);
    await suite.close();
  });

  beforeEach(() => {
    shown.length = 0;
  });

  it('without a session: says so and sends nothing', async () => {
    await vscode.commands.executeCommand('iamTrust.clearSession');
    shown.length = 0;
    const calls = local.calls.length;
    await vscode.env.clipboard.writeText('untouched');
    assert.equal(await vscode.commands.executeCommand('iamTrust.openConsole'), false);
    assert.equal(await vscode.commands.executeCommand('iamTrust.copyConsoleUrl'), false);
    assert.equal(local.calls.length, calls, 'nothing was sent');
    assert.equal(await vscode.env.clipboard.readText(), 'untouched');
    assert.deepEqual(shown.map((s) => s.kind), ['warning', 'warning']);
    assert.match(shown[0]!.message, /No role session to sign in with: run "IAM: Assume Role…" first/);
  });

  it('Copy Console URL: a sign-in URL on the clipboard, with Copy Credentials\' warning, whose login page names the role', async () => {
    assert.equal(await vscode.commands.executeCommand('iamTrust.assumeRole', deploy), 'arn:aws:sts::111122223333:assumed-role/Deploy/console-test');
    const keys = await sessionKeys();
    shown.length = 0;
    const signins = count('getSigninToken');
    assert.equal(await vscode.commands.executeCommand('iamTrust.copyConsoleUrl'), true);
    assert.equal(count('getSigninToken'), signins + 1);
    assert.equal(local.calls.at(-1)?.accessKeyId, keys.AccessKeyId, 'with the window\'s session');
    const url = await vscode.env.clipboard.readText();
    assert.ok(url.startsWith(`${local.federationEndpoint}?Action=login&`), url.slice(0, 60));
    assert.equal(new URL(url).searchParams.get('Destination'), 'https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1');
    // The same warning as Copy Credentials, for a URL that lets anyone in for 15 minutes.
    assert.equal(shown.length, 1);
    assert.equal(shown[0]!.kind, 'warning');
    assert.match(shown[0]!.message, /^Copied a console sign-in URL of arn:aws:sts::111122223333:assumed-role\/Deploy\/console-test\. It is a secret until .+: do not paste it into chats, tickets or files under version control\./);
    noSecretShown([keys.SecretAccessKey, keys.Token]);
    const page = await (await fetch(url)).text();
    assert.match(page, /Signed in as arn:aws:sts::111122223333:assumed-role\/Deploy\/console-test \(role arn:aws:iam::111122223333:role\/Deploy\)/);
    assert.match(page, /on its way to https:\/\/us-east-1\.console\.aws\.amazon\.com\/iam\/home\?region=us-east-1/);
  });

  it('Open AWS Console: asks for a sign-in token with the session and opens the sign-in URL', async () => {
    const keys = await sessionKeys();
    const signins = count('getSigninToken');
    const opened = await vscode.commands.executeCommand('iamTrust.openConsole', { destination: 'ec2/home#Instances:', region: 'eu-west-1' });
    assert.equal(count('getSigninToken'), signins + 1);
    assert.equal(local.calls.at(-1)?.accessKeyId, keys.AccessKeyId);
    assert.equal(opened, true, 'VS Code opened the URL');
    assert.deepEqual(shown, [], 'no error, no warning');
  });

  it('a role assumed from a role session is known to be chained: no SessionDuration is sent, and the sign-in works', async () => {
    // Audit, assumed from a Deploy session (role chaining): the federation endpoint refuses
    // SessionDuration for it, as AWS does. The extension records the chaining when it assumes the role.
    const keys = await sessionKeys();
    const file = join(suite.dir, 'credentials-with-session');
    writeFileSync(file, `[deploy-session]\naws_access_key_id = ${keys.AccessKeyId}\naws_secret_access_key = ${keys.SecretAccessKey}\naws_session_token = ${keys.Token}\n`);
    process.env.AWS_SHARED_CREDENTIALS_FILE = file;
    const audit = { roleArn: 'arn:aws:iam::111122223333:role/Audit', profile: 'deploy-session', sessionName: 'chained', durationSeconds: 900 };
    assert.equal(await vscode.commands.executeCommand('iamTrust.assumeRole', audit), 'arn:aws:sts::111122223333:assumed-role/Audit/chained');
    await config().update('console.sessionDurationSeconds', 3600, vscode.ConfigurationTarget.Global);
    shown.length = 0;
    const signins = count('getSigninToken');
    // Before: the extension sent SessionDuration=3600 and the endpoint refused the session.
    assert.equal(await vscode.commands.executeCommand('iamTrust.copyConsoleUrl'), true);
    assert.equal(count('getSigninToken'), signins + 1);
    assert.match(await (await fetch(await vscode.env.clipboard.readText())).text(), /Signed in as arn:aws:sts::111122223333:assumed-role\/Audit\/chained/);
    await config().update('console.sessionDurationSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('a refused getSigninToken: a clear error with no secret in it, and the session as it was', async () => {
    // A federation endpoint that refuses every session: any other path of the local endpoint.
    const auditKeys = await sessionKeys();
    const status = api.sessionStatus.text;
    const arn = await vscode.commands.executeCommand('iamTrust.whoAmI');
    await config().update('console.federationEndpoint', local.federationEndpoint.replace(/\/federation$/, '/not-federation'), vscode.ConfigurationTarget.Global);
    shown.length = 0;
    await vscode.env.clipboard.writeText('untouched');
    assert.equal(await vscode.commands.executeCommand('iamTrust.copyConsoleUrl'), false);
    assert.equal(await vscode.commands.executeCommand('iamTrust.openConsole'), false);
    assert.equal(await vscode.env.clipboard.readText(), 'untouched');
    assert.deepEqual(shown.map((s) => s.kind), ['error', 'error']);
    assert.match(shown[0]!.message, /^Copy Console URL: .*refused.*The session was not changed\./s);
    noSecretShown([auditKeys.SecretAccessKey, auditKeys.Token]);
    // The session is as it was: the same keys, the same status, and STS still takes them.
    assert.equal((await sessionKeys()).AccessKeyId, auditKeys.AccessKeyId);
    assert.equal(api.sessionStatus.text, status);
    assert.equal(await vscode.commands.executeCommand('iamTrust.whoAmI'), arn);
    await config().update('console.federationEndpoint', local.federationEndpoint, vscode.ConfigurationTarget.Global);
  });

  it('a setting that would send the keys in the clear: refused before anything is sent', async () => {
    await config().update('console.federationEndpoint', 'http://signin.example.com/federation', vscode.ConfigurationTarget.Global);
    try {
      const calls = local.calls.length;
      assert.equal(await vscode.commands.executeCommand('iamTrust.openConsole'), false);
      assert.equal(local.calls.length, calls);
      assert.match(shown[0]?.message ?? '', /^Open AWS Console: The setting iamTrust\.console\.federationEndpoint .* must be an https URL/);
    } finally {
      await config().update('console.federationEndpoint', local.federationEndpoint, vscode.ConfigurationTarget.Global);
    }
  });
});

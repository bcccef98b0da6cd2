import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IamTrustApi } from '../../src/extension';
import { trustPolicy, type LocalAws } from '../local-aws/server';
import { startLocalAwsForSuite, type LocalAwsForTests } from './localAws';

// iamTrust.session.mfaSession end to end in the extension host: the code is taken once for a
// GetSessionToken session, refreshes (also the silent ones auto-refresh makes) need none, and a
// wrong code is refused with nothing kept and the session as it was. Then the session's other
// ways into processes: the "AWS: Role Session" terminal profile and launch configurations' env.
describe('MFA session, terminal profile and debug sessions', () => {
  let suite: LocalAwsForTests;
  let local: LocalAws;
  let api: IamTrustApi;
  const serial = 'arn:aws:iam::444455556666:mfa/alice';
  const admin = { roleArn: 'arn:aws:iam::111122223333:role/Admin', profile: 'alice', sessionName: 'mfa-once', durationSeconds: 900, mfaSerial: serial };
  const count = (action: string) => local.calls.filter((c) => c.action === action).length;
  const config = () => vscode.workspace.getConfiguration('iamTrust');
  /** Answers the next input boxes (the MFA prompts) with `code`, and counts them. */
  let prompts = 0;
  let realInputBox: typeof vscode.window.showInputBox;
  let code: string | undefined;

  before(async () => {
    api = await vscode.extensions.getExtension<IamTrustApi>('iam-trust.iam-trust-sessions')!.activate();
    suite = await startLocalAwsForSuite({
      users: [{ arn: 'arn:aws:iam::444455556666:user/alice', accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret', mfaSerial: serial }],
      roles: [
        { name: 'Admin', account: '111122223333', maxSessionDuration: 43200, trustPolicy: trustPolicy({ aws: ['444455556666'], mfa: true }) },
        { name: 'Audit', account: '111122223333', maxSessionDuration: 43200, trustPolicy: trustPolicy({ aws: ['444455556666'], mfa: true }) },
      ],
    });
    local = suite.local;
    await config().update('session.mfaSession', 3600, vscode.ConfigurationTarget.Global);
    realInputBox = vscode.window.showInputBox;
    (vscode.window as { showInputBox: unknown }).showInputBox = async () => {
      prompts += 1;
      return code;
    };
  });

  after(async () => {
    (vscode.window as { showInputBox: unknown }).showInputBox = realInputBox;
    await config().update('session.mfaSession', undefined, vscode.ConfigurationTarget.Global);
    await suite.close();
  });

  it('refuses a wrong MFA code: nothing kept, no session, and the next attempt asks again', async () => {
    const result = await vscode.commands.executeCommand('iamTrust.assumeRole', { ...admin, mfaCode: '000000' });
    assert.equal(result, undefined);
    assert.equal(count('GetSessionToken'), 1, 'STS was asked, and refused');
    assert.equal(count('AssumeRole'), 0);
    assert.match(api.sessionStatus.text, /IAM: no session/);
    assert.equal(local.issuedSecrets.length, 0);
  });

  it('refuses more than an hour before asking STS anything: AssumeRole with MFA-session keys is capped', async () => {
    const calls = local.calls.length;
    assert.equal(await vscode.commands.executeCommand('iamTrust.assumeRole', { ...admin, mfaCode: '123456', durationSeconds: 7200 }), undefined);
    assert.equal(local.calls.length, calls, 'nothing was sent');
  });

  it('takes the code once: the role, a refresh, a silent refresh and another role need none', async () => {
    assert.equal(await vscode.commands.executeCommand('iamTrust.assumeRole', { ...admin, mfaCode: '123456' }), 'arn:aws:sts::111122223333:assumed-role/Admin/mfa-once');
    assert.equal(count('GetSessionToken'), 2);
    const mfaKeyId = local.calls.filter((c) => c.action === 'AssumeRole').at(-1)!.accessKeyId;
    assert.match(mfaKeyId, /^ASIA/, 'AssumeRole was signed with the MFA session\'s keys, not alice\'s');
    prompts = 0;
    code = undefined; // any prompt would cancel
    assert.equal(await vscode.commands.executeCommand('iamTrust.refreshSession'), 'arn:aws:sts::111122223333:assumed-role/Admin/mfa-once');
    // What auto-refresh runs: silent, never asks.
    assert.equal(await vscode.commands.executeCommand('iamTrust.refreshSession', { silent: true }), 'arn:aws:sts::111122223333:assumed-role/Admin/mfa-once');
    assert.equal(await vscode.commands.executeCommand('iamTrust.assumeRole', { ...admin, roleArn: 'arn:aws:iam::111122223333:role/Audit' }), 'arn:aws:sts::111122223333:assumed-role/Audit/mfa-once');
    assert.equal(prompts, 0, 'no code was asked');
    assert.equal(count('GetSessionToken'), 2, 'one MFA session');
    assert.equal(count('AssumeRole'), 4);
    assert.ok(local.calls.filter((c) => c.action === 'AssumeRole').every((c) => c.accessKeyId === mfaKeyId));
  });

  it('with the setting off, refreshes ask for a code again', async () => {
    await config().update('session.mfaSession', 0, vscode.ConfigurationTarget.Global);
    try {
      const sent = count('AssumeRole');
      assert.equal(await vscode.commands.executeCommand('iamTrust.refreshSession', { silent: true }), undefined);
      assert.equal(count('AssumeRole'), sent, 'nothing sent without a code');
    } finally {
      await config().update('session.mfaSession', 3600, vscode.ConfigurationTarget.Global);
    }
  });

  it('the "AWS: Role Session" terminal profile opens a session terminal, and says why not without a session', async () => {
    const profile = { config: { extensionIdentifier: 'iam-trust.iam-trust-sessions', id: 'iamTrust.sessionTerminal', title: 'AWS: Role Session' } };
    const opened = new Promise<vscode.Terminal>((resolve) => {
      const listener = vscode.window.onDidOpenTerminal((t) => {
        listener.dispose();
        resolve(t);
      });
    });
    await vscode.commands.executeCommand('workbench.action.terminal.newWithProfile', profile);
    const terminal = await opened;
    assert.equal(terminal.name, 'AWS Audit');
    const closed = new Promise<void>((resolve) => {
      const listener = vscode.window.onDidCloseTerminal((t) => {
        if (t !== terminal) return;
        listener.dispose();
        resolve();
      });
    });
    terminal.dispose();
    await closed;
    // Without a session: a clear error, and no terminal.
    const realError = vscode.window.showErrorMessage;
    const errors: string[] = [];
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = async (message: string) => {
      errors.push(message);
      return undefined;
    };
    const before = vscode.window.terminals.length;
    try {
      await vscode.commands.executeCommand('iamTrust.clearSession');
      await vscode.commands.executeCommand('workbench.action.terminal.newWithProfile', profile).then(undefined, () => undefined);
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      (vscode.window as { showErrorMessage: unknown }).showErrorMessage = realError;
    }
    assert.deepEqual(errors, ['AWS role session terminal: No role session: run "IAM: Assume Role…" first.']);
    assert.deepEqual(vscode.window.terminals.map((t) => t.name).slice(before), []);
    // The session back, for the debug test.
    assert.ok(await vscode.commands.executeCommand('iamTrust.assumeRole', { ...admin, roleArn: 'arn:aws:iam::111122223333:role/Audit' }));
  });

  it('launch configurations get the session in env, without losing their own variables', async () => {
    let resolved: vscode.DebugConfiguration | undefined;
    const capture = vscode.debug.registerDebugConfigurationProvider('iam-trust-fake', {
      resolveDebugConfigurationWithSubstitutedVariables(_folder, configuration) {
        resolved = configuration;
        return undefined; // stop here: there is no such debugger
      },
    });
    try {
      await vscode.debug.startDebugging(undefined, { type: 'iam-trust-fake', request: 'launch', name: 'fake', env: { AWS_REGION: 'ap-south-1', OWN: 'yes' } });
      assert.ok(resolved, 'the configuration reached the fake debugger\'s provider');
      const env = resolved.env as Record<string, string>;
      assert.equal(env.OWN, 'yes');
      assert.equal(env.AWS_REGION, 'ap-south-1', 'the configuration\'s own value wins');
      const terminal = api.terminalEnvironment;
      for (const name of ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_ACCESS_KEY_ID']) {
        const value = terminal.get(name)?.value;
        if (value) assert.equal(env[name], value);
      }
      assert.ok(env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? env.AWS_ACCESS_KEY_ID, 'the session\'s credentials');
      resolved = undefined;
      await vscode.commands.executeCommand('iamTrust.clearSession');
      await vscode.debug.startDebugging(undefined, { type: 'iam-trust-fake', request: 'launch', name: 'fake' });
      assert.deepEqual(resolved!.env, undefined, 'no session: the configuration is left alone');
    } finally {
      capture.dispose();
    }
  });
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IamTrustApi } from '../../src/extension';
import { trustPolicy, type LocalAws } from '../local-aws/server';
import { startLocalAwsForSuite, type LocalAwsForTests } from './localAws';

// Live roles: a role's trust policy opened from IAM (GetRole) as an iam-role: document, checked
// by the engine, saved back with UpdateAssumeRolePolicy — through the real SDK and the local endpoint.
describe('Live roles: open, check and save a trust policy', () => {
  let suite: LocalAwsForTests;
  let local: LocalAws;
  const appPolicy = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }],
  };
  const app = () => local.roles.find((r) => r.name === 'App')!;
  const assume = (role: string) =>
    vscode.commands.executeCommand<string>('iamTrust.assumeRole', { roleArn: `arn:aws:iam::111122223333:role/${role}`, profile: 'carol', sessionName: 'roles-test', durationSeconds: 900 });

  before(async () => {
    await vscode.extensions.getExtension<IamTrustApi>('iam-trust.iam-trust-sessions')!.activate();
    suite = await startLocalAwsForSuite({
      users: [{ arn: 'arn:aws:iam::111122223333:user/carol', accessKeyId: 'AKIACAROL000EXAMPLE0', secretAccessKey: 'carol-secret' }],
      roles: [
        { name: 'Ops', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['111122223333'] }) },
        { name: 'Auditor', account: '111122223333', maxSessionDuration: 3600, denied: ['iam:UpdateAssumeRolePolicy'], trustPolicy: trustPolicy({ aws: ['111122223333'] }) },
        { name: 'App', account: '111122223333', maxSessionDuration: 3600, trustPolicy: JSON.stringify(appPolicy) },
      ],
    });
    local = suite.local;
    assert.equal(await assume('Ops'), 'arn:aws:sts::111122223333:assumed-role/Ops/roles-test');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await suite.close();
  });

  async function openApp(): Promise<vscode.TextDocument> {
    const uri = await vscode.commands.executeCommand<string>('iamTrust.openRoleTrustPolicy', 'arn:aws:iam::111122223333:role/App');
    assert.equal(uri, 'iam-role:/111122223333/App/trust-policy.json');
    return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  }

  async function replaceText(document: vscode.TextDocument, text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit));
  }

  it('opens the role\'s trust policy from IAM, formatted, as a checked trust policy', async () => {
    const document = await openApp();
    assert.equal(document.getText(), `${JSON.stringify(appPolicy, null, 2)}\n`);
    assert.equal(document.languageId, 'json');
    assert.equal(local.calls.at(-1)?.action, 'GetRole');
    // The session's credentials were used, not carol's own.
    assert.match(local.calls.at(-1)!.accessKeyId, /^ASIA/);
  });

  it('saves an edit to AWS with UpdateAssumeRolePolicy', async () => {
    const document = await openApp();
    const changed = { ...appPolicy, Statement: [{ ...appPolicy.Statement[0]!, Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' }, ArnLike: { 'aws:SourceArn': 'arn:aws:lambda:eu-west-1:111122223333:function:*' } } }] };
    await replaceText(document, JSON.stringify(changed, null, 2));
    assert.equal(await document.save(), true);
    assert.equal(document.isDirty, false);
    assert.deepEqual(JSON.parse(app().trustPolicy), changed);
    assert.ok(local.calls.some((c) => c.action === 'UpdateAssumeRolePolicy'));
  });

  it('does not save a policy IAM would reject: the document stays dirty, AWS unchanged', async () => {
    const document = await openApp();
    const before = app().trustPolicy;
    const sent = local.calls.filter((c) => c.action === 'UpdateAssumeRolePolicy').length;
    await replaceText(document, document.getText().replace('"Allow"', '"allow"'));
    assert.equal(await document.save(), false);
    assert.equal(document.isDirty, true);
    assert.equal(app().trustPolicy, before);
    assert.equal(local.calls.filter((c) => c.action === 'UpdateAssumeRolePolicy').length, sent, 'nothing sent');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('keeps the edit when AWS refuses the save (AccessDenied)', async () => {
    assert.ok(await assume('Auditor'));
    try {
      const document = await openApp();
      const before = app().trustPolicy;
      await replaceText(document, `${JSON.stringify({ ...appPolicy, Statement: [{ ...appPolicy.Statement[0]!, Sid: 'Lambda' }] }, null, 2)}\n`);
      assert.equal(await document.save(), false);
      assert.equal(document.isDirty, true);
      assert.equal(app().trustPolicy, before);
      assert.equal(local.calls.at(-1)?.action, 'UpdateAssumeRolePolicy', 'AWS was asked, and refused');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      assert.ok(await assume('Ops'));
    }
  });
});

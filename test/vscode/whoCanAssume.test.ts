import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IamTrustApi } from '../../src/extension';
import type { EvaluationResult } from '../../src/policy/evaluate/evaluate';
import { trustPolicy, type LocalAws } from '../local-aws/server';
import { startLocalAwsForSuite, type LocalAwsForTests } from './localAws';
import { openUntitledJson } from './documents';

// "Who can assume this role?": the code lens above each statement, "Check Who Can Assume…",
// and the explanation of an AssumeRole that AWS refused.
describe('Who can assume a role', () => {
  const vendorPolicy = JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Vendor', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'vendor-42' } } },
        { Sid: 'Lambda', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } },
      ],
    },
    null,
    2,
  );

  before(async () => {
    await vscode.extensions.getExtension<IamTrustApi>('iam-trust.iam-trust-sessions')!.activate();
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('shows above each statement whom it trusts and under which conditions', async () => {
    const { document } = await openUntitledJson(vendorPolicy);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const titles = lenses.map((l) => [l.range.start.line, l.command?.title]);
    assert.deepEqual(titles, [
      [3, "Trusts any principal of account 444455556666 that is allowed to assume it, if sts:ExternalId = 'vendor-42'"],
      [16, "Trusts lambda.amazonaws.com, if aws:SourceAccount = '111122223333'"],
    ]);
    assert.equal(lenses[0]!.command?.command, 'iamTrust.checkWhoCanAssume');
  });

  it('checks a caller against the policy in the editor, statement by statement', async () => {
    const { document } = await openUntitledJson(vendorPolicy);
    const check = (context: Record<string, string>) =>
      vscode.commands.executeCommand<EvaluationResult>('iamTrust.checkWhoCanAssume', {
        uri: document.uri.toString(),
        request: { principal: { type: 'AWS', id: 'arn:aws:iam::444455556666:user/alice' }, action: 'sts:AssumeRole', context },
      });
    const allowed = await check({ 'sts:ExternalId': 'vendor-42' });
    assert.equal(allowed.decision, 'allowed');
    const refused = await check({ 'sts:ExternalId': 'wrong' });
    assert.equal(refused.decision, 'implicitDeny');
    const vendor = refused.statements[0]!;
    assert.equal(vendor.principalMatches, true);
    assert.deepEqual(vendor.conditions.map((c) => [c.key, c.holds]), [['sts:ExternalId', false]]);
    // The explanation opens beside the policy, as markdown.
    const explanation = vscode.window.activeTextEditor?.document;
    assert.equal(explanation?.uri.scheme, 'iam-trust-explain');
    assert.match(explanation.getText(), /Not allowed/);
    assert.match(explanation.getText(), /What refused it:\n\n- statement 1 \(Vendor\): sts:ExternalId is 'wrong'; StringEquals expects 'vendor-42'/);
    assert.match(explanation.getText(), /`sts:ExternalId` = `wrong`/);
    assert.match(explanation.getText(), /✗ StringEquals sts:ExternalId/);
  });

  describe('after AccessDenied from AssumeRole', () => {
    let suite: LocalAwsForTests;
    let local: LocalAws;
    let dir: string;
    const explain = (answers: object, callerArn: string) => vscode.commands.executeCommand<string>('iamTrust.explainAssumeRoleDenied', { answers, callerArn });

    before(async () => {
      suite = await startLocalAwsForSuite({
        users: [{ arn: 'arn:aws:iam::111122223333:user/carol', accessKeyId: 'AKIACAROL000EXAMPLE0', secretAccessKey: 'carol-secret' }],
        roles: [
          { name: 'Ops', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['111122223333'] }) },
          { name: 'Vendor', account: '111122223333', maxSessionDuration: 3600, trustPolicy: vendorPolicy },
        ],
      });
      ({ local, dir } = suite);
    });

    after(() => suite.close());

    it('names the condition that refused it, reading the trust policy with a session of the role\'s account', async () => {
      assert.ok(await vscode.commands.executeCommand('iamTrust.assumeRole', { roleArn: 'arn:aws:iam::111122223333:role/Ops', profile: 'carol', sessionName: 'explain', durationSeconds: 900 }));
      const markdown = await explain({ roleArn: 'arn:aws:iam::111122223333:role/Vendor', sessionName: 'alice-1', externalId: 'wrong' }, 'arn:aws:iam::444455556666:user/alice');
      assert.match(markdown, /refuses `sts:AssumeRole`/);
      assert.match(markdown, /✗ StringEquals sts:ExternalId: sts:ExternalId is 'wrong'; StringEquals expects 'vendor-42'/);
      assert.equal(local.calls.at(-1)?.action, 'GetRole');
    });

    it('says when the trust policy allows it: the caller\'s own identity policy is what is missing', async () => {
      const markdown = await explain({ roleArn: 'arn:aws:iam::111122223333:role/Vendor', sessionName: 'alice-1', externalId: 'vendor-42' }, 'arn:aws:iam::444455556666:user/alice');
      assert.match(markdown, /The trust policy allows this request/);
      assert.match(markdown, /identity policy must allow `sts:AssumeRole`/);
    });

    it('says so when the trust policy cannot be read', async () => {
      await vscode.commands.executeCommand('iamTrust.clearSession');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'none');
      const message = await explain({ roleArn: 'arn:aws:iam::999988887777:role/Elsewhere', sessionName: 's1' }, 'arn:aws:iam::444455556666:user/alice');
      assert.match(message, /Cannot read the trust policy/);
    });
  });
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IamTrustApi } from '../../src/extension';
import { trustPolicy, type LocalAws } from '../local-aws/server';
import { openUntitledJson } from './documents';
import { startLocalAwsForSuite, type LocalAwsForTests } from './localAws';

// IAM: Validate with Access Analyzer, through the real SDK and the local endpoint
// (test/local-aws/accessAnalyzer.ts): findings beside ours in Problems, marked as Access
// Analyzer's; the one-time notice; refusals and throttling explained; nothing sent for a
// document that does not parse.
describe('Access Analyzer: IAM: Validate with Access Analyzer', () => {
  let suite: LocalAwsForTests;
  let local: LocalAws;
  const faults: Array<{ action: string; code?: string; message?: string }> = [];
  const config = () => vscode.workspace.getConfiguration('iamTrust');
  const sent = () => local.calls.filter((c) => c.action === 'ValidatePolicy' || c.action === 'CheckNoPublicAccess').length;
  const assume = (role: string) =>
    vscode.commands.executeCommand<string>('iamTrust.assumeRole', { roleArn: `arn:aws:iam::111122223333:role/${role}`, profile: 'carol', sessionName: 'aa-test', durationSeconds: 900 });
  type Result = { sent: boolean; reason?: string; findings?: number; publicAccess?: string };
  const validate = (document: vscode.TextDocument, confirm?: 'Validate' | 'Cancel') =>
    vscode.commands.executeCommand<Result>('iamTrust.validateWithAccessAnalyzer', { uri: document.uri.toString(), ...(confirm ? { confirm } : {}) });
  const analyzerDiagnostics = (document: vscode.TextDocument) => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Access Analyzer');

  const PUBLIC = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }] }, null, 2);

  before(async () => {
    await vscode.extensions.getExtension<IamTrustApi>('iam-trust.iam-trust-sessions')!.activate();
    suite = await startLocalAwsForSuite({
      users: [{ arn: 'arn:aws:iam::111122223333:user/carol', accessKeyId: 'AKIACAROL000EXAMPLE0', secretAccessKey: 'carol-secret' }],
      roles: [
        { name: 'Ops', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['111122223333'] }) },
        { name: 'Viewer', account: '111122223333', maxSessionDuration: 3600, denied: ['access-analyzer:ValidatePolicy'], trustPolicy: trustPolicy({ aws: ['111122223333'] }) },
      ],
      faults,
    });
    local = suite.local;
    await config().update('accessAnalyzer.endpoint', local.endpoint, vscode.ConfigurationTarget.Global);
    assert.equal(await assume('Ops'), 'arn:aws:sts::111122223333:assumed-role/Ops/aa-test');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('accessAnalyzer.endpoint', undefined, vscode.ConfigurationTarget.Global);
    await suite.close();
  });

  it('sends nothing for a document that does not parse, and says why', async () => {
    const { document } = await openUntitledJson('{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", } ] }');
    const before = sent();
    const result = await validate(document, 'Validate');
    assert.equal(result.sent, false);
    assert.match(result.reason!, /Nothing was sent to Access Analyzer: the document is not valid JSON/);
    assert.equal(sent(), before);
    assert.deepEqual(analyzerDiagnostics(document), []);
  });

  it('asks once before the first call: declined, nothing is sent', async () => {
    const { document } = await openUntitledJson(PUBLIC);
    const before = sent();
    const result = await validate(document, 'Cancel');
    assert.deepEqual(result, { sent: false, reason: 'the notice was not accepted' });
    assert.equal(sent(), before);
  });

  it('shows Access Analyzer\'s findings beside ours, with the session\'s credentials, and remembers the answer', async () => {
    const { document } = await openUntitledJson(PUBLIC);
    const result = await validate(document, 'Validate');
    assert.equal(result.sent, true, result.reason);
    assert.equal(result.publicAccess, 'FAIL');
    assert.match(local.calls.at(-1)!.accessKeyId, /^ASIA/, 'the role session was used');
    const found = analyzerDiagnostics(document);
    const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
    const resource = found.find((d) => codeOf(d) === 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE')!;
    assert.ok(resource, found.map(codeOf).join(', '));
    assert.equal(document.getText(resource.range), '"Resource"');
    assert.equal(resource.severity, vscode.DiagnosticSeverity.Error);
    const publicAccess = found.find((d) => codeOf(d) === 'PUBLIC_ACCESS')!;
    assert.equal(publicAccess.severity, vscode.DiagnosticSeverity.Error);
    assert.match(publicAccess.message, /CheckNoPublicAccess: FAIL/);

    // Asked once: the next call goes without an answer.
    const again = await validate(document);
    assert.equal(again.sent, true, again.reason);
  });

  it('drops the findings when the document changes (they were for the text sent)', async () => {
    const { document, editor } = await openUntitledJson(PUBLIC);
    assert.equal((await validate(document)).sent, true);
    assert.ok(analyzerDiagnostics(document).length > 0);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), ' '));
    assert.deepEqual(analyzerDiagnostics(document), []);
  });

  it('explains throttling', async () => {
    const { document } = await openUntitledJson(PUBLIC);
    faults.push({ action: 'ValidatePolicy', code: 'ThrottlingException', message: 'Rate exceeded' }, { action: 'ValidatePolicy', code: 'ThrottlingException', message: 'Rate exceeded' });
    const result = await validate(document);
    assert.match(result.reason!, /Access Analyzer is throttling the calls \(ThrottlingException\): wait a few seconds/);
  });

  it('explains a refusal, naming the missing action', async () => {
    assert.equal(await assume('Viewer'), 'arn:aws:sts::111122223333:assumed-role/Viewer/aa-test');
    const { document } = await openUntitledJson(PUBLIC);
    const result = await validate(document);
    assert.match(result.reason!, /Access Analyzer refused the call: your credentials may not call access-analyzer:ValidatePolicy/);
    assert.match(result.reason!, /assumed-role\/Viewer\/aa-test is not authorized to perform: access-analyzer:ValidatePolicy/);
  });
});

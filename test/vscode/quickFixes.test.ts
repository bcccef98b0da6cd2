import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openUntitledJson } from './documents';
import { lint } from '../../src/policy';
import type { IamTrustApi } from '../../src/extension';

const code = (d: vscode.Diagnostic) => (d.code as { value: string }).value;

/** The document's diagnostics once they include `target` (or after 10 s). */
async function diagnosticsFor(document: vscode.TextDocument, target: string): Promise<vscode.Diagnostic[]> {
  const api = await vscode.extensions.getExtension<IamTrustApi>('iam-trust.iam-trust-sessions')!.activate();
  for (let i = 0; i < 50; i++) {
    const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'iam-trust');
    if (found.some((d) => code(d) === target)) return found;
    await new Promise<void>((resolve) => {
      const l = api.onDidUpdateDiagnostics(() => (l.dispose(), resolve()));
      setTimeout(() => (l.dispose(), resolve()), 200);
    });
  }
  return [];
}

/** Opens `text`, applies the first quick fix for `target`, and returns the fixed text. */
async function applyFix(text: string, target: string): Promise<string> {
  const { document } = await openUntitledJson(text);
  const diagnostic = (await diagnosticsFor(document, target)).find((d) => code(d) === target);
  assert.ok(diagnostic, `a ${target} diagnostic`);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  // The command returns our actions with their edits; diagnostics are not carried over.
  const ours = actions.find((a) => a.edit && a.isPreferred);
  assert.ok(ours?.edit, `a quick fix for ${target}: ${actions.map((a) => a.title)}`);
  assert.equal(ours.isPreferred, true);
  await vscode.workspace.applyEdit(ours.edit);
  return document.getText();
}

const policy = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2);

describe('quick fixes', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  const cases: Array<[string, object]> = [
    ['effect-invalid', { Effect: 'allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    ['resource-not-allowed', { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }],
    ['service-confused-deputy', { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    ['oidc-missing-condition', { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
    ['wildcard-without-like', { Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci-*' } } }],
  ];
  for (const [target, statement] of cases) {
    it(`${target}: the fix removes the finding and adds no error`, async () => {
      const before = lint(policy(statement));
      const fixed = await applyFix(policy(statement), target);
      const after = lint(fixed);
      assert.ok(!after.some((f) => f.code === target), fixed);
      const added = after.filter((f) => (f.severity === 'error' || f.severity === 'security') && !before.some((b) => b.code === f.code));
      assert.deepEqual(added.map((f) => f.code), []);
    });
  }
});

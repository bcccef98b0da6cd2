import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { trackWalkthroughProgress } from '../../src/commands/walkthroughProgress';
import type { IamTrustApi } from '../../src/extension';
import type { SessionState } from '../../src/session/sessionState';

// The walkthrough's progress keys (src/commands/walkthroughProgress.ts), seen through the
// setContext calls, through a wrapped vscode.commands.executeCommand. The extension sets each key
// once per window, and earlier suites apply quick fixes too: so the suite runs its own tracker
// (the same code, a fresh instance) on the extension's real diagnostics.
async function waitFor(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(ok(), what);
}

describe('Walkthrough progress', () => {
  let tracker: vscode.Disposable;
  const real = vscode.commands.executeCommand;
  const contexts: Array<[string, unknown]> = [];

  before(async () => {
    await vscode.extensions.getExtension<IamTrustApi>('iam-trust.iam-trust-sessions')!.activate();
    (vscode.commands as { executeCommand: typeof real }).executeCommand = (<T>(command: string, ...rest: unknown[]) => {
      if (command === 'setContext') contexts.push([rest[0] as string, rest[1]]);
      return real<T>(command, ...rest);
    }) as typeof real;
    tracker = trackWalkthroughProgress({ live: undefined, onChange: () => ({ dispose() {} }) } as unknown as SessionState);
  });

  after(async () => {
    tracker.dispose();
    (vscode.commands as { executeCommand: typeof real }).executeCommand = real;
    await real('workbench.action.closeAllEditors');
  });

  it('a finding fixed by a quick fix sets iamTrust.walkthrough.findingFixed; one that stays does not', async function () {
    const document = await vscode.workspace.openTextDocument({
      language: 'json',
      content: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole", "Condition": { "StringEquals": { "aws:SourceAccount": "111122223333" } } }]\n}\n',
    });
    await vscode.window.showTextDocument(document);
    const ours = () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'iam-trust');
    await waitFor(() => ours().some((d) => String((d.code as { value: string }).value) === 'effect-invalid'), 'effect-invalid reported');
    // An edit that fixes nothing: no key.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 1), ' ');
    await vscode.workspace.applyEdit(edit);
    await new Promise((r) => setTimeout(r, 800));
    assert.ok(!contexts.some(([k]) => k === 'iamTrust.walkthrough.findingFixed'), 'nothing fixed yet');
    const diagnostic = ours().find((d) => String((d.code as { value: string }).value) === 'effect-invalid')!;
    const actions = await real<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Write "Allow"');
    assert.ok(fix?.edit, `the quick fix is offered: ${actions.map((a) => a.title).join(', ')}`);
    await vscode.workspace.applyEdit(fix.edit);
    await waitFor(() => !ours().some((d) => String((d.code as { value: string }).value) === 'effect-invalid'), 'effect-invalid gone');
    await waitFor(() => contexts.some(([k, v]) => k === 'iamTrust.walkthrough.findingFixed' && v === true), `findingFixed set (setContext calls: ${JSON.stringify(contexts)})`);
  });

  it('setting the zone of trust (iamTrust.trustedAccounts) sets iamTrust.walkthrough.zoneOfTrustSet', async () => {
    const config = vscode.workspace.getConfiguration('iamTrust');
    const before = config.inspect<string[]>('trustedAccounts')?.globalValue;
    try {
      await config.update('trustedAccounts', ['444455556666'], vscode.ConfigurationTarget.Global);
      await waitFor(() => contexts.some(([k, v]) => k === 'iamTrust.walkthrough.zoneOfTrustSet' && v === true), `zoneOfTrustSet set (setContext calls: ${JSON.stringify(contexts)})`);
    } finally {
      await config.update('trustedAccounts', before, vscode.ConfigurationTarget.Global);
    }
  });
});

import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IamTrustApi } from '../../src/extension';

// Trust policies inside a SAM template and a Terraform file, in the editor: diagnostics at the
// YAML/HCL tokens, hover, and a quick fix written in the file's own syntax.
describe('Trust policies in templates and Terraform files', () => {
  let api: IamTrustApi;
  let dir: string;
  const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'embedded');

  before(async () => {
    api = await vscode.extensions.getExtension<IamTrustApi>('iam-trust.iam-trust-sessions')!.activate();
    dir = mkdtempSync(join(tmpdir(), 'iam-trust-embedded-'));
    for (const name of ['sam-function.yaml', 'broken-roles.tf']) copyFileSync(join(fixtures, name), join(dir, name));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string): Promise<{ document: vscode.TextDocument; diagnostics: vscode.Diagnostic[] }> {
    const uri = vscode.Uri.file(join(dir, name));
    const published = new Promise<void>((resolve) => {
      const subscription = api.onDidUpdateDiagnostics((u) => {
        if (u.toString() === uri.toString()) {
          subscription.dispose();
          resolve();
        }
      });
    });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await published;
    return { document, diagnostics: vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'iam-trust') };
  }

  const describeAll = (document: vscode.TextDocument, diagnostics: vscode.Diagnostic[]) =>
    diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${typeof d.code === 'object' ? d.code.value : d.code} ${document.getText(d.range)}`);

  it('shows the findings of a SAM template at its YAML tokens', async () => {
    const { document, diagnostics } = await open('sam-function.yaml');
    assert.equal(document.languageId, 'yaml');
    assert.deepEqual(describeAll(document, diagnostics), [
      '33:21 effect-invalid allow',
      '36:21 action-invalid sts:AssumeRoles',
      '44:7 version-missing AssumeRolePolicyDocument',
      "48:20 public-principal '*'",
    ]);
  });

  it('explains an action in a template on hover', async () => {
    // Open since the test before: no new diagnostics will come, so do not wait for them.
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(join(dir, 'sam-function.yaml')));
    const position = document.positionAt(document.getText().indexOf('sts:AssumeRole\n') + 4);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /sts:AssumeRole/);
  });

  it('shows the findings of a .tf file, and fixes the Effect in HCL syntax', async () => {
    const { document, diagnostics } = await open('broken-roles.tf');
    assert.deepEqual(describeAll(document, diagnostics), [
      '6:19 effect-invalid "allow"',
      '22:21 action-invalid "sts:AssumeRoles"',
      '34:22 public-principal "*"',
      '45:33 oidc-missing-sub "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"',
    ]);
    const effect = diagnostics[0]!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, effect.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.includes('Allow'));
    assert.ok(fix?.edit, `a fix among ${actions.map((a) => a.title)}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(5).text.trim(), 'Effect    = "Allow"');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

// The browser entry in VS Code for the Web (npm run test:web): the workspace is examples/,
// mounted by @vscode/test-web as a virtual file system, and the extension runs in the Web Worker
// extension host with dist/web/extension.js only.
import * as assert from './assert';
import * as vscode from 'vscode';
import type { IamTrustWebApi } from '../../../src/web/extension';

const EXTENSION_ID = 'iam-trust.iam-trust-sessions';
const folder = () => vscode.workspace.workspaceFolders![0]!.uri;

async function api(): Promise<IamTrustWebApi> {
  return vscode.extensions.getExtension<IamTrustWebApi>(EXTENSION_ID)!.activate();
}

/** Opens a file of the workspace and resolves with our diagnostics once they are published. */
async function diagnosticsOf(uri: vscode.Uri, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  const { onDidUpdateDiagnostics } = await api();
  const published = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics published for ${uri.toString()}`)), timeoutMs);
    const listener = onDidUpdateDiagnostics((updated) => {
      if (updated.toString() !== uri.toString()) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
  });
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await published;
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'iam-trust');
}

const codes = (diagnostics: vscode.Diagnostic[]) => diagnostics.map((d) => (d.code as { value: string }).value);

describe('IAM Trust in VS Code for the Web', () => {
  it('activates from the browser entry, without Node', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    assert.equal(extension.isActive, true);
    assert.equal(typeof (extension.exports as IamTrustWebApi).onDidUpdateDiagnostics, 'function');
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    // In the browser's Web Worker host an extension is of the UI kind (a remote Node host would say Workspace).
    assert.equal(extension.extensionKind, vscode.ExtensionKind.UI);
    assert.equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function', 'not in a Web Worker');
  });

  it('registers the policy commands and none of the session commands', async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const id of ['iamTrust.newTrustPolicy', 'iamTrust.checkWhoCanAssume', 'iamTrust.validateWorkspace']) assert.ok(commands.has(id), id);
    for (const id of ['iamTrust.assumeRole', 'iamTrust.sessionMenu', 'iamTrust.showStatus', 'iamTrust.openSessionTerminal', 'iamTrust.openRoleTrustPolicy']) assert.ok(!commands.has(id), id);
  });

  it('lints a trust policy, a CloudFormation template and a Terraform file', async () => {
    assert.ok(codes(await diagnosticsOf(vscode.Uri.joinPath(folder(), 'bad', 'public-principal.trust-policy.json'))).includes('public-principal'));
    assert.ok(codes(await diagnosticsOf(vscode.Uri.joinPath(folder(), 'infrastructure', 'template.yaml'))).includes('cross-account-without-external-id'));
    assert.ok(codes(await diagnosticsOf(vscode.Uri.joinPath(folder(), 'infrastructure', 'github-deploy.tf'))).includes('oidc-wildcard-sub'));
  });

  it('hovers and completes in a policy', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'bad', 'public-principal.trust-policy.json');
    const document = await vscode.workspace.openTextDocument(uri);
    const at = (text: string) => document.positionAt(document.getText().indexOf(text) + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at('"sts:AssumeRole"'));
    assert.ok(hovers.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value).includes('AssumeRole'))));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at('"Allow"'));
    assert.ok(list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'Deny'));
  });

  it('checks who can assume a role', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'bad', 'public-principal.trust-policy.json');
    const result = await vscode.commands.executeCommand<{ decision: string }>('iamTrust.checkWhoCanAssume', {
      uri: uri.toString(),
      request: { principal: { type: 'AWS', id: 'arn:aws:iam::999988887777:user/mallory' }, action: 'sts:AssumeRole' },
    });
    assert.equal(result.decision, 'allowed');
  });

  it('reads .iamtrust.json through the workspace file system', async () => {
    const dir = vscode.Uri.joinPath(folder(), 'web-config-test');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, '.iamtrust.json'), new TextEncoder().encode('{ "ignore": ["public-principal"] }'));
    const policy = vscode.Uri.joinPath(dir, 'role.trust-policy.json');
    await vscode.workspace.fs.writeFile(policy, new TextEncoder().encode('{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole" }] }'));
    assert.ok(codes(await diagnosticsOf(policy)).length > 0, 'the policy has other findings (no account declared)');
    // The file is read in the background: the first lint may precede it, the next one has it.
    const deadline = Date.now() + 10_000;
    while (codes(vscode.languages.getDiagnostics(policy)).includes('public-principal') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(codes(vscode.languages.getDiagnostics(policy).filter((d) => d.source === 'iam-trust')).filter((c) => c === 'public-principal'), []);
  });
});

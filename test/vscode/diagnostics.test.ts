import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openUntitledJson } from './documents';
import { embeddingKind, lint, lintEmbedded } from '../../src/policy';
import type { IamTrustApi } from '../../src/extension';

const EXTENSION_ID = 'iam-trust.iam-trust-sessions';
const examples = () => vscode.workspace.workspaceFolders![0]!.uri;

async function api(): Promise<IamTrustApi> {
  return vscode.extensions.getExtension<IamTrustApi>(EXTENSION_ID)!.activate();
}

/** Resolves with the document's diagnostics once the extension has published them. */
async function diagnosticsAfter(uri: vscode.Uri, action: () => Thenable<unknown> | void, timeoutMs = 10_000) {
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
  await action();
  await published;
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'iam-trust');
}

const summary = (d: vscode.Diagnostic) =>
  `${(d.code as { value: string }).value}@${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`;

async function openUntitled(content: string) {
  const { document, editor } = await openUntitledJson('');
  const diagnostics = await diagnosticsAfter(document.uri, () =>
    editor.edit((b) => b.insert(new vscode.Position(0, 0), content)),
  );
  return { document, editor, diagnostics };
}

const BROKEN = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Trust EC2",
      "Effect": "allow",
      "Principal": { "Service": "ec2.amazonaws.com" },
      "Action": "sts:AssumeRole",
      "Resource": "*"
    }
  ]
}`;

describe('trust-policy diagnostics', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('iamTrust').update('ignore', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('iamTrust').update('severity.warning', undefined, vscode.ConfigurationTarget.Global);
  });

  it('shows the engine\'s findings on each example file, at the same ranges', async () => {
    const expected: Record<string, string[]> = JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(examples(), 'expected-findings.json'))),
    );
    for (const [file, codes] of Object.entries(expected)) {
      if (file.startsWith('$')) continue;
      const uri = vscode.Uri.joinPath(examples(), file);
      const diagnostics = await diagnosticsAfter(uri, async () => {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      });
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const kind = embeddingKind(file, text);
      const engine = (kind ? lintEmbedded(text, kind, { accountId: '111122223333' }) : lint(text, { accountId: '111122223333' })).map(
        (f) => `${f.code}@${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`,
      );
      // What each example must produce is the unit tests' concern; here: VS Code shows exactly it.
      assert.deepEqual(diagnostics.map(summary), engine, path.basename(file));
      if (codes.length > 0) assert.ok(diagnostics.length > 0, `${file} has findings`);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('checks a policy as it is typed, with code, source, link and default severities', async () => {
    const { diagnostics } = await openUntitled(BROKEN);
    const byCode = new Map(diagnostics.map((d) => [(d.code as { value: string }).value, d]));
    const effect = byCode.get('effect-invalid');
    assert.ok(effect, `effect-invalid among ${[...byCode.keys()]}`);
    assert.equal(effect.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(effect.source, 'iam-trust');
    assert.deepEqual([effect.range.start.line, effect.range.start.character], [5, 16]);
    const target = (effect.code as { target: vscode.Uri }).target;
    assert.match(target.path, /\/docs\/rules\.md$/);
    assert.match(target.fragment, /^L\d+$/);
    assert.ok(byCode.has('resource-not-allowed'));
    assert.ok(byCode.has('sid-invalid'));
  });

  it('updates as the document changes, and clears when it is fixed or closed', async () => {
    const { document, editor } = await openUntitled(BROKEN);
    const fixedEffect = await diagnosticsAfter(document.uri, () =>
      editor.edit((b) => b.replace(new vscode.Range(5, 16, 5, 23), '"Allow"')),
    );
    assert.ok(!fixedEffect.some((d) => (d.code as { value: string }).value === 'effect-invalid'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri), []);
  });

  it('points a duplicate Sid at its first use (related information)', async () => {
    const statement = '{ "Sid": "Trust", "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }';
    const { document, diagnostics } = await openUntitled(`{ "Version": "2012-10-17", "Statement": [\n  ${statement},\n  ${statement}\n] }`);
    const duplicate = diagnostics.find((d) => (d.code as { value: string }).value === 'sid-duplicate');
    assert.ok(duplicate);
    assert.equal(duplicate.range.start.line, 2);
    const [related] = duplicate.relatedInformation ?? [];
    assert.equal(related?.location.uri.toString(), document.uri.toString());
    assert.equal(related?.location.range.start.line, 1);
  });

  it('leaves JSON documents that are not trust policies alone', async () => {
    const { document } = await openUntitledJson('{"name": "x",}');
    await new Promise((r) => setTimeout(r, 600));
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'iam-trust'), []);
  });

  it('honours iamTrust.ignore and iamTrust.severity.*', async () => {
    const config = vscode.workspace.getConfiguration('iamTrust');
    await config.update('ignore', ['sid-invalid'], vscode.ConfigurationTarget.Global);
    await config.update('severity.warning', 'Hint', vscode.ConfigurationTarget.Global);
    const { diagnostics } = await openUntitled(BROKEN.replace('"Version": "2012-10-17",', '"Version": "2008-10-17",'));
    const codes = diagnostics.map((d) => (d.code as { value: string }).value);
    assert.ok(!codes.includes('sid-invalid'), `sid-invalid is ignored: ${codes}`);
    const legacy = diagnostics.find((d) => (d.code as { value: string }).value === 'version-legacy');
    assert.equal(legacy?.severity, vscode.DiagnosticSeverity.Hint);
  });
});

describe('IAM: Validate Trust Policies in Workspace', () => {
  it('lints every trust policy in the workspace and lists them in Problems', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const result = await vscode.commands.executeCommand<{ files: number; policies: number; problems: number }>(
      'iamTrust.validateWorkspace',
    );
    assert.ok(result.policies >= 10, `found ${result.policies} policies`);
    const broken = vscode.Uri.joinPath(examples(), 'bad', 'editor-leniencies.trust-policy.json');
    const codes = vscode.languages.getDiagnostics(broken).map((d) => (d.code as { value: string }).value);
    assert.ok(codes.includes('json-syntax'), `json-syntax among ${codes}`);
    // expected-findings.json is JSON but not a trust policy.
    assert.deepEqual(vscode.languages.getDiagnostics(vscode.Uri.joinPath(examples(), 'expected-findings.json')), []);
  });
});

// Issue 15 §2: a window without trust policies never loads the engine. dist/extension.js is
// thin; dist/language.js (the engine, IAM data, YAML reader, evaluator and every feature built
// on them) is required only when a document may be a trust policy. This suite runs first in
// the window (mocha takes the files in name order), before any other suite opens a policy.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import * as vscode from 'vscode';
import type { IamTrustApi } from '../../src/extension';

const EXTENSION_ID = 'iam-trust.iam-trust-sessions';

const api = () => vscode.extensions.getExtension<IamTrustApi>(EXTENSION_ID)!.activate();

/** The bundles Node has loaded in this extension host, by file name (dist/extension.js, dist/language.js …). */
function loadedBundles(): string[] {
  return Object.keys(require.cache)
    .filter((file) => file.includes(`${sep}dist${sep}`))
    .map((file) => file.slice(file.lastIndexOf(`${sep}dist${sep}`) + 1).split(sep).join('/'));
}

/** Runs `open` and waits until the extension has decided on the document `matches` picks (diagnostics or none). */
async function decided(matches: (uri: vscode.Uri) => boolean, open: () => Thenable<unknown>): Promise<vscode.Uri> {
  const { onDidUpdateDiagnostics } = await api();
  const done = new Promise<vscode.Uri>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the extension did not decide on the document within 10 s')), 10_000);
    const listener = onDidUpdateDiagnostics((uri) => {
      if (!matches(uri)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(uri);
    });
  });
  await open();
  return done;
}

describe('activation: the engine loads only for trust policies', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'iam-trust-activation-'));
    mkdirSync(join(dir, '.vscode'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', scripts: { test: 'node --test' }, dependencies: { express: '^4.0.0' } }, null, 2));
    writeFileSync(join(dir, 'tsconfig.json'), '{\n  // a plain project\n  "compilerOptions": { "strict": true, "target": "ES2022", "module": "Node16" },\n  "include": ["src"],\n}\n');
    writeFileSync(join(dir, '.vscode', 'settings.json'), '{\n  "editor.tabSize": 2,\n  "files.exclude": { "**/dist": true },\n}\n');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves dist/language.js unloaded after opening package.json, tsconfig.json and settings.json', async () => {
    const { languageFeatures } = await api();
    assert.ok(loadedBundles().includes('dist/extension.js'), `the check sees the extension's bundle: ${loadedBundles().join(', ')}`);
    assert.equal(languageFeatures.loaded, false, `loaded before this test by: ${languageFeatures.reason}`);
    for (const name of ['package.json', 'tsconfig.json', '.vscode/settings.json']) {
      const uri = vscode.Uri.file(join(dir, name));
      await decided(
        (u) => u.toString() === uri.toString(),
        async () => vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri)),
      );
    }
    // The user's settings.json (a jsonc document of the vscode-userdata scheme).
    const settings = await decided(
      (u) => u.path.endsWith('/settings.json') && !u.path.startsWith(dir.split(sep).join('/')),
      () => vscode.commands.executeCommand('workbench.action.openSettingsJson'),
    );
    // An edit that still makes no trust policy: typed, then sniffed once typing pauses.
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), settings.toString());
    await decided(
      (u) => u.toString() === settings.toString(),
      () => editor.edit((b) => b.insert(new vscode.Position(1, 0), '  "workbench.colorTheme": "Default Dark Modern",\n')),
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    assert.equal(languageFeatures.loaded, false, `loaded by: ${languageFeatures.reason}`);
    assert.ok(!loadedBundles().includes('dist/language.js'), `bundles loaded: ${loadedBundles().join(', ')}`);
    // Nor the session's commands (dist/commands.js): no session command was run.
    const { commandFeatures } = await api();
    assert.equal(commandFeatures.loaded, false, `loaded by: ${commandFeatures.reason}`);
    assert.ok(!loadedBundles().includes('dist/commands.js'), `bundles loaded: ${loadedBundles().join(', ')}`);
    // The palette has every command at once, the engine's included (their stand-ins load it on first use).
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as Array<{ command: string }>) {
      assert.ok(registered.has(command), `${command} is registered`);
    }
  });

  it('loads it when a trust policy is opened, and the policy gets its diagnostics', async () => {
    const { languageFeatures } = await api();
    // Untitled, so that nothing of it stays open for the suites after this one (a file's
    // document outlives its editor, and its words would be offered in other JSON documents).
    const content = readFileSync(join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'bad', 'public-principal.trust-policy.json'), 'utf8');
    // The only untitled document: its diagnostics may come before openTextDocument resolves.
    const uri = await decided(
      (u) => u.scheme === 'untitled',
      async () => vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'json', content })),
    );
    assert.equal(languageFeatures.loaded, true);
    assert.match(languageFeatures.reason ?? '', /^json document untitled:/);
    assert.ok(loadedBundles().includes('dist/language.js'), `bundles loaded: ${loadedBundles().join(', ')}`);
    // A plain JSON policy needs no YAML or Terraform reader: dist/embedded.js stays unloaded.
    assert.ok(!loadedBundles().includes('dist/embedded.js'), `bundles loaded: ${loadedBundles().join(', ')}`);
    const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'iam-trust');
    assert.ok(ours.some((d) => (d.code as { value: string }).value === 'public-principal'), JSON.stringify(ours.map((d) => d.code)));
    console.log(`    dist/language.js: required in ${languageFeatures.loadMs!.toFixed(1)} ms, activated in ${languageFeatures.activateMs!.toFixed(1)} ms`);
    // The stand-ins made way for the real commands.
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as Array<{ command: string }>) {
      assert.ok(registered.has(command), `${command} is registered`);
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('loads the YAML and Terraform readers (dist/embedded.js) when a template is opened, and the template gets its diagnostics', async () => {
    const file = join(dir, 'template.yaml');
    writeFileSync(file, readFileSync(join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'infrastructure', 'template.yaml'), 'utf8'));
    const uri = await decided(
      (u) => u.path.endsWith('/template.yaml') && vscode.languages.getDiagnostics(u).some((d) => d.source === 'iam-trust'),
      async () => vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file))),
    );
    assert.ok(loadedBundles().includes('dist/embedded.js'), `bundles loaded: ${loadedBundles().join(', ')}`);
    assert.ok(vscode.languages.getDiagnostics(uri).some((d) => (d.code as { value: string }).value === 'cross-account-without-external-id'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

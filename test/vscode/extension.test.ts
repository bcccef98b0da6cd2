import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IamTrustApi } from '../../src/extension';

const EXTENSION_ID = 'iam-trust.iam-trust-sessions';

async function activeApi(): Promise<IamTrustApi> {
  const extension = vscode.extensions.getExtension<IamTrustApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed in the extension host`);
  return extension.activate();
}

describe('extension', () => {
  it('activates and reports how long activate() took', async () => {
    const api = await activeApi();
    assert.equal(typeof api.activationTimeMs, 'number');
    console.log(`    activate() took ${api.activationTimeMs.toFixed(2)} ms`);
  });

  it('registers every command it contributes, all in the IAM category', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed: Array<{ command: string; category: string }> = extension.packageJSON.contributes.commands;
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command, category } of contributed) {
      assert.ok(registered.has(command), `${command} is registered`);
      assert.equal(category, 'IAM');
    }
  });

  it('shows the session item in the status bar, and hides it when the setting says so', async () => {
    const api = await activeApi();
    assert.equal(api.sessionStatus.visible, true);
    assert.match(api.sessionStatus.text, /IAM: no session/);
    const config = vscode.workspace.getConfiguration('iamTrust');
    await config.update('statusBar.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      assert.equal(api.sessionStatus.visible, false);
    } finally {
      await config.update('statusBar.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(api.sessionStatus.visible, true);
  });
});

describe('IAM: New Trust Policy…', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens the chosen template as an untitled JSON document', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('iamTrust.newTrustPolicy', 'github-actions');
    assert.ok(document);
    assert.equal(document.isUntitled, true);
    assert.equal(document.languageId, 'json');
    assert.equal(vscode.window.activeTextEditor?.document, document);
    const policy = JSON.parse(document.getText());
    assert.equal(policy.Statement[0].Action, 'sts:AssumeRoleWithWebIdentity');
    assert.match(policy.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub'], /^repo:/);
  });
});

describe('IAM: Show Session Status', () => {
  it('says that no role session is active', async () => {
    const message = await vscode.commands.executeCommand<string>('iamTrust.showStatus');
    assert.match(message, /No AWS role session is active/);
  });
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IamTrustApi } from '../../src/extension';
import { assumeRoleTool } from '../../src/language/lmTools/assumeRoleTool';
import { openRoleTrustPolicyTool } from '../../src/language/lmTools/openRoleTrustPolicyTool';
import type { SessionState } from '../../src/session/sessionState';
import { trustPolicy, type LocalAws } from '../local-aws/server';
import { startLocalAwsForSuite, type LocalAwsForTests } from './localAws';

// The language-model tools (contributes.languageModelTools), invoked through vscode.lm.invokeTool
// as an assistant would, without a chat model: VS Code calls prepareInvocation, asks for
// confirmation when it returns confirmationMessages
// (in an extension-test window VS Code's dialog service answers "yes" without showing the
// dialog), then invoke. Every result is Markdown plus the same data as JSON (the second part).
describe('Language model tools', () => {
  let api: IamTrustApi;
  let suite: LocalAwsForTests;
  let local: LocalAws;
  const none = new vscode.CancellationTokenSource().token;
  const NAMES = ['iamTrust_lintTrustPolicy', 'iamTrust_explainWhoCanAssume', 'iamTrust_draftTrustPolicy', 'iamTrust_openRoleTrustPolicy', 'iamTrust_assumeRole'];

  async function invoke(name: string, input: object): Promise<{ markdown: string; data: any; text: string }> {
    const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, none);
    const parts = result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : String((p as { value?: unknown }).value)));
    assert.equal(parts.length, 2, 'Markdown and JSON');
    return { markdown: parts[0]!, data: JSON.parse(parts[1]!), text: parts.join('\n') };
  }

  const publicPolicy = '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole" }]\n}\n';

  before(async () => {
    api = await vscode.extensions.getExtension<IamTrustApi>('iam-trust.iam-trust-sessions')!.activate();
    suite = await startLocalAwsForSuite({
      users: [{ arn: 'arn:aws:iam::111122223333:user/dana', accessKeyId: 'AKIADANA0000EXAMPLE0', secretAccessKey: 'dana-secret-never-shown' }],
      roles: [{ name: 'Builder', account: '111122223333', maxSessionDuration: 3600, trustPolicy: trustPolicy({ aws: ['111122223333'], externalId: 'ext-7' }) }],
    });
    local = suite.local;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await suite.close();
  });

  it('are listed in vscode.lm.tools with their descriptions, schemas and tags', () => {
    for (const name of NAMES) {
      const tool = vscode.lm.tools.find((t) => t.name === name);
      assert.ok(tool, `${name} is registered`);
      assert.ok(tool.description.length > 100, `${name} has a precise description`);
      assert.equal((tool.inputSchema as { type?: string } | undefined)?.type, 'object');
      assert.ok(tool.tags.includes('aws'));
    }
  });

  it('lint: findings of policy text with code, severity, line and the rule\'s explanation', async () => {
    const { markdown, data } = await invoke('iamTrust_lintTrustPolicy', { policy: publicPolicy });
    const finding = data.findings.find((f: { code: string }) => f.code === 'public-principal');
    assert.ok(finding, JSON.stringify(data.findings.map((f: { code: string }) => f.code)));
    assert.equal(finding.severity, 'security');
    assert.equal(finding.line, 3);
    assert.ok(finding.rule.description.length > 0 && finding.rule.rationale.length > 0);
    assert.match(markdown, /\*\*security\*\* `public-principal`/);
    // The engine loaded for the tool, in dist/language.js.
    assert.equal(api.languageFeatures.loaded, true);
  });

  it('lint: the active editor\'s document, as the editor checks it', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: publicPolicy });
    await vscode.window.showTextDocument(document);
    const { data } = await invoke('iamTrust_lintTrustPolicy', {});
    assert.equal(data.kind, 'policy');
    assert.ok(data.findings.some((f: { code: string }) => f.code === 'public-principal'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('lint: a document that is no trust policy gets a plain answer, not a crash', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Notes\n' });
    const { data } = await invoke('iamTrust_lintTrustPolicy', { uri: document.uri.toString() });
    assert.match(data.error, /is not a trust policy/);
  });

  it('explain: the statements\' summary, and evaluate() for a caller and context', async () => {
    const policy = trustPolicy({ aws: ['111122223333'], externalId: 'ext-7' });
    const summary = await invoke('iamTrust_explainWhoCanAssume', { policy });
    assert.match(summary.data[0].statements[0].summary, /^Trusts .*111122223333/);
    assert.deepEqual(summary.data[0].conditionKeys, ['sts:ExternalId']);
    const allowed = await invoke('iamTrust_explainWhoCanAssume', { policy, caller: 'arn:aws:iam::111122223333:user/dana', context: { 'sts:ExternalId': 'ext-7' } });
    assert.equal(allowed.data[0].check.result.decision, 'allowed');
    const denied = await invoke('iamTrust_explainWhoCanAssume', { policy, caller: 'arn:aws:iam::111122223333:user/dana' });
    assert.equal(denied.data[0].check.result.decision, 'implicitDeny');
    assert.match(denied.markdown, /DENIED implicitly/);
  });

  it('draft: a hardened policy for GitHub Actions, linted clean; a wildcard is refused', async () => {
    const { data, markdown } = await invoke('iamTrust_draftTrustPolicy', { pattern: 'github-actions', parameters: { accountId: '111122223333', repository: 'octo-org/app', branch: 'main' } });
    assert.equal(data.ok, true);
    const statement = JSON.parse(data.policy).Statement[0];
    assert.equal(statement.Condition.StringEquals['token.actions.githubusercontent.com:sub'], 'repo:octo-org/app:ref:refs/heads/main');
    assert.match(markdown, /no findings/);
    const lint = await invoke('iamTrust_lintTrustPolicy', { policy: data.policy });
    assert.deepEqual(lint.data.findings, []);
    const wild = await invoke('iamTrust_draftTrustPolicy', { pattern: 'github-actions', parameters: { accountId: '111122223333', repository: 'octo-org/*', branch: 'main' } });
    assert.equal(wild.data.ok, false);
    assert.equal(wild.data.policy, undefined);
  });

  it('draft: an unknown pattern (VS Code 1.100 does not check the input against the schema) is answered with the known ones', async () => {
    const { data } = await invoke('iamTrust_draftTrustPolicy', { pattern: 'jenkins' });
    assert.equal(data.ok, false);
    assert.match(data.problems[0], /Unknown pattern "jenkins".*github-actions/);
  });

  it('tools that act ask first: their prepareInvocation returns confirmation messages naming what happens', async () => {
    const session = { live: undefined } as unknown as SessionState;
    const assume = await assumeRoleTool(session).prepareInvocation!({ input: { roleArn: 'arn:aws:iam::111122223333:role/Builder', profile: 'dana' } }, none);
    assert.ok(assume?.confirmationMessages, 'assume role asks');
    assert.match(assume.confirmationMessages.title, /Assume an AWS role/);
    const body = (assume.confirmationMessages.message as vscode.MarkdownString).value;
    assert.match(body, /arn:aws:iam::111122223333:role\/Builder/);
    assert.match(body, /profile `dana`/);
    assert.match(body, /assistant is told only/);
    const open = await openRoleTrustPolicyTool(session).prepareInvocation!({ input: { roleArn: 'arn:aws:iam::111122223333:role/Builder' } }, none);
    assert.ok(open?.confirmationMessages, 'open role asks');
    assert.match((open.confirmationMessages.message as vscode.MarkdownString).value, /GetRole.*your default AWS credentials/);
  });

  it('open role: reads the live role\'s trust policy from IAM into an editor and returns its text', async () => {
    process.env.AWS_PROFILE = 'dana';
    try {
      const { data } = await invoke('iamTrust_openRoleTrustPolicy', { roleArn: 'arn:aws:iam::111122223333:role/Builder' });
      assert.equal(data.uri, 'iam-role:/111122223333/Builder/trust-policy.json');
      assert.deepEqual(JSON.parse(data.policy), JSON.parse(trustPolicy({ aws: ['111122223333'], externalId: 'ext-7' })));
      assert.equal(local.calls.at(-1)?.action, 'GetRole');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), data.uri);
    } finally {
      // Closed while the credentials are there: an open iam-role document is read again on focus.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      delete process.env.AWS_PROFILE;
    }
  });

  it('assume role: becomes the window\'s session; the model gets the ARN and expiry, never a key', async () => {
    const { data, text } = await invoke('iamTrust_assumeRole', { roleArn: 'arn:aws:iam::111122223333:role/Builder', profile: 'dana', externalId: 'ext-7' });
    assert.equal(data.assumed, true);
    assert.equal(data.assumedRoleArn, 'arn:aws:sts::111122223333:assumed-role/Builder/vscode-assistant');
    assert.ok(Date.parse(data.expiration) > Date.now());
    assert.match(api.sessionStatus.text, /Builder/);
    // Whatever terminals get (keys or the endpoint's token) appears nowhere in the result.
    const secrets: string[] = [];
    api.terminalEnvironment.get('AWS_ACCESS_KEY_ID') && secrets.push(api.terminalEnvironment.get('AWS_ACCESS_KEY_ID')!.value, api.terminalEnvironment.get('AWS_SECRET_ACCESS_KEY')!.value, api.terminalEnvironment.get('AWS_SESSION_TOKEN')!.value);
    const url = api.terminalEnvironment.get('AWS_CONTAINER_CREDENTIALS_FULL_URI')?.value;
    if (url) {
      const token = api.terminalEnvironment.get('AWS_CONTAINER_AUTHORIZATION_TOKEN')!.value;
      const keys = (await (await fetch(url, { headers: { authorization: token } })).json()) as { AccessKeyId: string; SecretAccessKey: string; Token: string };
      secrets.push(token, keys.AccessKeyId, keys.SecretAccessKey, keys.Token);
    }
    assert.ok(secrets.length >= 3, 'the session is in the terminal environment');
    for (const secret of [...secrets, 'dana-secret-never-shown', 'AKIADANA0000EXAMPLE0']) assert.ok(!text.includes(secret), 'no credential in the result');
    assert.doesNotMatch(text, /ASIA[A-Z0-9]{12,}/);
  });

  it('assume role: a refusal says so and leaves the session as it was', async () => {
    const { data } = await invoke('iamTrust_assumeRole', { roleArn: 'arn:aws:iam::111122223333:role/Builder', profile: 'dana', externalId: 'wrong' });
    assert.equal(data.assumed, false);
    assert.match(data.error, /was not assumed/);
    assert.match(api.sessionStatus.text, /Builder/);
  });
});

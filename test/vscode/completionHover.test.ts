import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openUntitledJson } from './documents';

/** Opens an untitled JSON document with `marked` (a `|` marks the cursor) and returns the cursor position. */
async function open(marked: string) {
  const offset = marked.indexOf('|');
  const { document } = await openUntitledJson(marked.replace('|', ''));
  return { document, position: document.positionAt(offset) };
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

async function completions(marked: string) {
  const { document, position } = await open(marked);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items;
}

async function hover(marked: string) {
  const { document, position } = await open(marked);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

const POLICY = (statement: string) => `{ "Version": "2012-10-17", "Statement": [ ${statement} ] }`;

describe('completion in trust policies', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('offers the fitting sts action first for an OIDC principal', async () => {
    const items = await completions(
      POLICY('{ "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, "Action": "sts:|" }'),
    );
    const ours = items.filter((i) => labelOf(i).startsWith('sts:')).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.equal(labelOf(ours[0]!), 'sts:AssumeRoleWithWebIdentity');
    assert.ok(ours[0]!.documentation, 'with documentation');
  });

  it('offers the derived OIDC condition keys of the provider', async () => {
    const items = await completions(
      POLICY('{ "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { "StringLike": { "|" } } }'),
    );
    const labels = items.map(labelOf);
    assert.ok(labels.includes('token.actions.githubusercontent.com:sub'), `${labels.slice(0, 10).join(', ')} in ${vscode.window.activeTextEditor?.document.uri.toString()}: ${vscode.window.activeTextEditor?.document.getText()}`);
    assert.ok(labels.includes('token.actions.githubusercontent.com:aud'));
  });

  it('offers condition operators', async () => {
    const labels = (await completions(POLICY('{ "Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Condition": { "|" } }'))).map(labelOf);
    for (const op of ['StringEquals', 'ArnLikeIfExists', 'ForAnyValue:StringLike']) assert.ok(labels.includes(op), op);
  });

  it('offers nothing of ours in JSON that is not a trust policy', async () => {
    const items = await completions('{ "name": "demo", "Effect": "|" }');
    assert.ok(!items.some((i) => labelOf(i) === 'Allow'));
  });
});

describe('hover in trust policies', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('explains an action', async () => {
    const text = await hover(POLICY('{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:Assume|Role" }'));
    assert.match(text, /\*\*sts:AssumeRole\*\*/);
    assert.match(text, /temporary security credentials/);
  });

  it('explains what ForAllValues really does', async () => {
    const text = await hover(POLICY('{ "Effect": "Allow", "Principal": "*", "Action": "sts:TagSession", "Condition": { "ForAllValues:String|Equals": { "aws:TagKeys": ["team"] } } }'));
    assert.match(text, /no\*\* values for the key/);
  });

  it('explains a condition key with its type', async () => {
    const text = await hover(POLICY('{ "Effect": "Allow", "Principal": { "AWS": "111122223333" }, "Action": "sts:AssumeRole", "Condition": { "StringEquals": { "sts:Ext|ernalId": "x" } } }'));
    assert.match(text, /sts:ExternalId/);
    assert.match(text, /single-valued/);
    assert.match(text, /confused deputy/);
  });

  it('explains an account principal as every principal its own policies allow', async () => {
    const text = await hover(POLICY('{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:ro|ot" }, "Action": "sts:AssumeRole" }'));
    assert.match(text, /any IAM principal in account 111122223333 that its own policies allow/);
    assert.match(text, /\| account \| `111122223333` \|/);
  });
});

describe('snippets', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('inserts a contributed trust-policy snippet', async () => {
    const { document } = await openUntitledJson('');
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'json', name: 'Trust policy: GitHub Actions (OIDC)' });
    const policy = JSON.parse(document.getText());
    assert.equal(policy.Statement[0].Action, 'sts:AssumeRoleWithWebIdentity');
    assert.equal(policy.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub'], 'repo:OWNER/REPO:ref:refs/heads/main');
  });
});

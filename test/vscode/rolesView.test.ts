import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IamTrustApi } from '../../src/extension';
import { ORG, organizationFixture } from '../local-aws/audit';
import type { LocalAws } from '../local-aws/server';
import { startLocalAwsForSuite, type LocalAwsForTests } from './localAws';

// Issue 16 §3: the IAM Roles view against the local endpoint's organisation fixture (test/local-aws/audit.ts),
// read through the real SDK with the default credentials (AWS_PROFILE), as a person's window does.

interface Item {
  label: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  icon?: string;
  badge?: string;
  badgeColor?: string;
  children?: Item[];
}
interface Snapshot {
  message: string | undefined;
  description: string | undefined;
  items: Item[];
}

const snapshot = () => vscode.commands.executeCommand<Snapshot>('iamTrust.rolesView.snapshot');
const account = (s: Snapshot, label: string) => s.items.find((i) => i.label === label);
const role = (s: Snapshot, accountLabel: string, name: string) => account(s, accountLabel)?.children?.find((i) => i.label === name);
const roleNames = (s: Snapshot) => s.items.flatMap((a) => (a.children ?? []).filter((c) => c.contextValue === 'iamTrustRole').map((c) => `${a.label}/${c.label}`));
const config = () => vscode.workspace.getConfiguration('iamTrust');
const nobody = { arn: `arn:aws:iam::${ORG.management}:user/nobody`, accessKeyId: 'AKIANOBODY0000000001', secretAccessKey: 'nobody-secret', denied: ['iam:GetAccountAuthorizationDetails', 'iam:ListRoles'] };

describe('IAM Roles view', () => {
  let suite: LocalAwsForTests;
  let local: LocalAws;
  const profileBefore = process.env.AWS_PROFILE;

  before(async () => {
    await vscode.extensions.getExtension<IamTrustApi>('iam-trust.iam-trust-sessions')!.activate();
    const fixture = organizationFixture();
    suite = await startLocalAwsForSuite({ ...fixture, users: [...fixture.users, nobody] });
    local = suite.local;
    await vscode.commands.executeCommand('iamTrust.clearSession');
  });

  after(async () => {
    process.env.AWS_PROFILE = profileBefore;
    if (profileBefore === undefined) delete process.env.AWS_PROFILE;
    await config().update('rolesView.organization', undefined, vscode.ConfigurationTarget.Global);
    await config().update('organizations.endpoint', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('iamTrust.rolesView.showAllRoles');
    await vscode.commands.executeCommand('iamTrust.rolesView.clearFilter');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await suite.close();
  });

  describe('an organisation, read by its management account', () => {
    let tree: Snapshot;
    before(async () => {
      process.env.AWS_PROFILE = 'auditor';
      // Organizations has an endpoint setting of its own (STS and IAM: startLocalAwsForSuite's).
      await config().update('organizations.endpoint', local.endpoint, vscode.ConfigurationTarget.Global);
      await config().update('rolesView.organization', true, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('iamTrust.rolesView.refresh');
      tree = await snapshot();
    });

    it('lists the accounts read with their roles, and the accounts that could not be read with the reason', () => {
      const accounts = tree.items.filter((i) => i.contextValue === 'iamTrustAccount').map((i) => i.label);
      assert.deepEqual(accounts, ['Management', 'Production', 'Tools']);
      assert.match(account(tree, 'Production')!.description!, /^222222222222 · 12 roles · \d+ with findings$/);
      assert.ok(role(tree, 'Production', 'Admin'), JSON.stringify(roleNames(tree)));
      assert.ok(role(tree, 'Tools', 'Deployer'));
      const problems = tree.items.filter((i) => i.contextValue === 'iamTrustRolesProblem');
      const sandbox = problems.find((p) => p.label.includes(ORG.sandbox));
      assert.match(sandbox?.label ?? '', /not read: iam:GetAccountAuthorizationDetails and iam:ListRoles are both refused/);
      assert.equal(sandbox?.icon, 'error');
      assert.match(problems.find((p) => p.label.includes(ORG.legacy))?.label ?? '', /sts:AssumeRole on arn:aws:iam::555555555555:role\/OrganizationAccountAccessRole is refused/);
      assert.equal(tree.description, 'default credentials');
      // The organisation's listing, then every account's roles in a few paged calls, never one GetRole per role.
      assert.ok(local.calls.some((c) => c.action === 'ListAccounts'));
      assert.ok(!local.calls.some((c) => c.action === 'GetRole'));
    });

    it('gives each role its finding counts (badge and colour) and whom it trusts in words', () => {
      const open = role(tree, 'Production', 'PublicReader')!;
      assert.match(open.description!, /\d+ security/);
      assert.equal(open.icon, 'shield');
      assert.ok(Number(open.badge) >= 1, JSON.stringify(open));
      assert.equal(open.badgeColor, 'charts.orange');
      assert.match(open.tooltip!, /Trusts anyone/);
      assert.match(open.tooltip!, /security public-principal/);
      const ops = role(tree, 'Management', 'Ops')!;
      assert.match(ops.tooltip!, /Trusts user alice \(111111111111\), if aws:MultiFactorAuthPresent is 'true'/);
      const deploy = role(tree, 'Production', 'Deploy')!;
      assert.equal(deploy.description, '');
      assert.equal(deploy.badge, undefined);
      assert.equal(deploy.icon, 'pass');
    });

    it('filters by name, and shows only roles with findings', async () => {
      await vscode.commands.executeCommand('iamTrust.rolesView.filter', 'deploy');
      let filtered = await snapshot();
      assert.deepEqual(roleNames(filtered), ['Production/Deploy', 'Tools/Deployer']);
      assert.match(filtered.message ?? '', /^Filter "deploy": 2 of \d+ roles$/);
      await vscode.commands.executeCommand('iamTrust.rolesView.clearFilter');
      await vscode.commands.executeCommand('iamTrust.rolesView.showOnlyWithFindings');
      filtered = await snapshot();
      const names = roleNames(filtered);
      assert.ok(names.includes('Production/PublicReader') && names.includes('Production/Partner'), names.join(', '));
      assert.ok(!names.includes('Production/Deploy'));
      for (const a of filtered.items) for (const r of a.children ?? []) if (r.contextValue === 'iamTrustRole') assert.notEqual(r.description, '', r.label);
      assert.match(filtered.message ?? '', /^Only roles with findings: \d+ of \d+ roles$/);
      await vscode.commands.executeCommand('iamTrust.rolesView.showAllRoles');
      assert.equal((await snapshot()).message, undefined);
    });

    it('opens a role of its own account as its iam-role document, one of another account as a read-only copy', async () => {
      const own = await vscode.commands.executeCommand<string>('iamTrust.rolesView.openRole', `arn:aws:iam::${ORG.management}:role/Ops`);
      assert.equal(own, `iam-role:/${ORG.management}/Ops/trust-policy.json`);
      assert.match(vscode.window.activeTextEditor!.document.getText(), /arn:aws:iam::111111111111:user\/alice/);
      const other = await vscode.commands.executeCommand<string>('iamTrust.rolesView.openRole', `arn:aws:iam::${ORG.production}:role/Admin`);
      assert.equal(other, `iam-role-copy:/${ORG.production}/Admin/trust-policy.json`);
      assert.match(vscode.window.activeTextEditor!.document.getText(), /"aws:PrincipalOrgID": "o-exampleorg1"/);
    });

    it('answers who can reach a role with the known chain, statement by statement', async () => {
      const uri = await vscode.commands.executeCommand<string>('iamTrust.rolesView.whoCanReach', `arn:aws:iam::${ORG.production}:role/Admin`);
      const text = (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri))).getText();
      assert.match(text, /^# Who can reach arn:aws:iam::222222222222:role\/Admin/);
      assert.match(text, /Only trust policies are read/);
      const from = text.indexOf('## arn:aws:iam::111111111111:user/alice (user)');
      assert.ok(from > 0, text);
      const end = text.indexOf('\n## ', from + 3);
      const alice = text.slice(from, end > 0 ? end : undefined);
      const chain = ['→ arn:aws:iam::111111111111:role/Ops', 'Bool aws:MultiFactorAuthPresent: "true"', '→ arn:aws:iam::333333333333:role/Deployer', '→ arn:aws:iam::222222222222:role/Deploy', '→ arn:aws:iam::222222222222:role/Admin'];
      let at = 0;
      for (const step of chain) {
        const next = alice.indexOf(step, at);
        assert.ok(next >= 0, `${step} after position ${at} in:\n${alice}`);
        at = next + step.length;
      }
      const reach = await vscode.commands.executeCommand<string>('iamTrust.rolesView.reachableFrom', `arn:aws:iam::${ORG.management}:role/Ops`);
      const reachText = (await vscode.workspace.openTextDocument(vscode.Uri.parse(reach))).getText();
      assert.match(reachText, /^# What can be reached from arn:aws:iam::111111111111:role\/Ops/);
      assert.match(reachText, /## arn:aws:iam::222222222222:role\/Admin \(role\)/);
    });
  });

  describe('one account, read with the default credentials', () => {
    before(async () => {
      await config().update('rolesView.organization', undefined, vscode.ConfigurationTarget.Global);
    });

    it('reads the caller\'s account with iam:ListRoles when GetAccountAuthorizationDetails is refused, and says so', async () => {
      process.env.AWS_PROFILE = 'alice';
      await vscode.commands.executeCommand('iamTrust.rolesView.refresh');
      const tree = await snapshot();
      assert.deepEqual(tree.items.map((i) => i.label), [ORG.management]);
      const children = tree.items[0]!.children!;
      assert.match(children[0]!.label, /iam:GetAccountAuthorizationDetails is refused to arn:aws:iam::111111111111:user\/alice; its roles were read with iam:ListRoles instead/);
      assert.equal(children[0]!.icon, 'warning');
      assert.ok(children.some((c) => c.label === 'Ops'));
      assert.ok(!local.calls.some((c) => c.action === 'ListAccounts' && c.accessKeyId === 'AKIAALICE00000000001'));
    });

    it('reads with the window\'s role session while one lives, and names it so', async () => {
      process.env.AWS_PROFILE = 'nobody';
      const assumed = await vscode.commands.executeCommand<string>('iamTrust.assumeRole', { roleArn: `arn:aws:iam::${ORG.production}:role/OrganizationAccountAccessRole`, profile: 'auditor', sessionName: 'roles-view-test', durationSeconds: 900 });
      assert.ok(assumed, 'the session was not assumed');
      try {
        await vscode.commands.executeCommand('iamTrust.rolesView.refresh');
        const tree = await snapshot();
        assert.deepEqual(tree.items.map((i) => i.label), [ORG.production]);
        assert.equal(tree.description, 'as OrganizationAccountAccessRole/roles-view-test');
        assert.match(
          tree.items[0]!.tooltip!,
          /as the window's role session arn:aws:sts::222222222222:assumed-role/,
        );
      } finally {
        await vscode.commands.executeCommand('iamTrust.clearSession');
      }
    });

    it('shows a refused listing as a clear message in the view', async () => {
      process.env.AWS_PROFILE = 'nobody';
      await vscode.commands.executeCommand('iamTrust.rolesView.refresh');
      const tree = await snapshot();
      assert.match(tree.message ?? '', /^No account could be read\. account 111111111111: not read: iam:GetAccountAuthorizationDetails and iam:ListRoles are both refused to arn:aws:iam::111111111111:user\/nobody; the audit needs one of them/);
      assert.deepEqual(tree.items.map((i) => i.contextValue), ['iamTrustRolesProblem']);
      assert.equal(tree.items[0]!.icon, 'error');
    });
  });
});

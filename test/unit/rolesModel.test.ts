import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRolesModel, countsText, filterMessage, findingTotal, markdownText, matchesFilter, reachDocument, type RolesModel } from '../../src/roles/rolesModel';
import type { AuditData, AuditedAccount } from '../../src/session/audit';
import { ORG, organizationFixture } from '../local-aws/audit';

// The IAM Roles view's model (src/roles/rolesModel.ts) without VS Code: what the view shows of
// the local endpoint's organisation fixture (test/local-aws/audit.ts) as audit.ts reads it.

const NAMES: Record<string, string> = { [ORG.management]: 'Management', [ORG.production]: 'Production', [ORG.tools]: 'Tools' };

/** What readAudit returns for the fixture read by its management account: three accounts, Sandbox and Legacy refused. */
function organizationData(): AuditData {
  const fixture = organizationFixture();
  const account = (id: string): AuditedAccount => ({
    account: id,
    name: NAMES[id]!,
    via: id === ORG.management ? 'the default credentials' : `role arn:aws:iam::${id}:role/OrganizationAccountAccessRole`,
    readWith: 'iam:GetAccountAuthorizationDetails',
    roles: fixture.roles
      .filter((r) => r.account === id)
      .map((r) => ({ arn: `arn:aws:iam::${r.account}:role${r.path ?? '/'}${r.name}`, name: r.name, account: r.account, trustPolicy: r.trustPolicy })),
  });
  return {
    accounts: [account(ORG.management), account(ORG.production), account(ORG.tools)],
    organization: { id: ORG.id, accounts: fixture.organization.accounts.map((a) => a.id) },
    problems: [
      { level: 'error', account: ORG.sandbox, message: `account ${ORG.sandbox} (Sandbox): not read: iam:GetAccountAuthorizationDetails and iam:ListRoles are both refused` },
      { level: 'error', account: ORG.legacy, message: `account ${ORG.legacy} (Legacy): not read: sts:AssumeRole … is refused` },
      { level: 'warning', account: ORG.tools, message: `account ${ORG.tools} (Tools): read with iam:ListRoles instead` },
    ],
  };
}

const roleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const findRole = (model: RolesModel, account: string, name: string) => model.accounts.find((a) => a.account === account)!.roles.find((r) => r.name === name)!;

describe('IAM Roles model: the organisation fixture', () => {
  const model = buildRolesModel(organizationData());

  it('lists the accounts as read, each one\'s roles by name whatever the case, and keeps the accounts not read as problems', () => {
    assert.deepEqual(model.accounts.map((a) => [a.account, a.name, a.roles.length]), [
      [ORG.management, 'Management', 8],
      [ORG.production, 'Production', 12],
      [ORG.tools, 'Tools', 9],
    ]);
    // Not code-unit order (which puts every capital first): "prod-…" between "Partner" and "PublicReader".
    assert.deepEqual(
      model.accounts[1]!.roles.map((r) => r.name),
      ['Admin', 'Deploy', 'OrganizationAccountAccessRole', 'Partner', 'prod-codebuild', 'prod-ec2', 'prod-ecs-tasks', 'prod-events', 'prod-lambda', 'prod-states', 'PublicReader', 'Vendor'],
    );
    assert.deepEqual(model.accounts[0]!.roles.map((r) => r.name), ['BreakGlass', 'mgmt-codebuild', 'mgmt-ec2', 'mgmt-ecs-tasks', 'mgmt-events', 'mgmt-lambda', 'mgmt-states', 'Ops']);
    // A warning about an account read goes with that account; the accounts not read stay problems.
    assert.deepEqual(model.accounts[2]!.warnings.map((w) => w.message), [`account ${ORG.tools} (Tools): read with iam:ListRoles instead`]);
    assert.deepEqual(model.problems.map((p) => p.account), [ORG.sandbox, ORG.legacy]);
  });

  it('judges the roles against the organisation\'s zone of trust', () => {
    assert.deepEqual(model.zone, { accounts: [ORG.management, ORG.production, ORG.tools, ORG.sandbox, ORG.legacy], organizationId: ORG.id });
    // Declared accounts join the zone; the declared organisation wins over the one listed.
    const declared = buildRolesModel(organizationData(), { accountId: '123456789012', trustedAccounts: [ORG.partner], organizationId: 'o-declared000' });
    assert.deepEqual(declared.zone, { accounts: ['123456789012', ORG.management, ORG.production, ORG.tools, ORG.sandbox, ORG.legacy, ORG.partner].sort(), organizationId: 'o-declared000' });
    // Partner trusts 888888888888 without an ExternalId: a finding outside the zone, none once it is declared.
    assert.equal(findRole(model, ORG.production, 'Partner').counts.security, 1);
    assert.equal(findRole(declared, ORG.production, 'Partner').counts.security, 0);
  });

  it('counts each role\'s findings per severity and spells them out', () => {
    const counts = (name: string, account: string = ORG.production) => findRole(model, account, name).counts;
    assert.deepEqual(counts('PublicReader'), { error: 0, security: 1, warning: 0, suggestion: 0 });
    assert.deepEqual(findRole(model, ORG.production, 'PublicReader').findings.map((f) => f.split(':')[0]), ['security public-principal']);
    assert.deepEqual(counts('Partner'), { error: 0, security: 1, warning: 0, suggestion: 0 });
    assert.deepEqual(findRole(model, ORG.production, 'Partner').findings.map((f) => f.split(':')[0]), ['security cross-account-without-external-id']);
    assert.deepEqual(counts('prod-lambda'), { error: 0, security: 0, warning: 0, suggestion: 1 });
    assert.equal(findRole(model, ORG.production, 'prod-lambda').countsText, '1 suggestion');
    assert.deepEqual(counts('Admin'), { error: 0, security: 0, warning: 0, suggestion: 0 });
    assert.equal(findRole(model, ORG.production, 'Admin').countsText, '');
    // Vendor's ExternalId pins the outside account: no finding.
    assert.equal(findingTotal(counts('Vendor')), 0);
    const all = model.accounts.flatMap((a) => a.roles);
    assert.equal(all.filter((r) => r.counts.security > 0).length, 2);
    assert.equal(all.filter((r) => r.counts.suggestion > 0).length, 15);
    assert.equal(all.filter((r) => r.counts.error + r.counts.warning > 0).length, 0);
    assert.deepEqual(findRole(model, ORG.management, 'Ops').trusts, ["Trusts user alice (111111111111), if aws:MultiFactorAuthPresent is 'true'"]);
  });

  it('writes counts in severity order, with plurals (security has none)', () => {
    assert.equal(countsText({ error: 2, security: 3, warning: 1, suggestion: 4 }), '2 errors, 3 security, 1 warning, 4 suggestions');
    assert.equal(countsText({ error: 0, security: 1, warning: 0, suggestion: 1 }), '1 security, 1 suggestion');
    assert.equal(countsText({ error: 0, security: 0, warning: 0, suggestion: 0 }), '');
    assert.equal(findingTotal({ error: 2, security: 3, warning: 1, suggestion: 4 }), 10);
  });
});

describe('IAM Roles model: the filter', () => {
  const model = buildRolesModel(organizationData());
  const shown = (text: string, onlyWithFindings = false) =>
    model.accounts.flatMap((a) => a.roles.filter((r) => matchesFilter(r, a, { text, onlyWithFindings })).map((r) => `${a.name}/${r.name}`));

  it('matches the name, the ARN, the account or its name, in any case', () => {
    assert.deepEqual(shown('DEPLOY'), ['Production/Deploy', 'Tools/Deployer']);
    assert.deepEqual(shown('role/service/tools-e'), ['Tools/tools-ec2', 'Tools/tools-ecs-tasks', 'Tools/tools-events']);
    assert.equal(shown('production').length, 12);
    assert.equal(shown(ORG.tools).length, 9);
    assert.equal(shown('  ').length, 29);
    assert.deepEqual(shown('o', true).filter((n) => !n.includes('-')), ['Production/Partner', 'Production/PublicReader']);
  });

  it('says what it shows: nothing without a filter, the text and the count with one', () => {
    assert.equal(filterMessage(model, { text: '', onlyWithFindings: false }), undefined);
    assert.equal(filterMessage(model, { text: '   ', onlyWithFindings: false }), undefined);
    assert.equal(filterMessage(model, { text: ' deploy ', onlyWithFindings: false }), 'Filter "deploy": 2 of 29 roles');
    assert.equal(filterMessage(model, { text: '', onlyWithFindings: true }), 'Only roles with findings: 17 of 29 roles');
    assert.equal(filterMessage(model, { text: 'prod-', onlyWithFindings: true }), 'Filter "prod-", only roles with findings: 5 of 29 roles');
    assert.equal(filterMessage(model, { text: 'nothing-like-it', onlyWithFindings: false }), 'Filter "nothing-like-it": 0 of 29 roles');
    const one = buildRolesModel({ accounts: [{ ...organizationData().accounts[0]!, roles: organizationData().accounts[0]!.roles.slice(0, 1) }], problems: [] });
    assert.equal(filterMessage(one, { text: 'x', onlyWithFindings: false }), 'Filter "x": 0 of 1 role');
  });
});

describe('IAM Roles model: who can reach, what can be reached', () => {
  const model = buildRolesModel(organizationData());

  it('lists every principal that reaches Production/Admin, alice through the known chain with each statement and condition', () => {
    const text = reachDocument(model, roleArn(ORG.production, 'Admin'), 'who-can-reach');
    assert.match(text, /^# Who can reach arn:aws:iam::222222222222:role\/Admin\n/);
    assert.match(text, /^> Only trust policies are read/m);
    assert.match(text, /^Read: Management 111111111111 \(8 roles\), Production 222222222222 \(12 roles\), Tools 333333333333 \(9 roles\)\. Zone of trust: 111111111111, 222222222222, 333333333333, 444444444444, 555555555555, organisation o-exampleorg1\.$/m);
    assert.match(text, /^\*\*4 principals\*\* can reach it by the trust policies of 29 roles\.$/m);
    // Shortest paths first.
    assert.deepEqual(
      [...text.matchAll(/^## (.*)$/gm)].map((m) => m[1]),
      ['arn:aws:iam::222222222222:role/Deploy (role)', 'arn:aws:iam::333333333333:role/Deployer (role)', 'arn:aws:iam::111111111111:role/Ops (role)', 'arn:aws:iam::111111111111:user/alice (user)'],
    );
    const alice = text.slice(text.indexOf('## arn:aws:iam::111111111111:user/alice'));
    assert.equal(
      alice,
      [
        '## arn:aws:iam::111111111111:user/alice (user)',
        '',
        '```text',
        '→ arn:aws:iam::111111111111:role/Ops',
        '    statement 1 allows sts:AssumeRole if',
        '      Bool aws:MultiFactorAuthPresent: "true"',
        '→ arn:aws:iam::333333333333:role/Deployer',
        '    statement 1 allows sts:AssumeRole, no condition',
        '→ arn:aws:iam::222222222222:role/Deploy',
        '    statement 1 allows sts:AssumeRole, no condition',
        '→ arn:aws:iam::222222222222:role/Admin',
        '    statement 1 allows sts:AssumeRole if',
        '      StringEquals aws:PrincipalOrgID: "o-exampleorg1"',
        '```',
        '',
      ].join('\n'),
    );
  });

  it('marks the public and outside entry points, and shows a Deny with conditions beside the Allow', () => {
    const open = reachDocument(model, roleArn(ORG.production, 'PublicReader'), 'who-can-reach');
    assert.match(open, /\*\*1 principal\*\* can reach it by the trust policies of 29 roles, \*\*1 from outside the zone of trust\*\*\./);
    assert.match(open, /^## ⚠ outside the zone of trust: \\\* \(anyone\)$/m);
    const partner = reachDocument(model, roleArn(ORG.production, 'Partner'), 'who-can-reach');
    assert.match(partner, /^## ⚠ outside the zone of trust: 888888888888 \(account\)$/m);
    const breakGlass = reachDocument(model, roleArn(ORG.management, 'BreakGlass'), 'who-can-reach');
    assert.match(breakGlass, /    but statement 2 denies it if\n      NumericGreaterThan aws:MultiFactorAuthAge: "300"/);
  });

  it('lists what Ops reaches: the chain to Admin, the audit roles through its account, PublicReader from outside', () => {
    const text = reachDocument(model, roleArn(ORG.management, 'Ops'), 'reachable-from');
    assert.match(text, /^# What can be reached from arn:aws:iam::111111111111:role\/Ops\n/);
    assert.match(text, /^\*\*6 roles\*\* of 29 can be reached from it, \*\*1 through a step open to principals outside the zone of trust\*\*\.$/m);
    assert.deepEqual(
      [...text.matchAll(/^## (.*)$/gm)].map((m) => m[1]),
      [
        '⚠ outside the zone of trust: arn:aws:iam::222222222222:role/PublicReader (role)',
        'arn:aws:iam::333333333333:role/Deployer (role)',
        'arn:aws:iam::222222222222:role/Deploy (role)',
        'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole (role)',
        'arn:aws:iam::333333333333:role/OrganizationAccountAccessRole (role)',
        'arn:aws:iam::222222222222:role/Admin (role)',
      ],
    );
    assert.match(text, /role arn:aws:iam::111111111111:role\/Ops is a principal of account 111111111111\n→ arn:aws:iam::222222222222:role\/OrganizationAccountAccessRole/);
  });

  it('says so when nobody reaches a role, and when a role was not read', () => {
    const nobody = buildRolesModel({ accounts: [{ account: ORG.management, via: 'x', roles: [{ arn: roleArn(ORG.management, 'Closed'), name: 'Closed', account: ORG.management, trustPolicy: '{"Version":"2012-10-17","Statement":[]}' }] }], problems: [] });
    assert.match(reachDocument(nobody, roleArn(ORG.management, 'Closed'), 'who-can-reach'), /^Nobody: no trust policy read admits any principal to it\.$/m);
    assert.match(reachDocument(nobody, roleArn(ORG.management, 'Closed'), 'reachable-from'), /^No role read trusts it, directly or through a chain\.$/m);
    assert.match(reachDocument(model, roleArn(ORG.sandbox, 'Experiment'), 'who-can-reach'), /^\*Note:\* .+/m);
  });
});

describe('IAM Roles model: hostile names and conditions stay text', () => {
  // What a hostile (or broken) endpoint could answer: IAM itself allows none of these characters in a role name.
  const evilName = 'E`vil|x<script>alert(1)</script>\n# Injected *b* _i_ [l](https://example.com) &lt;b&gt; ~~s~~\u2028end';
  const evilArn = `arn:aws:iam::${ORG.management}:role/${evilName}`;
  const fenceBreaker = 'al```ice\n```\n<script>x</script>';
  const condition = 'a```b\n```\n# H|<img src=x onerror=alert(1)>';
  const policy = (principal: string, key: string, value: string) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', Condition: { StringEquals: { [key]: value } } }] });
  const model = buildRolesModel({
    accounts: [
      {
        account: ORG.management,
        name: 'Acc`|<b>bold</b>\n# Name',
        via: 'x',
        roles: [
          { arn: evilArn, name: evilName, account: ORG.management, trustPolicy: policy(`arn:aws:iam::${ORG.management}:user/${fenceBreaker}`, 'aws:PrincipalTag/team', condition) },
          { arn: roleArn(ORG.management, 'Target'), name: 'Target', account: ORG.management, trustPolicy: policy(evilArn, 'sts:RoleSessionName', '`|<script>\n') },
        ],
      },
    ],
    problems: [],
  });

  /** The document's lines outside its fenced blocks, where markdown would act. */
  function outsideFences(text: string): string[] {
    const out: string[] = [];
    let fence: string | undefined;
    for (const line of text.split('\n')) {
      const mark = /^(`{3,})/.exec(line)?.[1];
      if (fence) {
        if (line === fence) fence = undefined;
      } else if (mark) fence = mark;
      else out.push(line);
    }
    assert.equal(fence, undefined, 'a fence is left open');
    return out;
  }

  it('escapes markup and writes line breaks as escapes, in headings and in the Read line', () => {
    for (const [arn, query] of [
      [evilArn, 'who-can-reach'],
      [evilArn, 'reachable-from'],
      [roleArn(ORG.management, 'Target'), 'who-can-reach'],
    ] as const) {
      const text = reachDocument(model, arn, query);
      const lines = outsideFences(text);
      // One heading line per heading: a name cannot end it and start a heading of its own.
      assert.deepEqual(lines.filter((l) => l.startsWith('#')).map((l) => l.replace(/ .*/, '')), ['#', ...lines.filter((l) => l.startsWith('## ')).map(() => '##')]);
      // The headings and the Read line hold names: no markup character in them goes unescaped.
      for (const line of lines.filter((l) => l.startsWith('#') || l.startsWith('Read: '))) {
        assert.doesNotMatch(line.replace(/\\./g, ''), /[<>`|*_[\]&~]/, `unescaped markup in: ${line}`);
      }
    }
    const who = reachDocument(model, evilArn, 'who-can-reach');
    assert.equal(
      who.split('\n')[0],
      '# Who can reach arn:aws:iam::111111111111:role/E\\`vil\\|x\\<script\\>alert(1)\\</script\\>\\x0A\\# Injected \\*b\\* \\_i\\_ \\[l\\](https://example.com) \\&lt;b\\&gt; \\~\\~s\\~\\~\\u2028end',
    );
    assert.match(who, /^Read: Acc\\`\\\|\\<b\\>bold\\<\/b\\>\\x0A\\# Name 111111111111 \(2 roles\)\./m);
    assert.match(who, /^## arn:aws:iam::111111111111:user\/al\\`\\`\\`ice\\x0A\\`\\`\\`\\x0A\\<script\\>x\\<\/script\\> \(user\)$/m);
  });

  it('keeps the paths in a fence longer than any backtick run in them, conditions as written', () => {
    const text = reachDocument(model, roleArn(ORG.management, 'Target'), 'who-can-reach');
    assert.ok(text.includes('\n````text\n'), text);
    const block = text.slice(text.indexOf('````text\n') + 8, text.indexOf('\n````\n'));
    assert.ok(block.includes('StringEquals aws:PrincipalTag/team: "a```b\\n```\\n# H|<img src=x onerror=alert(1)>"'), block);
    assert.ok(!block.includes('````'), block);
    // The fence of a path without backticks is the plain three.
    assert.match(reachDocument(model, evilArn, 'reachable-from'), /\n```text\n→ arn:aws:iam::111111111111:role\/Target\n/);
  });

  it('markdownText escapes each markup character and control character once', () => {
    assert.equal(markdownText('a\\b'), 'a\\\\b');
    assert.equal(markdownText('x\r\n\ty\u0000\u007f\u0085\u2029'), 'x\\x0D\\x0A\\x09y\\x00\\x7F\\x85\\u2029');
    assert.equal(markdownText('arn:aws:iam::111111111111:role/service-role/My_Role*'), 'arn:aws:iam::111111111111:role/service-role/My\\_Role\\*');
    assert.equal(markdownText('plain words, (parens) and digits 1.'), 'plain words, (parens) and digits 1.');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRules } from '../../../src/policy/lint/lint';
import type { RuleOptions } from '../../../src/policy/lint/rule';
import { crossAccountWithoutExternalId } from '../../../src/policy/lint/rules/crossAccountWithoutExternalId';
import { policy, ruleTests, statement } from '../ruleTester';

const home = { accountId: '111122223333' };
const trust = (AWS: unknown, overrides: Record<string, unknown> = {}) => policy(statement({ Principal: { AWS }, Condition: undefined, ...overrides }));
const ORG = 'o-a1b2c3d4e5';
const inOrg = (operator: string, key: string, value: unknown) => ({ Condition: { [operator]: { [key]: value } } });

// Zone declared, account outside it: security (the rule's meta.severity, checked by ruleTests).
ruleTests(crossAccountWithoutExternalId, {
  valid: [
    { name: 'own account', text: trust('arn:aws:iam::111122223333:role/ci'), options: home },
    { name: 'own account ID form', text: trust('111122223333'), options: home },
    { name: 'with ExternalId', text: policy(statement({ Principal: { AWS: '444455556666' } })), options: home },
    { name: 'only TagSession', text: trust('444455556666', { Action: 'sts:TagSession' }), options: home },
    { name: 'Deny', text: trust('444455556666', { Effect: 'Deny' }), options: home },
    { name: 'wildcard is public-principal\'s', text: trust('*'), options: home },
    // Inside the zone: trusted accounts, with or without accountId.
    { name: 'a trusted account', text: trust('arn:aws:iam::444455556666:role/deploy'), options: { ...home, trustedAccounts: ['444455556666'] } },
    { name: 'trusted accounts alone declare the zone', text: trust(['444455556666', '777788889999']), options: { trustedAccounts: ['444455556666', '777788889999'] } },
    // Inside the zone: restricted to the declared organisation.
    { name: 'aws:PrincipalOrgID equal to the organisation', text: trust('444455556666', inOrg('StringEquals', 'aws:PrincipalOrgID', ORG)), options: { organizationId: ORG } },
    { name: 'aws:PrincipalOrgID, IgnoreCase', text: trust('444455556666', inOrg('StringEqualsIgnoreCase', 'aws:PrincipalOrgID', ORG.toUpperCase())), options: { ...home, organizationId: ORG } },
    { name: 'ForAnyValue aws:PrincipalOrgPaths below the organisation', text: trust('444455556666', inOrg('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', [`${ORG}/r-ab12/ou-ab12-11111111/*`])), options: { organizationId: ORG } },
    // A principal computed at deploy time, which lintEmbedded writes as account 000000000000.
    { name: 'the embedded placeholder account', text: trust('arn:aws:iam::000000000000:root'), options: { trustedAccounts: ['444455556666'] } },
    { name: 'the embedded placeholder account, no zone', text: trust('arn:aws:iam::000000000000:root') },
  ],
  invalid: [
    { name: 'other account root', text: trust('arn:aws:iam::444455556666:root'), options: home, errors: [{ token: '"arn:aws:iam::444455556666:root"', message: /Account 444455556666 is outside your zone of trust \(account 111122223333\) and is trusted without sts:ExternalId/ }] },
    { name: 'account ID among others, sts:*', text: trust(['111122223333', '444455556666'], { Action: 'sts:*' }), options: home, errors: [{ token: '"444455556666"' }] },
    { name: 'ExternalId only IfExists', text: trust('arn:aws:iam::444455556666:role/vendor', { Condition: { StringEqualsIfExists: { 'sts:ExternalId': 'x' } } }), options: home, errors: [{ token: '"arn:aws:iam::444455556666:role/vendor"', message: /with an sts:ExternalId condition that does not pin it to one value \(StringEqualsIfExists "x"\)/ }] },
    // Held-out set 10: an ExternalId condition that any value passes is not "no ExternalId".
    { name: 'ExternalId StringLike "*"', text: trust('444455556666', { Condition: { StringLike: { 'sts:ExternalId': '*' } } }), errors: [{ token: '"444455556666"', severity: 'suggestion', message: /^Account 444455556666 is trusted with an sts:ExternalId condition that does not pin it to one value \(StringLike "\*"\)\. Whether/ }] },
    { name: 'outside the trusted accounts', text: trust(['444455556666', '999988887777']), options: { trustedAccounts: ['444455556666'] }, errors: [{ token: '"999988887777"', message: /outside your zone of trust \(account 444455556666\)/ }] },
    { name: 'another organisation', text: trust('444455556666', inOrg('StringEquals', 'aws:PrincipalOrgID', 'o-zzzzzzzzzz')), options: { organizationId: ORG }, errors: [{ token: '"444455556666"', message: /organization o-a1b2c3d4e5/ }] },
    { name: 'one of two organisations is not enough', text: trust('444455556666', inOrg('StringEquals', 'aws:PrincipalOrgID', [ORG, 'o-zzzzzzzzzz'])), options: { organizationId: ORG }, errors: [{ token: '"444455556666"' }] },
    { name: 'PrincipalOrgID only IfExists', text: trust('444455556666', inOrg('StringEqualsIfExists', 'aws:PrincipalOrgID', ORG)), options: { organizationId: ORG }, errors: [{ token: '"444455556666"' }] },
    { name: 'PrincipalOrgID with a wildcard', text: trust('444455556666', inOrg('StringLike', 'aws:PrincipalOrgID', 'o-*')), options: { organizationId: ORG }, errors: [{ token: '"444455556666"' }] },
    { name: 'an organisation condition without a declared organisation', text: trust('444455556666', inOrg('StringEquals', 'aws:PrincipalOrgID', ORG)), options: home, errors: [{ token: '"444455556666"' }] },
  ],
});

describe('rule cross-account-without-external-id with no zone of trust declared', () => {
  const found = (text: string, options: RuleOptions = {}) => runRules(text, [crossAccountWithoutExternalId], options).filter((f) => f.code === 'cross-account-without-external-id');

  it('is a suggestion that says how to declare the zone (it was not checked at all before)', () => {
    const text = trust('arn:aws:iam::444455556666:root');
    const [finding, ...rest] = found(text);
    assert.deepEqual(rest, []);
    assert.equal(finding?.severity, 'suggestion');
    assert.equal(text.slice(finding!.offset, finding!.offset + finding!.length), '"arn:aws:iam::444455556666:root"');
    assert.match(finding!.message, /declare your zone of trust/);
    assert.match(finding!.message, /trustedAccounts or organizationId in \.iamtrust\.json/);
    assert.match(finding!.message, /--trusted-accounts/);
    assert.match(finding!.message, /sts:ExternalId/);
  });

  it('reports each account once, and nothing with an external ID or a Deny', () => {
    assert.equal(found(trust(['444455556666', '777788889999'])).length, 2);
    assert.deepEqual(found(policy(statement({ Principal: { AWS: '444455556666' } }))), []);
    assert.deepEqual(found(trust('444455556666', { Effect: 'Deny' })), []);
  });

  it('an empty trusted-accounts list declares nothing', () => {
    assert.equal(found(trust('444455556666'), { trustedAccounts: [] })[0]?.severity, 'suggestion');
  });
});

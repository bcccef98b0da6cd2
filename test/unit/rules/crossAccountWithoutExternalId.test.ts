import { crossAccountWithoutExternalId } from '../../../src/policy/lint/rules/crossAccountWithoutExternalId';
import { policy, ruleTests, statement } from '../ruleTester';

const home = { accountId: '111122223333' };
const trust = (AWS: unknown, overrides: Record<string, unknown> = {}) => policy(statement({ Principal: { AWS }, Condition: undefined, ...overrides }));

ruleTests(crossAccountWithoutExternalId, {
  valid: [
    { name: 'own account', text: trust('arn:aws:iam::111122223333:role/ci'), options: home },
    { name: 'own account ID form', text: trust('111122223333'), options: home },
    { name: 'with ExternalId', text: policy(statement({ Principal: { AWS: '444455556666' } })), options: home },
    { name: 'account unknown: not checked', text: trust('444455556666') },
    { name: 'only TagSession', text: trust('444455556666', { Action: 'sts:TagSession' }), options: home },
    { name: 'Deny', text: trust('444455556666', { Effect: 'Deny' }), options: home },
    { name: 'wildcard is public-principal\'s', text: trust('*'), options: home },
  ],
  invalid: [
    { name: 'other account root', text: trust('arn:aws:iam::444455556666:root'), options: home, errors: [{ token: '"arn:aws:iam::444455556666:root"', message: /Account 444455556666 is trusted without sts:ExternalId/ }] },
    { name: 'account ID among others, sts:*', text: trust(['111122223333', '444455556666'], { Action: 'sts:*' }), options: home, errors: [{ token: '"444455556666"' }] },
    { name: 'ExternalId only IfExists', text: trust('arn:aws:iam::444455556666:role/vendor', { Condition: { StringEqualsIfExists: { 'sts:ExternalId': 'x' } } }), options: home, errors: [{ token: '"arn:aws:iam::444455556666:role/vendor"' }] },
  ],
});

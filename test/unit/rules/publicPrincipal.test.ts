import { publicPrincipal } from '../../../src/policy/lint/rules/publicPrincipal';
import { policy, ruleTests, statement } from '../ruleTester';

const open = (overrides: Record<string, unknown>) => policy(statement({ Principal: { AWS: '*' }, Condition: undefined, ...overrides }));

ruleTests(publicPrincipal, {
  valid: [
    policy(statement()),
    open({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
    open({ Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci-*' } } }),
    open({ Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } } }),
    { name: 'Deny statements let nobody in', text: open({ Effect: 'Deny' }) },
  ],
  invalid: [
    { name: '{"AWS": "*"}', text: open({}), errors: [{ token: '"*"', message: /Anyone in any AWS account/ }] },
    { name: 'bare "*"', text: open({ Principal: '*' }), errors: [{ token: '"*"' }] },
    { name: 'ExternalId does not restrict the caller', text: open({ Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }), errors: [{ token: '"*"' }] },
    { name: 'IfExists does not restrict', text: open({ Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }), errors: [{ token: '"*"' }] },
    { name: 'a negated operator does not restrict', text: open({ Condition: { StringNotEquals: { 'aws:PrincipalAccount': '444455556666' } } }), errors: [{ token: '"*"' }] },
    { name: 'a wildcard value does not restrict', text: open({ Condition: { StringLike: { 'aws:PrincipalArn': '*' } } }), errors: [{ token: '"*"' }] },
  ],
});

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
    { name: 'a wildcard after a fixed account restricts', text: open({ Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/*' } } }) },
    {
      name: 'a Deny of every caller but the named roles restricts the Allow',
      text: policy(
        { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } } },
        { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/ci-*' } } },
      ),
    },
    { name: 'a fixed account restricts', text: open({ Condition: { StringEquals: { 'aws:PrincipalAccount': '444455556666' } } }) },
  ],
  invalid: [
    { name: '{"AWS": "*"}', text: open({}), errors: [{ token: '"*"', message: /Anyone in any AWS account/ }] },
    { name: 'bare "*"', text: open({ Principal: '*' }), errors: [{ token: '"*"' }] },
    { name: 'ExternalId does not restrict the caller', text: open({ Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }), errors: [{ token: '"*"' }] },
    // Held-out set 8 (sadcloud): "*" with only an MFA condition; the message says why it does not help.
    {
      name: 'an MFA condition does not say who the caller is',
      text: open({ Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } } }),
      errors: [{ token: '"*"', message: /the condition on aws:MultiFactorAuthPresent does not say who the caller is/ }],
    },
    { name: 'IfExists does not restrict', text: open({ Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }), errors: [{ token: '"*"' }] },
    { name: 'a negated operator does not restrict', text: open({ Condition: { StringNotEquals: { 'aws:PrincipalAccount': '444455556666' } } }), errors: [{ token: '"*"' }] },
    // Issue 13 class 7: the account part is a wildcard, so every role of every account matches.
    {
      name: 'aws:PrincipalArn pattern with a wildcard account',
      text: open({ Principal: '*', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } } }),
      errors: [{ token: '"*"', line: 6 }],
    },
    {
      name: 'a Deny of one named role leaves everyone else in',
      text: policy(
        { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } } },
        { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/old' } } },
      ),
      errors: [{ token: '"*"', line: 6 }],
    },
    { name: 'ArnLike with a wildcard account', text: open({ Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deploy' } } }), errors: [{ token: '"*"', line: 7 }] },
    { name: 'aws:PrincipalAccount of twelve ?', text: open({ Condition: { StringLike: { 'aws:PrincipalAccount': '????????????' } } }), errors: [{ token: '"*"', line: 7 }] },
    { name: 'a wildcard value does not restrict', text: open({ Condition: { StringLike: { 'aws:PrincipalArn': '*' } } }), errors: [{ token: '"*"' }] },
  ],
});

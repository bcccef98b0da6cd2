import { wildcardWithoutLike } from '../../../src/policy/lint/rules/wildcardWithoutLike';
import { policy, ruleTests, statement } from '../ruleTester';

const c = (Condition: unknown) => policy(statement({ Condition }));

ruleTests(wildcardWithoutLike, {
  valid: [c({ StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::1:role/*' } }), c({ StringEquals: { 'sts:ExternalId': 'abc${*}' } }), c({ StringEquals: { 'sts:ExternalId': 'abc' } })],
  invalid: [
    { text: c({ StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } }), errors: [{ token: '"repo:o/r:*"', message: /use StringLike/ }] },
    { text: c({ ArnNotEquals: { 'aws:SourceArn': ['arn:aws:s3:::b', 'arn:aws:s3:::b?'] } }), errors: [{ token: '"arn:aws:s3:::b?"', message: /use ArnNotLike/ }] },
    { text: c({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'ops*' } }), errors: [{ token: '"ops*"', message: /use StringLike/ }] },
  ],
});

import { wildcardWithoutLike } from '../../../src/policy/lint/rules/wildcardWithoutLike';
import { policy, ruleTests, statement } from '../ruleTester';

const c = (Condition: unknown) => policy(statement({ Condition }));

ruleTests(wildcardWithoutLike, {
  valid: [
    c({ StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::1:role/*' } }),
    c({ StringEquals: { 'sts:ExternalId': 'abc${*}' } }),
    c({ StringEquals: { 'sts:ExternalId': 'abc' } }),
    // Issue 13 class 6: ArnEquals and ArnLike behave identically (IAM User Guide, ARN condition operators).
    { name: 'ArnEquals takes wildcards', text: c({ ArnEquals: { 'aws:SourceArn': 'arn:aws:ssm:eu-west-1:111122223333:*' } }) },
    { name: 'ArnNotEquals takes wildcards', text: c({ ArnNotEquals: { 'aws:SourceArn': ['arn:aws:s3:::b', 'arn:aws:s3:::b?'] } }) },
  ],
  invalid: [
    { text: c({ StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } }), errors: [{ token: '"repo:o/r:*"', message: /use StringLike/ }] },
    { text: c({ StringNotEquals: { 'aws:SourceArn': ['arn:aws:s3:::b', 'arn:aws:s3:::b?'] } }), errors: [{ token: '"arn:aws:s3:::b?"', message: /use StringNotLike/ }] },
    { text: c({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'ops*' } }), errors: [{ token: '"ops*"', message: /use StringLike/ }] },
  ],
});

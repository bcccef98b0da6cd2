import { arnKeyStringOperator } from '../../../src/policy/lint/rules/arnKeyStringOperator';
import { policy, ruleTests, statement } from '../ruleTester';

const c = (Condition: unknown) => policy(statement({ Condition }));

ruleTests(arnKeyStringOperator, {
  valid: [c({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::b' } }), c({ StringEquals: { 'sts:ExternalId': 'x' } })],
  invalid: [
    { text: c({ StringEquals: { 'aws:SourceArn': 'arn:aws:s3:::b' } }), errors: [{ token: '"StringEquals"', message: /compare it with ArnEquals/ }] },
    { text: c({ StringNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::1:role/x*' } }), errors: [{ token: '"StringNotLike"', message: /ArnNotLike/ }] },
  ],
});

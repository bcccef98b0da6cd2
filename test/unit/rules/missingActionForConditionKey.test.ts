import { missingActionForConditionKey } from '../../../src/policy/lint/rules/missingActionForConditionKey';
import { policy, ruleTests, statement } from '../ruleTester';

const c = (Action: unknown, Condition: unknown) => policy(statement({ Action, Condition }));

ruleTests(missingActionForConditionKey, {
  valid: [
    c(['sts:AssumeRole', 'sts:TagSession'], { StringEquals: { 'aws:RequestTag/team': 'x' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }),
    c(['sts:AssumeRole', 'sts:SetSourceIdentity'], { StringLike: { 'sts:SourceIdentity': '*@example.com' } }),
    c('sts:*', { StringEquals: { 'sts:TransitiveTagKeys': 'team' } }),
    policy(statement()),
    {
      // Issue 13 class 3: the shape of AWS's session-tags example (IAM User Guide, "Passing session tags in AWS STS").
      name: 'sts:TagSession allowed to the same principal by the next statement',
      text: policy(
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:user/tagger' }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'aws:RequestTag/Team': '*' } } },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:user/tagger' }, Action: 'sts:TagSession', Condition: { StringEquals: { 'aws:RequestTag/Team': ['red', 'blue'] } } },
      ),
    },
  ],
  invalid: [
    {
      name: 'sts:TagSession allowed elsewhere, but to another principal',
      text: policy(
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:user/tagger' }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'aws:RequestTag/Team': '*' } } },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:user/other' }, Action: 'sts:TagSession' },
      ),
      errors: [{ token: '"aws:RequestTag/Team"', line: 12 }],
    },
    { text: c('sts:AssumeRole', { StringEquals: { 'aws:RequestTag/team': 'x' } }), errors: [{ token: '"aws:RequestTag/team"', message: /sts:TagSession/ }] },
    { text: c('sts:AssumeRole', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'a', 'sts:TransitiveTagKeys': 'a' }, StringLike: { 'sts:SourceIdentity': 'x' } }), errors: [{ token: '"aws:TagKeys"' }, { token: '"sts:TransitiveTagKeys"' }, { token: '"sts:SourceIdentity"', message: /sts:SetSourceIdentity/ }] },
  ],
});

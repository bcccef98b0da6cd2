import { missingActionForConditionKey } from '../../../src/policy/lint/rules/missingActionForConditionKey';
import { policy, ruleTests, statement } from '../ruleTester';

const c = (Action: unknown, Condition: unknown) => policy(statement({ Action, Condition }));

ruleTests(missingActionForConditionKey, {
  valid: [
    c(['sts:AssumeRole', 'sts:TagSession'], { StringEquals: { 'aws:RequestTag/team': 'x' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }),
    c(['sts:AssumeRole', 'sts:SetSourceIdentity'], { StringLike: { 'sts:SourceIdentity': '*@example.com' } }),
    c('sts:*', { StringEquals: { 'sts:TransitiveTagKeys': 'team' } }),
    policy(statement()),
  ],
  invalid: [
    { text: c('sts:AssumeRole', { StringEquals: { 'aws:RequestTag/team': 'x' } }), errors: [{ token: '"aws:RequestTag/team"', message: /sts:TagSession/ }] },
    { text: c('sts:AssumeRole', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'a', 'sts:TransitiveTagKeys': 'a' }, StringLike: { 'sts:SourceIdentity': 'x' } }), errors: [{ token: '"aws:TagKeys"' }, { token: '"sts:TransitiveTagKeys"' }, { token: '"sts:SourceIdentity"', message: /sts:SetSourceIdentity/ }] },
  ],
});

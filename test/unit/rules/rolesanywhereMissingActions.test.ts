import { rolesanywhereMissingActions } from '../../../src/policy/lint/rules/rolesanywhereMissingActions';
import { policy, ruleTests, statement } from '../ruleTester';

const ra = (Action: unknown) => policy(statement({ Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action, Condition: undefined }));

ruleTests(rolesanywhereMissingActions, {
  valid: [
    ra(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']),
    ra('sts:*'),
    policy(statement()),
    {
      // Issue 13 class 3: the shape of AWS's EKS hybrid nodes example — companions in one statement, AssumeRole in the next.
      name: 'the three actions split across statements',
      text: policy(
        { Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: ['sts:SetSourceIdentity', 'sts:TagSession'], Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/abc' } } },
        { Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/abc' } } },
      ),
    },
  ],
  invalid: [
    {
      name: 'split across statements, one still missing: reported once',
      text: policy(
        { Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: 'sts:TagSession' },
        { Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ),
      errors: [{ token: '"sts:TagSession"', message: /needs sts:SetSourceIdentity$/ }],
    },
    {
      name: 'a Deny does not grant',
      text: policy(
        { Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: ['sts:TagSession', 'sts:SetSourceIdentity'] },
      ),
      errors: [{ token: '"sts:AssumeRole"', message: /needs sts:TagSession and sts:SetSourceIdentity/ }],
    },
    { text: ra('sts:AssumeRole'), errors: [{ token: '"sts:AssumeRole"', message: /needs sts:TagSession and sts:SetSourceIdentity/ }] },
    { text: ra(['sts:AssumeRole', 'sts:TagSession']), errors: [{ token: '[', message: /needs sts:SetSourceIdentity$/ }] },
  ],
});

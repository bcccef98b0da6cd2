import { rolesanywhereMissingActions } from '../../../src/policy/lint/rules/rolesanywhereMissingActions';
import { policy, ruleTests, statement } from '../ruleTester';

const ra = (Action: unknown) => policy(statement({ Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action, Condition: undefined }));

ruleTests(rolesanywhereMissingActions, {
  valid: [ra(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']), ra('sts:*'), policy(statement())],
  invalid: [
    { text: ra('sts:AssumeRole'), errors: [{ token: '"sts:AssumeRole"', message: /needs sts:TagSession and sts:SetSourceIdentity/ }] },
    { text: ra(['sts:AssumeRole', 'sts:TagSession']), errors: [{ token: '[', message: /needs sts:SetSourceIdentity$/ }] },
  ],
});

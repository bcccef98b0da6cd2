import { resourceNotAllowed } from '../../../src/policy/lint/rules/resourceNotAllowed';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(resourceNotAllowed, {
  valid: [policy(statement())],
  invalid: [
    { text: policy(statement({ Resource: '*' })), errors: [{ token: '"Resource"', message: /not allowed in a trust policy/ }] },
    { text: policy(statement({ NotResource: ['arn:aws:iam::111122223333:role/x'] })), errors: [{ token: '"NotResource"' }] },
    { name: 'both', text: policy(statement({ Resource: '*', NotResource: '*' })), errors: [{ token: '"Resource"' }, { token: '"NotResource"' }] },
  ],
});

import { actionMissing } from '../../../src/policy/lint/rules/actionMissing';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(actionMissing, {
  valid: [policy(statement()), policy(statement({ Action: undefined, NotAction: 'sts:TagSession' })), '{"Statement": [3]}'],
  invalid: [
    { text: policy(statement({ Action: undefined })), errors: [{ token: '{', line: 4, message: /no "Action"/ }] },
    { name: 'empty list', text: policy(statement({ Action: [] })), errors: [{ token: '[', message: /Action is empty/ }] },
    { name: 'empty string', text: policy(statement({ Action: '' })), errors: [{ token: '""' }] },
  ],
});

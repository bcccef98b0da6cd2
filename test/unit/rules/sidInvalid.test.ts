import { sidInvalid } from '../../../src/policy/lint/rules/sidInvalid';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(sidInvalid, {
  valid: [policy(statement({ Sid: 'TrustAccount1' })), policy(statement()), { name: 'empty is empty-value\'s', text: policy(statement({ Sid: '' })) }],
  invalid: [
    { name: 'spaces', text: policy(statement({ Sid: 'Trust EC2' })), errors: [{ token: '"Trust EC2"', message: /remove " " \(e\.g\. "TrustEC2"\)/ }] },
    { name: 'hyphen and underscore', text: policy(statement({ Sid: 'a-b_c' })), errors: [{ token: '"a-b_c"', message: /"-", "_"/ }] },
    { name: 'non-ASCII letter', text: policy(statement({ Sid: 'Vertrauensstellungé' })), errors: [{ token: '"Vertrauensstellungé"' }] },
    { name: 'number', text: policy(statement({ Sid: 1 })), errors: [{ token: '1', message: /must be a string/ }] },
  ],
});

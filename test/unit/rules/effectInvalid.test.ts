import { effectInvalid } from '../../../src/policy/lint/rules/effectInvalid';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(effectInvalid, {
  valid: [policy(statement()), policy(statement({ Effect: 'Deny' })), { name: 'not a statement object', text: '{"Statement": ["x"]}' }],
  invalid: [
    { name: 'lower case', text: policy(statement({ Effect: 'allow' })), errors: [{ token: '"allow"', message: /case-sensitive: write "Allow"/ }] },
    { name: 'upper case deny', text: policy(statement({ Effect: 'DENY' })), errors: [{ token: '"DENY"', message: /write "Deny"/ }] },
    { name: 'other word', text: policy(statement({ Effect: 'Permit' })), errors: [{ token: '"Permit"', message: /must be "Allow" or "Deny", not "Permit"/ }] },
    { name: 'boolean', text: policy(statement({ Effect: true })), errors: [{ token: 'true', message: /not a boolean/ }] },
    { name: 'missing', text: '{"Statement": [\n  {"Action": "sts:AssumeRole"}\n]}', errors: [{ token: '{', line: 2, message: /no "Effect"/ }] },
  ],
});

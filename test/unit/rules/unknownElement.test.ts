import { unknownElement } from '../../../src/policy/lint/rules/unknownElement';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(unknownElement, {
  valid: [
    policy(statement()),
    { name: 'Id and Sid', text: JSON.stringify({ Version: '2012-10-17', Id: 'x', Statement: [{ Sid: 'A', ...statement() }] }) },
    { name: 'not an object at all', text: '[1, 2]' },
    { name: 'statement that is not an object', text: '{"Statement": ["x"]}' },
  ],
  invalid: [
    { name: 'wrong case in a statement', text: policy(statement({ effect: 'Allow', Effect: undefined })), errors: [{ token: '"effect"', message: /case-sensitive, write "Effect"/ }] },
    { name: 'typo', text: policy(statement({ Conditions: {} })), errors: [{ token: '"Conditions"', message: /did you mean "Condition"/ }] },
    { name: 'unknown top-level element', text: '{"Version": "2012-10-17", "Statements": [], "Foo": 1}', errors: [{ token: '"Statements"', message: /did you mean "Statement"/ }, { token: '"Foo"', message: /top-level elements are Version, Id, Statement/ }] },
    { name: 'statement element unrelated to any', text: policy(statement({ Banana: 1 })), errors: [{ token: '"Banana"', message: /statement elements are Sid, Effect/ }] },
  ],
});

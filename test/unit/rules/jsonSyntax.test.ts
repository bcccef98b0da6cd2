import { jsonSyntax } from '../../../src/policy/lint/rules/jsonSyntax';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(jsonSyntax, {
  valid: [policy(statement()), '{"Version": "2012-10-17", "Statement": []}'],
  invalid: [
    { name: 'comment', text: '{ // c\n}', errors: [{ token: '// c', message: /comments/ }] },
    { name: 'trailing comma', text: '{"Version": "2012-10-17",}', errors: [{ token: ',', column: 25, message: /Trailing comma/ }] },
  ],
});

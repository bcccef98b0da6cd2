import { jsonSyntax } from '../../../src/policy/lint/rules/jsonSyntax';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(jsonSyntax, {
  valid: [policy(statement()), '{"Version": "2012-10-17", "Statement": []}'],
  invalid: [
    { name: 'comment', text: '{ // c\n}', errors: [{ token: '// c', message: /comments/ }] },
    { name: 'trailing comma', text: '{"Version": "2012-10-17",}', errors: [{ token: ',', column: 25, message: /Trailing comma/ }] },
    // Held-out set 15 (AWS's Comprehend guide wraps a long ARN): one problem for the broken
    // string, none for what recovery makes of the next line (it gave nine, and a bogus key).
    {
      name: 'a line break inside a string',
      text: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "comprehend.amazonaws.com"}, "Action": "sts:AssumeRole",\n "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:comprehend:us-west-2:111122223333:\n      document-classifier/x"}}}]}',
      errors: [{ token: '"arn:aws:comprehend:us-west-2:111122223333:', message: /^A line break inside a string/ }, { token: '', message: /Colon expected/ }],
    },
    // Held-out set 15 (AWS's HealthLake guide): the problem is the brace before the first key, not what follows it.
    { name: 'a missing opening brace', text: '\n"Version": "2012-10-17",\n"Statement": []\n}', errors: [{ token: '"Version"', message: /^The opening brace "\{" of the policy is missing/ }] },
  ],
});

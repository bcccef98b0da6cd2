import { duplicateKey } from '../../../src/policy/lint/rules/duplicateKey';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(duplicateKey, {
  valid: [
    policy(statement()),
    { name: 'same key in different objects', text: '{"Statement": [{"Sid": "A"}, {"Sid": "B"}]}' },
    { name: 'values may repeat', text: '{"a": "x", "b": "x"}' },
  ],
  invalid: [
    {
      name: 'exact duplicate element',
      text: '{\n  "Version": "2012-10-17",\n  "Version": "2008-10-17"\n}',
      errors: [{ token: '"Version"', line: 3, message: /Duplicate key "Version" \(first on line 2\)/ }],
    },
    {
      name: 'condition keys differing only in case',
      text: '{"Condition": {"StringEquals": {"aws:SourceAccount": "1", "aws:sourceaccount": "2"}}}',
      errors: [{ token: '"aws:sourceaccount"', message: /differing only in case/ }],
    },
    {
      name: 'three times, nested in an array',
      text: '{"Statement": [{"Effect": "Allow", "Effect": "Deny", "EFFECT": "Allow"}]}',
      errors: [{ token: '"Effect"', column: 36 }, { token: '"EFFECT"' }],
    },
  ],
});

import { versionInvalid } from '../../../src/policy/lint/rules/versionInvalid';
import { ruleTests } from '../ruleTester';

ruleTests(versionInvalid, {
  valid: ['{"Version": "2012-10-17"}', '{"Version": "2008-10-17"}', '{}', '{"Version": }'],
  invalid: [
    { text: '{"Version": "2024-01-01"}', errors: [{ token: '"2024-01-01"', message: /does not exist/ }] },
    { name: 'number', text: '{"Version": 2012}', errors: [{ token: '2012', message: /must be the string/ }] },
    { name: 'spaces', text: '{"Version": " 2012-10-17"}', errors: [{ token: '" 2012-10-17"' }] },
  ],
});

import { versionLegacy } from '../../../src/policy/lint/rules/versionLegacy';
import { ruleTests } from '../ruleTester';

ruleTests(versionLegacy, {
  valid: ['{"Version": "2012-10-17"}', '{}', '{"Version": ["2008-10-17"]}'],
  invalid: [{ text: '{"Version": "2008-10-17"}', errors: [{ token: '"2008-10-17"', message: /legacy/ }] }],
});

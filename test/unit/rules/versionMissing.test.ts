import { versionMissing } from '../../../src/policy/lint/rules/versionMissing';
import { ruleTests } from '../ruleTester';

ruleTests(versionMissing, {
  valid: ['{"Version": "2012-10-17", "Statement": []}', '"not an object"', ''],
  invalid: [{ text: '{\n  "Statement": []\n}', errors: [{ token: '{', line: 1, message: /add "Version": "2012-10-17"/ }] }],
});

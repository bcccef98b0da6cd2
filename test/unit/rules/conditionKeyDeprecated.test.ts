import assert from 'node:assert/strict';
import { it } from 'node:test';
import { lint } from '../../../src/policy';
import { applyFix, fixesFor } from '../../../src/policy/lint/fixes';
import { conditionKeyDeprecated } from '../../../src/policy/lint/rules/conditionKeyDeprecated';
import { policy, ruleTests, statement } from '../ruleTester';

const c = (Condition: unknown, overrides: Record<string, unknown> = {}) => policy(statement({ Condition, ...overrides }));

ruleTests(conditionKeyDeprecated, {
  valid: [
    c({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci-*' } }),
    c({ ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::bucket' } }),
    { name: 'aws:ARN as a value is not a key', text: c({ StringEquals: { 'sts:ExternalId': 'aws:ARN' } }) },
  ],
  invalid: [
    { name: 'aws:ARN for a caller', text: c({ ArnLike: { 'aws:ARN': 'arn:aws:iam::111122223333:role/ci-*' } }), errors: [{ token: '"aws:ARN"', message: /deprecated global condition key: use aws:PrincipalArn/ }] },
    { name: 'any case', text: c({ StringLike: { 'AWS:arn': 'arn:aws:iam::111122223333:role/ci-*' } }), errors: [{ token: '"AWS:arn"' }] },
    {
      name: 'aws:ARN for a service: aws:SourceArn',
      text: c({ ArnLike: { 'aws:ARN': 'arn:aws:s3:::bucket' } }, { Principal: { Service: 's3.amazonaws.com' } }),
      errors: [{ token: '"aws:ARN"', message: /use aws:SourceArn \(the resource the service acts for\)/ }],
    },
  ],
});

it('condition-key-deprecated: condition-key-invalid does not also report aws:ARN; the fix renames the key', () => {
  const text = c({ ArnLike: { 'aws:ARN': 'arn:aws:iam::111122223333:role/ci-*' } });
  const findings = lint(text);
  assert.deepEqual(findings.filter((f) => f.code.startsWith('condition-key')).map((f) => f.code), ['condition-key-deprecated']);
  const fixes = fixesFor(text, findings.find((f) => f.code === 'condition-key-deprecated')!);
  assert.deepEqual(fixes.map((f) => f.title), ['Use aws:PrincipalArn', 'Use aws:SourceArn']);
  assert.match(applyFix(text, fixes[0]!), /"aws:PrincipalArn": "arn:aws:iam::111122223333:role\/ci-\*"/);
});

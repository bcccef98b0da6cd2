import assert from 'node:assert/strict';
import { it } from 'node:test';
import { evaluate } from '../../../src/policy';
import { runRules } from '../../../src/policy/lint/lint';
import { RULES } from '../../../src/policy/lint/rules';
import { principalUniqueId } from '../../../src/policy/lint/rules/principalUniqueId';
import { policy, ruleTests, statement } from '../ruleTester';

const p = (Principal: unknown) => policy(statement({ Principal }));

// IAM shows AROA…/AIDA… in place of a deleted role/user (IAM User Guide, Principal element:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles).
ruleTests(principalUniqueId, {
  valid: [
    p({ AWS: ['arn:aws:iam::111122223333:role/deploy', 'arn:aws:iam::111122223333:user/alice', '111122223333'] }),
    { name: 'an access key ID is principal-invalid\'s', text: p({ AWS: 'AKIAIOSFODNN7EXAMPLE' }) },
    { name: 'a unique ID as a condition value (aws:userid) is fine', text: policy(statement({ Condition: { StringLike: { 'aws:userid': 'AROAJND24IEWKTX6BABJI:*' } } })) },
    { name: 'a Service value', text: p({ Service: 'AROAJND24IEWKTX6BABJI' }) },
  ],
  invalid: [
    { name: 'role ID', text: p({ AWS: 'AROAJND24IEWKTX6BABJI' }), errors: [{ token: '"AROAJND24IEWKTX6BABJI"', message: /unique ID of an IAM role.*recreated under the same name/ }] },
    { name: 'user ID beside an ARN', text: p({ AWS: ['arn:aws:iam::111122223333:root', 'AIDAJQABLZS4A3QDU576Q'] }), errors: [{ token: '"AIDAJQABLZS4A3QDU576Q"', message: /IAM user.*user's ARN/ }] },
  ],
});

it('principal-unique-id: one finding for one unique ID among all rules (principal-invalid stays silent)', () => {
  const codes = runRules(p({ AWS: 'AROAJND24IEWKTX6BABJI' }), RULES).map((f) => f.code);
  assert.deepEqual(codes.filter((c) => c.startsWith('principal')), ['principal-unique-id']);
});

it('evaluate(): a unique ID matches no caller, with the reason', () => {
  const decision = evaluate(p({ AWS: 'AROAJND24IEWKTX6BABJI' }), { principal: { type: 'AWS', id: 'arn:aws:iam::111122223333:role/deploy' }, action: 'sts:AssumeRole', context: { 'sts:ExternalId': 'example-external-id' } });
  assert.equal(decision.decision === 'allowed', false);
  assert.match(JSON.stringify(decision), /unique ID of a role/);
});

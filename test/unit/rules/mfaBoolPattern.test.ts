import { mfaBoolPattern } from '../../../src/policy/lint/rules/mfaBoolPattern';
import { policy, ruleTests, statement } from '../ruleTester';

const c = (Condition: unknown) => policy(statement({ Effect: 'Deny', Condition }));

ruleTests(mfaBoolPattern, {
  valid: [c({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }), c({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })],
  invalid: [
    { text: c({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } }), errors: [{ token: '"false"', message: /use BoolIfExists/ }] },
    { name: 'JSON boolean, key case', text: c({ Bool: { 'aws:multifactorauthpresent': false } }), errors: [{ token: 'false' }] },
  ],
});

import { notPrincipalUnsupported } from '../../../src/policy/lint/rules/notPrincipalUnsupported';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(notPrincipalUnsupported, {
  valid: [policy(statement())],
  invalid: [
    { text: policy(statement({ Principal: undefined, NotPrincipal: { AWS: '111122223333' } })), errors: [{ token: '"NotPrincipal"' }] },
    { name: 'with Deny too', text: policy(statement({ Effect: 'Deny', NotPrincipal: '*' })), errors: [{ token: '"NotPrincipal"', message: /do not support NotPrincipal/ }] },
  ],
});

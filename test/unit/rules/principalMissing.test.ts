import { principalMissing } from '../../../src/policy/lint/rules/principalMissing';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(principalMissing, {
  valid: [policy(statement()), { name: 'NotPrincipal is another rule\'s', text: policy(statement({ Principal: undefined, NotPrincipal: '*' })) }, { name: 'empty Principal is empty-value\'s', text: policy(statement({ Principal: {} })) }, '{"Statement": ["x"]}'],
  invalid: [{ text: policy(statement({ Principal: undefined })), errors: [{ token: '{', line: 4, message: /no "Principal"/ }] }],
});

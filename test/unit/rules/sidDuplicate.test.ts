import { sidDuplicate } from '../../../src/policy/rules/sidDuplicate';
import { policy, ruleTests, statement } from '../ruleTester';

ruleTests(sidDuplicate, {
  valid: [
    policy(statement({ Sid: 'A' }), statement({ Sid: 'B' })),
    { name: 'Sids differing in case are different', text: policy(statement({ Sid: 'A' }), statement({ Sid: 'a' })) },
    { name: 'statements without Sid', text: policy(statement(), statement()) },
  ],
  invalid: [
    {
      text: policy(statement({ Sid: 'Trust' }), statement({ Sid: 'Other' }), statement({ Sid: 'Trust' })),
      errors: [{ token: '"Trust"', message: /already used on line \d+/ }],
    },
  ],
});

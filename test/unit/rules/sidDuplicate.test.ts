import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runRules } from '../../../src/policy/lint/lint';
import { sidDuplicate } from '../../../src/policy/lint/rules/sidDuplicate';
import { policy, ruleTests, statement } from '../ruleTester';

it('sid-duplicate points at the first use as related information', () => {
  const text = policy(statement({ Sid: 'Trust' }), statement({ Sid: 'Trust' }));
  const [finding] = runRules(text, [sidDuplicate]);
  assert.equal(finding?.related?.length, 1);
  const first = finding!.related![0]!;
  assert.equal(text.slice(first.offset, first.offset + first.length), '"Trust"');
  assert.ok(first.offset < finding!.offset);
  assert.match(first.message, /First use/);
});

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

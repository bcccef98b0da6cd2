import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint, renderTemplate, TRUST_POLICY_TEMPLATES } from '../../src/policy';

describe('trust policy templates', () => {
  it('have unique ids', () => {
    const ids = TRUST_POLICY_TEMPLATES.map((t) => t.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  for (const template of TRUST_POLICY_TEMPLATES) {
    it(`${template.id} renders to a policy the engine accepts`, () => {
      const text = renderTemplate(template);
      assert.deepEqual(lint(text), []);
      const policy = JSON.parse(text);
      assert.equal(policy.Version, '2012-10-17');
      assert.ok(policy.Statement.length > 0);
      for (const statement of policy.Statement) {
        assert.equal(statement.Effect, 'Allow');
        assert.match(statement.Action, /^sts:AssumeRole/);
        // Each template is hardened: no trust without a condition.
        assert.ok(statement.Condition, `${template.id} has a condition`);
      }
    });
  }
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, renderSnippetsFile, renderTemplate, TRUST_POLICY_TEMPLATES } from '../../src/policy';

describe('trust policy templates', () => {
  it('have unique ids', () => {
    const ids = TRUST_POLICY_TEMPLATES.map((t) => t.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  for (const template of TRUST_POLICY_TEMPLATES) {
    it(`${template.id} renders to a policy the engine accepts`, () => {
      const text = renderTemplate(template);
      // Nothing at all, not even a suggestion: templates are what we recommend.
      assert.deepEqual(lint(text, { accountId: '111122223333' }).map((f) => `${f.code}: ${f.message}`), []);
      const policy = JSON.parse(text);
      assert.equal(policy.Version, '2012-10-17');
      assert.ok(policy.Statement.length > 0);
      for (const statement of policy.Statement) {
        assert.equal(statement.Effect, 'Allow');
        assert.match([statement.Action].flat()[0], /^sts:AssumeRole/);
        // Each template is hardened: no trust without a condition.
        assert.ok(statement.Condition, `${template.id} has a condition`);
      }
      for (const placeholder of template.placeholders) assert.ok(text.includes(placeholder), `${placeholder} appears in the policy`);
    });
  }
});

describe('trust policy snippets', () => {
  /** What VS Code inserts when every tab stop keeps its default. */
  const expand = (body: string[]) =>
    body.join('\n').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\\([$\\}])/g, '$1');

  for (const template of TRUST_POLICY_TEMPLATES) {
    it(`${template.prefix} inserts the same policy as "New Trust Policy…"`, () => {
      const file = JSON.parse(renderSnippetsFile());
      const snippet = file[`Trust policy: ${template.label}`];
      assert.equal(snippet.prefix, template.prefix);
      assert.equal(expand(snippet.body) + '\n', renderTemplate(template));
      for (const [index, placeholder] of template.placeholders.entries()) {
        assert.ok(snippet.body.join('\n').includes(`\${${index + 1}:${placeholder}}`), `tab stop for ${placeholder}`);
      }
    });
  }

  for (const template of TRUST_POLICY_TEMPLATES) {
    it(`${template.prefix}-statement, added to a policy, lints clean`, () => {
      const file = JSON.parse(renderSnippetsFile());
      const statement = JSON.parse(expand(file[`Trust statement: ${template.label}`].body));
      const text = JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2);
      assert.deepEqual(lint(text, { accountId: '111122223333' }).filter((f) => f.severity !== 'suggestion').map((f) => f.code), []);
    });
  }

  it('covers the common ways to trust a role', () => {
    const ids = TRUST_POLICY_TEMPLATES.map((t) => t.id);
    for (const id of ['cross-account', 'same-account-mfa', 'service', 'ecs-tasks', 'github-actions', 'github-actions-environment', 'gitlab', 'terraform-cloud', 'eks-irsa', 'eks-pod-identity', 'saml', 'cognito', 'organization', 'roles-anywhere', 'circleci', 'bitbucket', 'buildkite', 'azure-devops', 'google']) {
      assert.ok(ids.includes(id), id);
    }
  });

  it('the committed snippets file is what the templates generate', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'snippets', 'trust-policy.code-snippets'), 'utf8');
    assert.equal(committed, renderSnippetsFile());
  });
});

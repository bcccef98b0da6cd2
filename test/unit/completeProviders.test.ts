// Issue 14: completion proposes each OIDC provider's pinning claims, audience and subject format
// from the provider table (src/policy/iam/identityProviders.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeAt } from '../../src/policy/authoring/complete';

function labels(marked: string) {
  const offset = marked.indexOf('|');
  return completeAt(marked.slice(0, offset) + marked.slice(offset + 1), offset).candidates.sort((a, b) => a.rank - b.rank);
}
const stmt = (federated: string, condition: string) =>
  `{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/${federated}" }, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { ${condition} } } ] }`;

describe('completion from the provider table', () => {
  it('proposes the pinning claims of Buildkite first, pipeline_slug (not unique across customers) after them', () => {
    const keys = labels(stmt('agent.buildkite.com', '"StringEquals": { "|" }'));
    const pinning = keys.filter((c) => c.detail === 'pins the caller').map((c) => c.label);
    assert.deepEqual(pinning.sort(), ['agent.buildkite.com:organization_id', 'agent.buildkite.com:organization_slug', 'agent.buildkite.com:pipeline_id', 'agent.buildkite.com:sub']);
    assert.equal(keys.find((c) => c.label === 'agent.buildkite.com:pipeline_slug')?.detail, 'identity provider claim');
  });

  it('GitHub: repository_id pins, ref alone does not', () => {
    const keys = labels(stmt('token.actions.githubusercontent.com', '"StringEquals": { "|" }'));
    assert.equal(keys.find((c) => c.label === 'token.actions.githubusercontent.com:repository_id')?.detail, 'pins the caller');
    assert.equal(keys.find((c) => c.label === 'token.actions.githubusercontent.com:ref')?.detail, 'identity provider claim');
  });

  it('proposes each provider\'s audience and subject format', () => {
    assert.deepEqual(labels(stmt('app.terraform.io', '"StringEquals": { "app.terraform.io:aud": "|" }')).map((c) => c.label), ['aws.workload.identity']);
    assert.deepEqual(labels(stmt('app.terraform.io', '"StringLike": { "app.terraform.io:sub": "|" }')).map((c) => c.label), ['organization:ORGANIZATION:project:PROJECT:workspace:WORKSPACE:run_phase:apply']);
    assert.deepEqual(labels(stmt('gitlab.com', '"StringEquals": { "gitlab.com:sub": "|" }')).map((c) => c.label), ['project_path:GROUP/PROJECT:ref_type:branch:ref:BRANCH']);
    assert.deepEqual(labels(stmt('oidc.circleci.com/org/abc-123', '"StringEquals": { "oidc.circleci.com/org/abc-123:aud": "|" }')).map((c) => c.label), ['abc-123']);
    assert.deepEqual(labels(stmt('token.actions.githubusercontent.com', '"StringEquals": { "token.actions.githubusercontent.com:aud": "|" }')).map((c) => c.label), ['sts.amazonaws.com']);
  });

  it('offers the CI providers as Federated principals', () => {
    const principals = labels('{ "Statement": [ { "Principal": { "Federated": "|" } } ] }').map((c) => c.label);
    for (const host of ['agent.buildkite.com', 'oidc.circleci.com/org/ORGANIZATION_ID', 'api.bitbucket.org/2.0/workspaces/WORKSPACE/pipelines-config/identity/oidc']) {
      assert.ok(principals.includes(`arn:aws:iam::111122223333:oidc-provider/${host}`), host);
    }
  });
});

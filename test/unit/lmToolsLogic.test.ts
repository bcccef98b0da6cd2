// The pure logic behind the language-model tools (src/language/lmTools/): drafting a hardened
// trust policy from a template, "who can assume" in words, and findings with their rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { draftParameters, draftPatterns, draftTrustPolicy } from '../../src/policy/authoring/draftTrustPolicy';
import { TRUST_POLICY_TEMPLATES } from '../../src/policy/authoring/templates';
import { callerType, whoCanAssume, whoCanAssumeMarkdown } from '../../src/policy/evaluate/whoCanAssume';
import { lint } from '../../src/policy/lint/lint';
import { findingsMarkdown, reportFindings } from '../../src/policy/lint/findingsReport';

/** A valid value for each parameter name, different from every template placeholder. */
const SAMPLE: Record<string, string> = {
  accountId: '444455556666',
  trustedAccountId: '777788889999',
  externalId: 'customer-4711',
  servicePrincipal: 'ecs-tasks.amazonaws.com',
  repository: 'octo-org/deploy-app',
  branch: 'release',
  environment: 'staging',
  region: 'eu-west-1',
  oidcProviderId: 'A1B2C3D4E5F60718293A4B5C6D7E8F90',
  namespace: 'payments',
  serviceAccount: 'api',
  providerName: 'Okta',
  roleName: 'Operators',
  projectPath: 'group/sub/project',
  organization: 'acme',
  project: 'platform',
  workspace: 'prod',
  organizationId: 'o-abcdefghij',
  projectId: '2f1e0d9c-8b7a-4654-9321-0fedcba98765',
  workspaceUuid: '9a8b7c6d-5e4f-4321-8765-43210fedcba9',
  repositoryUuid: '0a1b2c3d-4e5f-4678-9abc-def012345678',
  pipeline: 'deploy',
  cluster: 'prod-cluster',
  identityPoolId: 'eu-west-1:12345678-90ab-cdef-1234-567890abcdef',
  trustAnchorId: 'aaaabbbb-cccc-dddd-eeee-ffff00001111',
  certificateCommonName: 'build.example.org',
  serviceConnection: 'aws-prod',
  serviceAccountUniqueId: '104321987654321098765',
};
// CircleCI's organization ID is a UUID, AWS Organizations' is o-…: the same name in two patterns.
// Azure DevOps's is a GUID too.
const sampleFor = (pattern: string, name: string) => ((pattern === 'circleci' || pattern === 'azure-devops') && name === 'organizationId' ? '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' : SAMPLE[name]!);

describe('draftTrustPolicy: a template with the caller\'s values, linted clean', () => {
  it('describes every template (one parameter per placeholder)', () => {
    assert.deepEqual(draftPatterns().map((p) => p.id), TRUST_POLICY_TEMPLATES.map((t) => t.id));
  });

  for (const { id, parameters } of draftPatterns()) {
    it(`${id}: every value lands in the policy, no placeholder is left, and it lints clean`, () => {
      const values = Object.fromEntries(parameters.map((p) => [p.name, sampleFor(id, p.name)]));
      const result = draftTrustPolicy({ pattern: id, parameters: values }, { accountId: '444455556666' });
      assert.ok(result.ok, JSON.stringify(!result.ok && result));
      for (const p of parameters) {
        assert.ok(result.policy.includes(values[p.name]!), `${p.name} in the policy`);
        assert.ok(!result.policy.includes(p.placeholder), `placeholder ${p.placeholder} replaced`);
      }
      assert.deepEqual(lint(result.policy, { accountId: '444455556666' }), []);
    });
  }

  it('fills GitHub Actions\' sub claim with repository and branch', () => {
    const result = draftTrustPolicy({ pattern: 'github-actions', parameters: { accountId: '444455556666', repository: 'octo-org/app', branch: 'main' } });
    assert.ok(result.ok);
    const statement = JSON.parse(result.policy).Statement[0];
    assert.equal(statement.Principal.Federated, 'arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com');
    assert.equal(statement.Condition.StringEquals['token.actions.githubusercontent.com:sub'], 'repo:octo-org/app:ref:refs/heads/main');
  });

  it('refuses wildcards and malformed values instead of drafting a broad policy', () => {
    const wild = draftTrustPolicy({ pattern: 'github-actions', parameters: { accountId: '444455556666', repository: 'octo-org/*', branch: '*' } });
    assert.equal(wild.ok, false);
    assert.ok(!wild.ok && wild.problems.some((p) => p.startsWith('"repository" must be OWNER/REPO')));
    assert.ok(!wild.ok && wild.problems.some((p) => p.startsWith('"branch" must be')));
    const account = draftTrustPolicy({ pattern: 'cross-account', parameters: { trustedAccountId: '1234', externalId: 'x1' } });
    assert.ok(!account.ok && account.problems.some((p) => p.includes('12 digits')));
  });

  it('names missing and unknown parameters, and unknown patterns', () => {
    const missing = draftTrustPolicy({ pattern: 'eks-irsa', parameters: { accountId: '444455556666', colour: 'blue' } });
    assert.ok(!missing.ok);
    assert.ok(!missing.ok && missing.problems.some((p) => p.startsWith('Missing "namespace"')));
    assert.ok(!missing.ok && missing.problems.some((p) => p.startsWith('Unknown parameter(s) for eks-irsa: colour')));
    const unknown = draftTrustPolicy({ pattern: 'jenkins' });
    assert.ok(!unknown.ok && /Unknown pattern "jenkins".*github-actions/.test(unknown.problems[0]!));
  });

  it('does not return a draft the engine reports: a role of an account outside the zone of trust', () => {
    const parameters = { accountId: '444455556666', roleName: 'Operators' };
    assert.ok(draftTrustPolicy({ pattern: 'same-account-mfa', parameters }, { accountId: '444455556666' }).ok);
    const outside = draftTrustPolicy({ pattern: 'same-account-mfa', parameters }, { accountId: '111122223333' });
    assert.equal(outside.ok, false);
    assert.ok(!outside.ok && outside.findings.some((f) => f.code === 'cross-account-without-external-id'), JSON.stringify(!outside.ok && outside.findings.map((f) => f.code)));
    assert.ok(!outside.ok && /not returned/.test(outside.problems[0]!));
  });

  it('values never act as placeholders of another parameter (one pass)', () => {
    const parameters = draftParameters('terraform-cloud')!;
    const result = draftTrustPolicy({ pattern: 'terraform-cloud', parameters: { accountId: '444455556666', organization: 'PROJECT', project: 'WORKSPACE', workspace: 'w1' } });
    assert.ok(result.ok);
    assert.match(JSON.parse(result.policy).Statement[0].Condition.StringLike['app.terraform.io:sub'], /^organization:PROJECT:project:WORKSPACE:workspace:w1:/);
    assert.equal(parameters.length, 4);
  });
});

describe('whoCanAssume: the code-lens summary and evaluate() for a caller', () => {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'abc-123' } } },
    ],
  });

  it('summarises each statement and lists principals and condition keys', () => {
    const answer = whoCanAssume(policy);
    assert.equal(answer.statements.length, 1);
    assert.match(answer.statements[0]!.summary, /^Trusts .*111122223333/);
    assert.deepEqual(answer.principals, [{ type: 'AWS', id: 'arn:aws:iam::111122223333:root' }]);
    assert.deepEqual(answer.conditionKeys, ['sts:ExternalId']);
    assert.equal(answer.check, undefined);
  });

  it('evaluates a caller: allowed with the ExternalId, denied without it', () => {
    const allowed = whoCanAssume(policy, { caller: 'arn:aws:iam::111122223333:user/alice', context: { 'sts:ExternalId': 'abc-123' } });
    assert.equal(allowed.check?.result.decision, 'allowed');
    assert.equal(allowed.check?.request.action, 'sts:AssumeRole');
    const denied = whoCanAssume(policy, { caller: 'arn:aws:iam::111122223333:user/alice' });
    assert.equal(denied.check?.result.decision, 'implicitDeny');
    const markdown = whoCanAssumeMarkdown(denied, 'Deploy');
    assert.match(markdown, /# Who can assume Deploy/);
    assert.match(markdown, /DENIED implicitly/);
    assert.match(markdown, /Request context: none/);
  });

  it('guesses the caller\'s principal type and action', () => {
    assert.equal(callerType('123456789012'), 'AWS');
    assert.equal(callerType('arn:aws:sts::123456789012:assumed-role/R/s'), 'AWS');
    assert.equal(callerType('lambda.amazonaws.com'), 'Service');
    assert.equal(callerType('cognito-identity.amazonaws.com'), 'Federated');
    assert.equal(callerType('token.actions.githubusercontent.com'), 'Federated');
    assert.equal(callerType('arn:aws:iam::123456789012:saml-provider/Okta'), 'Federated');
    const saml = whoCanAssume(policy, { caller: 'arn:aws:iam::123456789012:saml-provider/Okta' });
    assert.equal(saml.check?.request.action, 'sts:AssumeRoleWithSAML');
  });

  it('says so for text that is no policy, and never throws', () => {
    const answer = whoCanAssume('not json {', { caller: '111122223333' });
    assert.equal(answer.statements.length, 0);
    assert.equal(answer.check?.result.decision, 'implicitDeny');
    assert.match(whoCanAssumeMarkdown(answer), /No statement could be read/);
  });
});

describe('findingsReport: findings with their rule\'s explanation', () => {
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole" }]\n}\n';

  it('gives code, severity, 1-based lines and the rule\'s description and rationale', () => {
    const reported = reportFindings(lint(text));
    const publicPrincipal = reported.find((f) => f.code === 'public-principal');
    assert.ok(publicPrincipal, JSON.stringify(reported.map((f) => f.code)));
    assert.equal(publicPrincipal.severity, 'security');
    assert.equal(publicPrincipal.line, 3);
    assert.ok(publicPrincipal.column > 1);
    assert.ok(publicPrincipal.rule?.description && publicPrincipal.rule.rationale);
    const markdown = findingsMarkdown(reported, 'policy.json');
    assert.match(markdown, /Line 3, column \d+ — \*\*security\*\* `public-principal`/);
    assert.match(markdown, /Why it matters: /);
  });

  it('says a clean policy is clean', () => {
    assert.match(findingsMarkdown([], 'x.json'), /0 findings \(no findings\)[\s\S]*The policy is clean/);
  });
});

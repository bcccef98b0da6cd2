import { oidcMissingCondition } from '../../../src/policy/lint/rules/oidcMissingCondition';
import { oidcMissingSub } from '../../../src/policy/lint/rules/oidcMissingSub';
import { oidcWildcardSub } from '../../../src/policy/lint/rules/oidcWildcardSub';
import { oidcSubjectBroad } from '../../../src/policy/lint/rules/oidcSubjectBroad';
import { oidcSubjectNeverMatches } from '../../../src/policy/lint/rules/oidcSubjectNeverMatches';
import { cognitoUnauthenticated } from '../../../src/policy/lint/rules/cognitoUnauthenticated';
import { runRules } from '../../../src/policy/lint/lint';
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { policy, ruleTests } from '../ruleTester';

const gh = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const eks = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC';
const ghe = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com/octo-enterprise';
const gl = 'arn:aws:iam::111122223333:oidc-provider/gitlab.com';
const tfc = 'arn:aws:iam::111122223333:oidc-provider/app.terraform.io';
const bk = 'arn:aws:iam::111122223333:oidc-provider/agent.buildkite.com';
const circleOrg = '0f3c9a52-7e1d-4b6a-9c0e-2d5b8a4f1e77';
const circleHost = `oidc.circleci.com/org/${circleOrg}`;
const circle = `arn:aws:iam::111122223333:oidc-provider/${circleHost}`;
const bbHost = 'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc';
const bb = `arn:aws:iam::111122223333:oidc-provider/${bbHost}`;
const web = (Federated: string, Condition?: unknown) => policy({ Effect: 'Allow', Principal: { Federated }, Action: 'sts:AssumeRoleWithWebIdentity', Condition });
const ghSub = (sub: unknown, op = 'StringLike') => web(gh, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, [op]: { 'token.actions.githubusercontent.com:sub': sub } });

ruleTests(oidcMissingCondition, {
  valid: [
    ghSub('repo:o/r:*'),
    web(gh, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }),
    policy({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML' }),
    // checkov's IAMRoleAllowAssumeFromAccount-PASSED.yml: a Fn::Sub variable made the key "clusterID".
    // No request carries it, so StringEquals is false and nobody gets in (condition-key-invalid reports the key).
    { name: 'a positive condition on text that is not a condition key', text: web(eks, { StringEquals: { clusterID: '1234' } }) },
  ],
  invalid: [
    { text: web(gh), errors: [{ token: `"${gh}"`, severity: 'security', message: /token\.actions\.githubusercontent\.com:sub and token\.actions\.githubusercontent\.com:aud/ }] },
    // An EKS cluster's issuer is the cluster owner's alone: every service account of it gets in,
    // nobody outside (warning); GitHub's is shared by everyone on GitHub (security).
    { name: 'conditions on another key only', text: web(eks, { StringEquals: { 'aws:SourceIp': '10.0.0.1' } }), errors: [{ token: `"${eks}"`, message: /yours alone/, severity: 'warning' }] },
    { name: 'GitHub, conditions on another key only', text: web(gh, { StringEquals: { 'aws:SourceIp': '10.0.0.1' } }), errors: [{ token: `"${gh}"`, severity: 'security' }] },
    // A Not operator passes when the key is absent: the bogus key shuts nobody out.
    { name: 'a negated condition on text that is not a key', text: web(eks, { StringNotEquals: { clusterID: '1234' } }), errors: [{ token: `"${eks}"`, severity: 'warning' }] },
    // IAM refuses a Cognito trust that lets any identity pool in (held-out sets 11 and 14: the
    // Cognito guide, "IAM roles"); with other conditions beside it, STS still keeps other
    // accounts' pools out (aud and amr are required for them): a warning.
    { name: 'Cognito', text: web('cognito-identity.amazonaws.com'), errors: [{ token: '"cognito-identity.amazonaws.com"', severity: 'error', message: /^IAM refuses this policy: .*cognito-identity\.amazonaws\.com:aud/ }] },
    { name: 'Cognito, a condition on another key only', text: web('cognito-identity.amazonaws.com', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), errors: [{ token: '"cognito-identity.amazonaws.com"', severity: 'warning', message: /identity pool of the role's account/ }] },
  ],
});

ruleTests(oidcMissingSub, {
  valid: [
    ghSub('repo:o/r:ref:refs/heads/main', 'StringEquals'),
    web(gh, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:repository': 'o/r' } }),
    web(eks, { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:ns:sa' } }),
    web(gh),
    // Issue 13 class 5: sub pinned with StringEquals to the literal "*" matches no token: the
    // role is unusable, not open (wildcard-without-like reports it).
    { name: 'sub StringEquals the literal "*"', text: ghSub('*', 'StringEquals') },
    // Providers whose audience is per customer are pinned by aud by design (identityProviders.ts).
    {
      name: 'CircleCI pinned by its organization ID audience',
      text: web('arn:aws:iam::111122223333:oidc-provider/oidc.circleci.com/org/0f3c9a52-7e1d-4b6a-9c0e-2d5b8a4f1e77', {
        StringEquals: { 'oidc.circleci.com/org/0f3c9a52-7e1d-4b6a-9c0e-2d5b8a4f1e77:aud': '0f3c9a52-7e1d-4b6a-9c0e-2d5b8a4f1e77' },
      }),
    },
    { name: 'a positive condition on text that is not a condition key', text: web(eks, { StringEquals: { clusterID: '1234' } }) },
    {
      // The sub key names another issuer (a customized GitHub issuer) than the trusted one: no
      // token carries it, so nobody gets in; condition-key-invalid reports the key.
      name: 'sub tested on a key of an issuer the statement does not trust',
      text: web(gh, { StringEquals: { 'token.actions.githubusercontent.com/octo-enterprise:sub': 'repo:o/r:ref:refs/heads/main', 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }),
    },
    {
      name: 'a generic OIDC issuer pinned by its client ID audience',
      text: web('arn:aws:iam::111122223333:oidc-provider/login.example.org', { StringEquals: { 'login.example.org:aud': 'my-registered-client' } }),
    },
  ],
  invalid: [
    { name: 'aud only', text: web(gh, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }), errors: [{ token: `"${gh}"`, message: /token\.actions\.githubusercontent\.com:sub/ }] },
    // The standard IRSA mistake: every service account of the cluster, and only of the cluster (its issuer is the owner's).
    {
      name: 'EKS, aud only: a warning, the cluster is yours',
      text: web(eks, { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com' } }),
      errors: [{ token: `"${eks}"`, message: /every identity of this .* issuer, which is yours alone/, severity: 'warning' }],
    },
    {
      name: 'GitLab: the job chooses aud, so aud pins nobody',
      text: web('arn:aws:iam::111122223333:oidc-provider/gitlab.com', { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' } }),
      errors: [{ token: '"arn:aws:iam::111122223333:oidc-provider/gitlab.com"', message: /gitlab\.com:sub/ }],
    },
    {
      name: 'sub "*" with StringLike is open',
      text: ghSub('*', 'StringLike'),
      errors: [{ token: `"${gh}"` }],
    },
    { name: 'sub only through a negated operator', text: ghSub('repo:evil/*', 'StringNotLike'), errors: [{ token: `"${gh}"` }] },
    { name: 'sub only IfExists', text: ghSub('repo:o/r:*', 'StringLikeIfExists'), errors: [{ token: `"${gh}"` }] },
  ],
});

ruleTests(oidcWildcardSub, {
  valid: [ghSub('repo:o/r:*'), ghSub('repo:octo-org/*'), web(eks, { StringLike: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:ns:*' } })],
  invalid: [
    { text: ghSub('repo:*'), errors: [{ token: '"repo:*"', message: /any owner/ }] },
    { text: ghSub(['repo:o/r:*', 'repo:octo*']), errors: [{ token: '"repo:octo*"' }] },
    { text: ghSub('*'), errors: [{ token: '"*"' }] },
    { name: 'HCP Terraform: no organization admits every customer', text: web(tfc, { StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' }, StringLike: { 'app.terraform.io:sub': 'organization:*:project:p:workspace:w:run_phase:apply' } }), errors: [{ token: '"organization:*:project:p:workspace:w:run_phase:apply"', message: /every customer/ }] },
    { name: 'HCP Terraform: a pattern that starts with a wildcard', text: web(tfc, { StringLike: { 'app.terraform.io:sub': '*:workspace:prod:run_phase:apply' } }), errors: [{ token: '"*:workspace:prod:run_phase:apply"' }] },
    { name: 'Buildkite: no organization', text: web(bk, { StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com' }, StringLike: { 'agent.buildkite.com:sub': 'organization:*:pipeline:deploy:*' } }), errors: [{ token: '"organization:*:pipeline:deploy:*"' }] },
    { name: 'GitLab.com: any group', text: web(gl, { StringLike: { 'gitlab.com:sub': 'project_path:*/infra:ref_type:branch:ref:main' } }), errors: [{ token: '"project_path:*/infra:ref_type:branch:ref:main"' }] },
  ],
});

// On an issuer of your own the same shape reaches no one outside your organisation: a warning
// that says so (severity is a promise, docs/rules.md).
it('oidc-wildcard-sub: an issuer of your own is a warning, a shared one security', () => {
  const cases: Array<[string, string, string]> = [
    [web(eks, { StringLike: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:*' } }), 'warning', 'your cluster'],
    [web(ghe, { StringLike: { 'token.actions.githubusercontent.com/octo-enterprise:sub': 'repo:*' } }), 'warning', 'your own organisation'],
    [web('arn:aws:iam::111122223333:oidc-provider/login.example.org', { StringLike: { 'login.example.org:sub': '*' } }), 'warning', 'Whether anyone outside your organisation can get a token from login.example.org'],
    [web('arn:aws:iam::111122223333:oidc-provider/gitlab.example.org', { StringLike: { 'gitlab.example.org:sub': 'project_path:*' } }), 'warning', 'your own organisation'],
    [ghSub('repo:*'), 'security', 'any owner'],
  ];
  for (const [text, severity, message] of cases) {
    const found = runRules(text, [oidcWildcardSub]);
    assert.equal(found.length, 1, text);
    assert.equal(found[0]!.severity, severity, text);
    assert.ok(found[0]!.message.includes(message), found[0]!.message);
  }
});

// Issue 14: GitHub's ref, environment and workflow claims are the same in everyone's
// repositories ("refs/heads/main", "production"), so alone they pin nobody.
ruleTests(oidcMissingSub, {
  valid: [web(gh, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:repository_id': '123456789' } })],
  invalid: [
    { name: 'GitHub: ref alone', text: web(gh, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:ref': 'refs/heads/main' } }), errors: [{ token: `"${gh}"` }] },
    { name: 'GitHub: environment alone', text: web(gh, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:environment': 'production' } }), errors: [{ token: `"${gh}"` }] },
    { name: 'Buildkite: pipeline_slug alone', text: web(bk, { StringEquals: { 'agent.buildkite.com:aud': 'sts.amazonaws.com', 'agent.buildkite.com:pipeline_slug': 'deploy' } }), errors: [{ token: `"${bk}"` }] },
    // Held-out set 14 (Amplify's default root stack): amr without aud admits the pools of the
    // role's own account only, as STS refuses other accounts' pools without aud: a warning.
    { name: 'Cognito: amr without aud', text: web('cognito-identity.amazonaws.com', { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }), errors: [{ token: '"cognito-identity.amazonaws.com"', severity: 'warning', message: /cognito-identity\.amazonaws\.com:aud/ }] },
  ],
});

ruleTests(oidcSubjectBroad, {
  valid: [
    ghSub('repo:o/r:ref:refs/heads/main'),
    ghSub('repo:o/r:environment:prod'),
    web(tfc, { StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' }, StringLike: { 'app.terraform.io:sub': 'organization:acme:project:p:workspace:w:run_phase:apply' } }),
    web(circle, { StringEquals: { [`${circleHost}:aud`]: circleOrg }, StringLike: { [`${circleHost}:sub`]: `org/${circleOrg}/project/1b2c/user/*` } }),
    web(circle, { StringEquals: { [`${circleHost}:aud`]: circleOrg, [`${circleHost}:oidc.circleci.com/project-id`]: '1b2c' } }),
    web(bb, { StringEquals: { [`${bbHost}:aud`]: 'ari:cloud:bitbucket::workspace/ws-uuid' }, StringLike: { [`${bbHost}:sub`]: '{repo-uuid}:*' } }),
    { name: 'the literal * under StringEquals is wildcard-without-like\'s finding', text: ghSub('repo:o/*', 'StringEquals') },
  ],
  invalid: [
    { name: 'GitHub: every repository of the org', text: ghSub('repo:o/*'), errors: [{ token: '"repo:o/*"', message: /every repository of o .*decides this/ }] },
    { name: 'GitHub: every branch and pull request', text: ghSub('repo:o/r:*'), errors: [{ token: '"repo:o/r:*"', message: /pull_request/ }] },
    { name: 'GitHub: immutable-ID subject, every ref', text: ghSub('repo:o@1/r@2:*'), errors: [{ token: '"repo:o@1/r@2:*"' }] },
    { name: 'GitLab: every project of the group', text: web(gl, { StringLike: { 'gitlab.com:sub': 'project_path:grp/*:ref_type:branch:ref:main' } }), errors: [{ token: '"project_path:grp/*:ref_type:branch:ref:main"' }] },
    { name: 'HCP Terraform: run_phase:*', text: web(tfc, { StringLike: { 'app.terraform.io:sub': 'organization:acme:project:p:workspace:w:run_phase:*' } }), errors: [{ token: '"organization:acme:project:p:workspace:w:run_phase:*"', message: /plan runs/ }] },
    { name: 'HCP Terraform: every workspace', text: web(tfc, { StringLike: { 'app.terraform.io:sub': 'organization:acme:*' } }), errors: [{ token: '"organization:acme:*"' }] },
    { name: 'Buildkite: every pipeline', text: web(bk, { StringLike: { 'agent.buildkite.com:sub': 'organization:acme:*' } }), errors: [{ token: '"organization:acme:*"' }] },
    { name: 'CircleCI: aud (the organization ID) alone', text: web(circle, { StringEquals: { [`${circleHost}:aud`]: circleOrg } }), errors: [{ token: `"${circleHost}:aud"`, message: /every project of the organization/ }] },
    { name: 'Bitbucket: aud (the workspace) alone', text: web(bb, { StringEquals: { [`${bbHost}:aud`]: 'ari:cloud:bitbucket::workspace/ws-uuid' } }), errors: [{ token: `"${bbHost}:aud"`, message: /every repository of the workspace/ }] },
  ],
});

ruleTests(oidcSubjectNeverMatches, {
  valid: [
    web(gl, { StringEquals: { 'gitlab.com:sub': 'project_path:g/p:ref_type:branch:ref:main' } }),
    web(gl, { StringEquals: { 'gitlab.com:sub': 'project_path:g/p:ref_type:tag:ref:v1' } }),
    web(gl, { StringLike: { 'gitlab.com:sub': 'project_path:g/p:ref_type:*:ref:main' } }),
    web(tfc, { StringLike: { 'app.terraform.io:sub': 'organization:a:project:p:workspace:w:run_phase:plan' } }),
    ghSub('repo:o/r:ref:refs/heads/main'),
  ],
  invalid: [
    { name: 'GitLab: ref_type merge_request', text: web(gl, { StringEquals: { 'gitlab.com:sub': 'project_path:g/p:ref_type:merge_request:ref:main' } }), errors: [{ token: '"project_path:g/p:ref_type:merge_request:ref:main"', message: /only ever "branch" or "tag"/ }] },
    { name: 'GitLab: a GitHub-style subject', text: web(gl, { StringLike: { 'gitlab.com:sub': 'repo:g/p:*' } }), errors: [{ token: '"repo:g/p:*"', message: /project_path:/ }] },
    { name: 'self-managed GitLab, recognised by its subject', text: web('arn:aws:iam::111122223333:oidc-provider/gitlab.example.org', { StringEquals: { 'gitlab.example.org:sub': 'project_path:g/p:ref_type:branches:ref:main' } }), errors: [{ token: '"project_path:g/p:ref_type:branches:ref:main"' }] },
    { name: 'HCP Terraform: run_phase deploy', text: web(tfc, { StringLike: { 'app.terraform.io:sub': 'organization:a:project:p:workspace:w:run_phase:deploy' } }), errors: [{ token: '"organization:a:project:p:workspace:w:run_phase:deploy"', message: /"plan" or "apply"/ }] },
  ],
});

it('oidc-subject-never-matches: one dead value beside a live one is a warning', () => {
  const found = runRules(web(gl, { StringEquals: { 'gitlab.com:sub': ['project_path:g/p:ref_type:branch:ref:main', 'project_path:g/p:ref_type:mr:ref:main'] } }), [oidcSubjectNeverMatches]);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.severity, 'warning');
  assert.match(found[0]!.message, /other value of this condition still works/);
});

ruleTests(cognitoUnauthenticated, {
  valid: [
    web('cognito-identity.amazonaws.com', { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:0000' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }),
    web('cognito-identity.amazonaws.com', { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:0000' }, 'ForAnyValue:StringNotLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' } }),
  ],
  invalid: [
    {
      text: web('cognito-identity.amazonaws.com', { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:0000' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': ['authenticated', 'unauthenticated'] } }),
      errors: [{ token: '"unauthenticated"', message: /unauthenticated role/ }],
    },
  ],
});

// Held-out set 12 (the AWS provider's "Assume-Role Policy with Multiple Principals" example):
// Cognito and OIDC principals beside "Action": "sts:AssumeRole" only. No token can come in
// through AssumeRole, so nobody gets in as written: action-principal-mismatch reports it (an
// error), and the OIDC rules, which judge who a token lets in, have nothing to say.
it('the OIDC rules stay quiet where the actions do not allow sts:AssumeRoleWithWebIdentity', () => {
  const rules = [oidcMissingCondition, oidcMissingSub, oidcWildcardSub, oidcSubjectBroad, oidcSubjectNeverMatches, cognitoUnauthenticated];
  const withAction = (Federated: string, Action: unknown, Condition?: unknown, key: 'Action' | 'NotAction' = 'Action') =>
    policy({ Effect: 'Allow', Principal: { Federated }, [key]: Action, Condition });
  const quiet = [
    withAction('cognito-identity.amazonaws.com', 'sts:AssumeRole'),
    withAction(gh, 'sts:AssumeRole'),
    withAction(gh, ['sts:AssumeRole', 'sts:TagSession'], { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } }),
    withAction(gh, 'sts:AssumeRoleWithWebIdentity', undefined, 'NotAction'),
  ];
  for (const text of quiet) assert.deepEqual(runRules(text, rules).map((f) => f.code), [], text);
  // Actions that do allow it, or cannot be told, keep the findings.
  const heard = [
    withAction(gh, 'sts:AssumeRole*'),
    withAction(gh, 'sts:*'),
    withAction(gh, '*'),
    withAction(gh, 'sts:assumerolewithwebidentity'),
    withAction(gh, 'sts:AssumeRole', undefined, 'NotAction'),
    policy({ Effect: 'Allow', Principal: { Federated: gh } }),
  ];
  for (const text of heard) assert.ok(runRules(text, rules).some((f) => f.code === 'oidc-missing-condition'), text);
});

// Held-out set 13: a GitHub role template with `<ACCOUNT_ID>` in the provider ARN and the
// subject "repo:*/NAME:*". IAM refuses it as written (federated-invalid); the OIDC rules say
// what it lets in once filled in, at most as a warning.
it('a provider ARN with a placeholder account: the OIDC rules judge it, as warnings', () => {
  const placeholder = 'arn:aws:iam::<ACCOUNT_ID>:oidc-provider/token.actions.githubusercontent.com';
  const rules = [oidcMissingCondition, oidcMissingSub, oidcWildcardSub];
  const found = (text: string) => runRules(text, rules).map((f) => `${f.code} ${f.severity}`);
  const wildcard = (Federated: string) => web(Federated, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*/GitHubActionsOIDC:*' } });
  assert.deepEqual(found(wildcard(placeholder)), ['oidc-wildcard-sub warning']);
  assert.match(runRules(wildcard(placeholder), rules)[0]!.message, /Judged as if the account in the provider ARN were filled in/);
  assert.deepEqual(found(wildcard(gh)), ['oidc-wildcard-sub security']);
  assert.deepEqual(found(web(placeholder)), ['oidc-missing-condition warning']);
  assert.deepEqual(found(web('arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com', { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } })), ['oidc-missing-sub warning']);
  // A host that is itself a placeholder is no provider at all.
  assert.deepEqual(found(web('arn:aws:iam::<ACCOUNT_ID>:oidc-provider/<HOST>')), []);
});

// Facts about OIDC issuers that decide what pins the caller of a role (issue 13, class 6).
//
// A condition pins the caller when its claim can only carry a value the role's owner controls.
// On a shared issuer (GitHub, GitLab, Terraform Cloud, Buildkite …) every customer's jobs get
// tokens from the same issuer and the job itself chooses the audience, so `aud` pins nobody:
// only the subject claims do. An issuer whose audience is the customer's own registered client
// or organisation ID (CircleCI, Bitbucket, and a generic OIDC provider whose client ID you
// registered) is pinned by `aud` by design.

import { memoize } from '../base/memoize';

/**
 * What a subject pattern admits, judged against the provider's documented subject format:
 * - any-owner: identities of any organisation/owner (a wildcard before the owner part);
 * - every-repository: every repository/project/pipeline/workspace of one owner;
 * - every-ref: every branch, tag, pull request (or, for HCP Terraform, both run phases) of one repository;
 * - never-matches: a literal part the provider never puts in the subject, so no token matches.
 */
export type SubjectPatternKind = 'any-owner' | 'every-repository' | 'every-ref' | 'never-matches';

export interface SubjectPatternFinding {
  kind: SubjectPatternKind;
  /** Why, in words, for the message. */
  why: string;
}

export interface IdentityProviderFacts {
  /** Short name, for messages. */
  name: string;
  /** The provider host (condition-key prefix) this entry is for. */
  host: RegExp;
  /** The issuer URL(s) as the provider documents them (the IAM provider is this without https://). */
  issuers: readonly string[];
  /** What `aud` carries, in words, for messages and docs. */
  audience: string;
  /** The audience the provider's AWS instructions use, when there is one value to propose. */
  expectedAudience?: string;
  /** Whether a StringEquals/StringLike on `aud` alone pins the caller to the role owner. */
  audiencePinsCaller: boolean;
  /**
   * Whether every customer of the provider gets tokens from this same issuer: then a pattern
   * open on the owner admits someone outside your organisation. A per-organisation issuer
   * (CircleCI, Bitbucket, a GitHub enterprise issuer, an EKS cluster) admits only its own.
   */
  sharedIssuer: boolean;
  /** Claims that pin the caller (besides `aud` when audiencePinsCaller), first the one to suggest. */
  subjectClaims: readonly string[];
  /**
   * For a provider that passes claims as session tags (the token's `https://aws.amazon.com/tags`
   * claim, which the provider fills in and the caller cannot add to in AssumeRoleWithWebIdentity):
   * the tag keys whose `aws:RequestTag/KEY` pins the caller as its claim would.
   */
  sessionTagClaims?: readonly string[];
  /** What the provider's claims carry, for hovers (claim → words). */
  claimMeanings?: Readonly<Record<string, string>>;
  /** The dangerous patterns, in words, for hovers and docs. */
  pitfalls: readonly string[];
  /** The documented subject format, placeholders in capitals (completion proposes it). */
  subjectFormat?: string;
  /** What a subject pattern (as written in StringLike / StringEquals) admits, when it is one of the dangerous shapes. */
  classifySubject?: (value: string) => SubjectPatternFinding | undefined;
  /** Where the facts come from. */
  source: string;
}

/** Whether a pattern contains a wildcard. */
const wild = (s: string) => /[*?]/.test(s);

/** A value that begins with a wildcard admits any owner, whatever the format. */
const startsOpen = (value: string) => /^[*?]/.test(value);

/**
 * GitHub: repo:OWNER/REPO:ref:refs/heads/BRANCH | :pull_request | :environment:NAME | :ref:refs/tags/TAG
 * (owner and repository may carry @ID when immutable subject claims are on).
 */
function classifyGitHubSubject(value: string): SubjectPatternFinding | undefined {
  if (startsOpen(value) || /^repo:[^/]*[*?]/.test(value)) return { kind: 'any-owner', why: 'the wildcard stands before the owner, so repositories of any owner match' };
  const m = /^repo:([^/]+)\/([^:]*)(?::(.*))?$/.exec(value);
  if (!m) return undefined;
  if (wild(m[2]!)) return { kind: 'every-repository', why: `every repository of ${m[1]} matches, including ones created later by anyone who may create repositories there` };
  if (m[3] !== undefined && /^[*?]/.test(m[3])) return { kind: 'every-ref', why: 'every branch, tag, environment and pull_request workflow of the repository matches' };
  return undefined;
}

/** GitLab: project_path:GROUP/PROJECT:ref_type:branch|tag:ref:NAME (the first component is always project_path). */
function classifyGitLabSubject(value: string): SubjectPatternFinding | undefined {
  if (startsOpen(value) || /^project_path:[^/]*[*?]/.test(value)) return { kind: 'any-owner', why: 'the wildcard stands before the group, so projects of any group match' };
  const lead = /^[^*?]*/.exec(value)![0];
  if (!'project_path:'.startsWith(lead.slice(0, 13)) || (lead.length >= 13 && !lead.startsWith('project_path:'))) {
    return { kind: 'never-matches', why: 'a GitLab subject always begins with "project_path:"' };
  }
  const refType = /:ref_type:([^:]*)(:|$)/.exec(value);
  if (refType && !wild(refType[1]!) && refType[1] !== 'branch' && refType[1] !== 'tag') {
    return { kind: 'never-matches', why: `ref_type is only ever "branch" or "tag", never "${refType[1]}"` };
  }
  const m = /^project_path:([^:]*)(?::(.*))?$/.exec(value);
  if (!m) return undefined;
  const path = m[1]!;
  if (wild(path)) return { kind: 'every-repository', why: `every project under ${path.replace(/\/[^/]*[*?].*$/, '')} matches` };
  if (m[2] !== undefined && /^[*?]/.test(m[2])) return { kind: 'every-ref', why: 'every branch and tag of the project matches' };
  return undefined;
}

/** The owner-first subjects of HCP Terraform and Buildkite: organization:ORG:<kind>:NAME:…. */
function classifyOrganizationSubject(unit: 'project' | 'pipeline', refPart: RegExp, refWhy: string, phases?: readonly string[]) {
  return (value: string): SubjectPatternFinding | undefined => {
    if (startsOpen(value) || /^organization:[^:]*[*?]/.test(value)) return { kind: 'any-owner', why: 'the wildcard stands before the organization, so every customer of the service matches' };
    if (!/^organization:/.test(value)) return undefined;
    if (phases) {
      const phase = /:run_phase:([^:]*)$/.exec(value);
      if (phase && !wild(phase[1]!) && !phases.includes(phase[1]!)) return { kind: 'never-matches', why: `run_phase is only ever ${phases.map((p) => `"${p}"`).join(' or ')}, never "${phase[1]}"` };
    }
    const rest = value.replace(/^organization:[^:]*:?/, '');
    if (rest === '' || /^[*?]/.test(rest)) return { kind: 'every-repository', why: `every ${unit === 'project' ? 'project and workspace' : 'pipeline'} of the organization matches` };
    const unitValue = new RegExp(`^${unit}:([^:]*)`).exec(rest);
    if (unitValue && wild(unitValue[1]!)) return { kind: 'every-repository', why: `every ${unit} of the organization whose name fits matches` };
    if (unit === 'project') {
      const ws = /:workspace:([^:]*)/.exec(rest);
      if (ws && wild(ws[1]!)) return { kind: 'every-repository', why: 'every workspace of the project whose name fits matches' };
    }
    if (refPart.test(value)) return { kind: 'every-ref', why: refWhy };
    return undefined;
  };
}

/** CircleCI: org/ORG_ID/project/PROJECT_ID/user/USER_ID (the issuer is per organization). */
function classifyCircleCiSubject(value: string): SubjectPatternFinding | undefined {
  if (startsOpen(value) || /^org\/[^/]*[*?]/.test(value)) return { kind: 'every-repository', why: 'every project of the organization matches' };
  if (/^org\/[^/]+\/(?:[*?]|project\/[^/]*[*?])/.test(value)) return { kind: 'every-repository', why: 'every project of the organization matches' };
  return undefined;
}

/** Bitbucket: {REPOSITORY_UUID}:{STEP_UUID} or {REPOSITORY_UUID}:{ENVIRONMENT_UUID}:{STEP_UUID} (the issuer is per workspace). */
function classifyBitbucketSubject(value: string): SubjectPatternFinding | undefined {
  if (/^\{?[*?]/.test(value)) return { kind: 'every-repository', why: 'every repository of the workspace matches' };
  return undefined;
}

/** EKS: system:serviceaccount:NAMESPACE:NAME (the issuer is per cluster). */
function classifyEksSubject(value: string): SubjectPatternFinding | undefined {
  if (startsOpen(value) || /^system:serviceaccount:[^:]*[*?]/.test(value)) return { kind: 'any-owner', why: 'service accounts of any namespace of the cluster match' };
  if (/^system:serviceaccount:[^:]+:[*?]/.test(value)) return { kind: 'every-repository', why: 'every service account of the namespace matches' };
  return undefined;
}

/**
 * GitHub's claims that pin the caller: the subject, the repository (by name or immutable ID)
 * and the reusable workflow path (which begins with OWNER/REPO). Not `ref`, `environment` or
 * `workflow`: "refs/heads/main", "production" and a workflow name are the same in everyone's
 * repositories, so alone they pin nobody.
 */
const GITHUB_SUBJECT_CLAIMS = ['sub', 'repository', 'repository_id', 'repository_owner_id', 'job_workflow_ref'];

const GITHUB_CLAIMS = {
  sub: 'repo:OWNER/REPO:ref:refs/heads/BRANCH, …:environment:NAME, …:pull_request or …:ref:refs/tags/TAG',
  repository: 'OWNER/REPO',
  repository_id: 'the repository\'s immutable numeric ID',
  repository_owner_id: 'the owner\'s immutable numeric ID',
  job_workflow_ref: 'OWNER/REPO/.github/workflows/FILE@REF of a reusable workflow',
  ref: 'the Git ref, e.g. refs/heads/main (the same in everyone\'s repositories)',
  environment: 'the environment name (the same in everyone\'s repositories)',
};

const GITHUB_PITFALLS = [
  '`aud` is "sts.amazonaws.com" for every workflow on GitHub, so it pins nobody',
  '`repo:OWNER/*` admits every repository of the owner, including ones created later',
  '`repo:OWNER/REPO:*` admits every branch, tag, environment and pull_request workflow',
  '`ref`, `environment` or `workflow` alone pin nobody; names can be renamed and taken over, `repository_id` / `repository_owner_id` cannot',
];

/** Azure DevOps: sc://ORG/PROJECT/SERVICE_CONNECTION (service connection tokens) or p://ORG/PROJECT/PIPELINE (pipeline tokens). */
function classifyAzureDevOpsSubject(value: string): SubjectPatternFinding | undefined {
  if (startsOpen(value) || /^[a-z]*[*?]/i.test(value)) return { kind: 'every-repository', why: 'every service connection and pipeline of the organization matches' };
  const m = /^(sc|p):\/\/([^/]*)(?:\/([^/]*)(?:\/(.*))?)?$/.exec(value);
  if (!m) return undefined;
  const what = m[1] === 'sc' ? 'service connection' : 'pipeline';
  if (wild(m[2]!) || m[3] === undefined || wild(m[3])) return { kind: 'every-repository', why: `every ${what} of every project of the organization matches` };
  if (m[4] === undefined || /^[*?]/.test(m[4])) return { kind: 'every-repository', why: `every ${what} of project ${m[3]} matches` };
  return undefined;
}

export const IDENTITY_PROVIDERS: readonly IdentityProviderFacts[] = [
  {
    name: 'GitHub Actions',
    host: /^token\.actions\.githubusercontent\.com$/i,
    issuers: ['https://token.actions.githubusercontent.com'],
    audience: '"sts.amazonaws.com" for every workflow on GitHub (aws-actions/configure-aws-credentials sets it)',
    expectedAudience: 'sts.amazonaws.com',
    audiencePinsCaller: false,
    sharedIssuer: true,
    subjectClaims: GITHUB_SUBJECT_CLAIMS,
    subjectFormat: 'repo:OWNER/REPO:ref:refs/heads/BRANCH',
    classifySubject: classifyGitHubSubject,
    claimMeanings: GITHUB_CLAIMS,
    pitfalls: GITHUB_PITFALLS,
    // Claims: https://docs.github.com/en/actions/reference/security/oidc ; AWS: the IAM User Guide page below.
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub',
  },
  {
    // A unique issuer per enterprise (token.actions.githubusercontent.com/<enterprise>) or
    // GHE.com (token.actions.<subdomain>.ghe.com): only that enterprise's workflows get its tokens.
    name: 'GitHub Actions (enterprise issuer)',
    host: /^token\.actions\.(githubusercontent\.com\/[^/]+|[^./]+\.ghe\.com)$/i,
    issuers: ['https://token.actions.githubusercontent.com/ENTERPRISE', 'https://token.actions.SUBDOMAIN.ghe.com'],
    audience: '"sts.amazonaws.com" for every workflow of the enterprise',
    expectedAudience: 'sts.amazonaws.com',
    audiencePinsCaller: false,
    sharedIssuer: false,
    subjectClaims: GITHUB_SUBJECT_CLAIMS,
    subjectFormat: 'repo:OWNER/REPO:ref:refs/heads/BRANCH',
    classifySubject: classifyGitHubSubject,
    claimMeanings: GITHUB_CLAIMS,
    pitfalls: GITHUB_PITFALLS,
    source: 'https://docs.github.com/en/enterprise-cloud@latest/actions/reference/security/oidc',
  },
  {
    name: 'Amazon EKS',
    host: /^oidc\.eks\.[^./]+\.amazonaws\.com(\.cn)?\/id\//i,
    issuers: ['https://oidc.eks.REGION.amazonaws.com/id/CLUSTER_ID'],
    audience: '"sts.amazonaws.com" for every service account of the cluster',
    expectedAudience: 'sts.amazonaws.com',
    audiencePinsCaller: false,
    sharedIssuer: false,
    subjectClaims: ['sub'],
    subjectFormat: 'system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT',
    classifySubject: classifyEksSubject,
    claimMeanings: { sub: 'the Kubernetes service account, system:serviceaccount:NAMESPACE:NAME' },
    pitfalls: ['`system:serviceaccount:*` admits every pod of the cluster that has a service account', '`system:serviceaccount:NAMESPACE:*` every service account of the namespace', '`aud` alone (sts.amazonaws.com) admits every service account of the cluster'],
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html',
  },
  {
    // Self-managed GitLab has its own host; it is recognised by its claims (project_path …)
    // through GITLAB_CLAIMS below, not by the host.
    name: 'GitLab CI/CD',
    host: /^gitlab\.com$/i,
    issuers: ['https://gitlab.com', 'https://GITLAB_HOST (self-managed)'],
    audience: 'whatever the job sets in id_tokens:aud (any GitLab project can choose it)',
    expectedAudience: 'https://gitlab.com',
    audiencePinsCaller: false,
    sharedIssuer: true,
    subjectClaims: ['sub', 'project_path', 'project_id', 'namespace_id'],
    subjectFormat: 'project_path:GROUP/PROJECT:ref_type:branch:ref:BRANCH',
    classifySubject: classifyGitLabSubject,
    claimMeanings: { sub: 'project_path:GROUP/PROJECT:ref_type:branch|tag:ref:NAME', project_path: 'GROUP/PROJECT', project_id: 'the project\'s numeric ID', namespace_id: 'the group\'s numeric ID' },
    pitfalls: ['`aud` is whatever the job sets in id_tokens, so it pins nobody', '`project_path:*` (gitlab.com) admits projects of any group', '`project_path:GROUP/*` every project of the group', '`ref_type` is only "branch" or "tag": any other value never matches'],
    // ref_type "branch" or "tag": https://docs.gitlab.com/ci/secrets/id_token_authentication/#token-payload
    source: 'https://docs.gitlab.com/ci/cloud_services/aws/',
  },
  {
    name: 'HCP Terraform',
    host: /^app\.terraform\.io$/i,
    issuers: ['https://app.terraform.io'],
    audience: 'TFC_WORKLOAD_IDENTITY_AUDIENCE of the workspace ("aws.workload.identity" by default), chosen by any workspace',
    expectedAudience: 'aws.workload.identity',
    audiencePinsCaller: false,
    sharedIssuer: true,
    subjectClaims: ['sub'],
    subjectFormat: 'organization:ORGANIZATION:project:PROJECT:workspace:WORKSPACE:run_phase:apply',
    classifySubject: classifyOrganizationSubject(
      'project',
      /:run_phase:[*?]$/,
      'both run phases match: plan runs (which speculative plans of pull requests also start) get the same credentials as apply runs',
      ['plan', 'apply'],
    ),
    claimMeanings: { sub: 'organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:plan|apply' },
    pitfalls: ['a subject without the organization (`organization:*`) admits every HCP Terraform customer', '`run_phase:*` gives plan runs (speculative plans of pull requests too) the apply role', '`aud` is chosen by each workspace, so it pins nobody'],
    // Subject format and run phases: https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
    source: 'https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration',
  },
  {
    name: 'Buildkite',
    host: /^agent\.buildkite\.com$/i,
    issuers: ['https://agent.buildkite.com'],
    audience: 'whatever the job requests ("sts.amazonaws.com" with the AWS plugin)',
    expectedAudience: 'sts.amazonaws.com',
    audiencePinsCaller: false,
    sharedIssuer: true,
    // organization_id / pipeline_id are UUIDs; organization_slug is unique per customer. pipeline_slug alone is not.
    subjectClaims: ['sub', 'organization_id', 'organization_slug', 'pipeline_id'],
    subjectFormat: 'organization:ORGANIZATION_SLUG:pipeline:PIPELINE_SLUG:ref:REF:commit:BUILD_COMMIT:step:STEP_KEY',
    classifySubject: classifyOrganizationSubject('pipeline', /^organization:[^:]+:pipeline:[^:*?]+:[*?]$/, 'every branch, commit and step of the pipeline matches'),
    // Buildkite's AWS page pins the caller with session tags instead of sub: the plugin's
    // session-tags option copies claims into the token's https://aws.amazon.com/tags claim and the
    // trust policy tests "aws:RequestTag/organization_slug", "…/organization_id" (and
    // pipeline_slug, build_branch, which alone pin nobody) under StringEquals, with sts:TagSession.
    sessionTagClaims: ['organization_id', 'organization_slug', 'pipeline_id'],
    claimMeanings: {
      sub: 'organization:ORG_SLUG:pipeline:PIPELINE_SLUG:ref:REF:commit:SHA:step:STEP_KEY',
      organization_slug: 'the organization\'s slug, unique among Buildkite customers',
      organization_id: 'the organization\'s UUID (never reused)',
      pipeline_id: 'the pipeline\'s UUID (never reused)',
      pipeline_slug: 'the pipeline\'s slug, unique only within its organization',
    },
    pitfalls: ['a subject without the organization (`organization:*`) admits every Buildkite customer', '`pipeline_slug` or `build_branch` alone (claim or session tag) pins nobody: every customer can name a pipeline "deploy"', '`aud` is whatever the job requests'],
    // Session tags: https://buildkite.com/docs/pipelines/security/oidc/aws (Step 2) and the plugin's
    // session-tags option, https://github.com/buildkite-plugins/aws-assume-role-with-web-identity-buildkite-plugin
    source: 'https://buildkite.com/docs/pipelines/security/oidc/aws',
  },
  {
    // One issuer per organization (https://vstoken.dev.azure.com/ORGANIZATION_ID), so only the
    // organization's pipelines get its tokens; aud is the fixed "api://AzureADTokenExchange" for
    // all of them, so it pins nobody within the organization: the subject does.
    // Issuer and subject of a workload identity service connection: Microsoft Learn, "Manually set
    // an Azure Resource Manager workload identity service connection"
    // (https://learn.microsoft.com/azure/devops/pipelines/release/configure-workload-identity?view=azure-devops)
    // and "Convert service connections to use the Microsoft Entra issuer" ("The Azure DevOps issuer
    // uses the https://vstoken.dev.azure.com prefix": https://learn.microsoft.com/en-us/azure/devops/pipelines/release/convert-service-connections?view=azure-devops);
    // azure-pipelines-tasks' workload identity guide: "the issuer is unique for every Azure DevOps
    // organization", subject "sc://<organization name>/<project name>/<service connection name>".
    // aud "api://AzureADTokenExchange": the audience Entra expects of federated tokens
    // (https://learn.microsoft.com/en-us/powershell/module/az.resources/new-azadappfederatedcredential).
    name: 'Azure DevOps',
    host: /^vstoken\.dev\.azure\.com\/[^/]+$/i,
    issuers: ['https://vstoken.dev.azure.com/ORGANIZATION_ID'],
    audience: '"api://AzureADTokenExchange" for every service connection and pipeline of the organization',
    expectedAudience: 'api://AzureADTokenExchange',
    audiencePinsCaller: false,
    sharedIssuer: false,
    subjectClaims: ['sub'],
    subjectFormat: 'sc://ORGANIZATION/PROJECT/SERVICE_CONNECTION',
    classifySubject: classifyAzureDevOpsSubject,
    claimMeanings: {
      sub: 'sc://ORGANIZATION/PROJECT/SERVICE_CONNECTION for a service connection\'s token, p://ORGANIZATION/PROJECT/PIPELINE for a pipeline\'s',
      aud: 'always "api://AzureADTokenExchange"',
    },
    pitfalls: ['`aud` alone admits every service connection and pipeline of the organization', '`sc://ORG/PROJECT/*` every service connection of the project', 'a subject that starts with a wildcard admits pipeline (p://) tokens as well as service connections'],
    source: 'https://learn.microsoft.com/azure/devops/pipelines/release/configure-workload-identity?view=azure-devops',
  },
  {
    name: 'CircleCI',
    host: /^oidc\.circleci\.com\/org\/[^/]+$/i,
    issuers: ['https://oidc.circleci.com/org/ORGANIZATION_ID'],
    audience: 'your CircleCI organization ID (the issuer URL is per organization too)',
    audiencePinsCaller: true,
    sharedIssuer: false,
    subjectClaims: ['sub', 'oidc.circleci.com/project-id'],
    subjectFormat: 'org/ORGANIZATION_ID/project/PROJECT_ID/user/*',
    classifySubject: classifyCircleCiSubject,
    claimMeanings: { aud: 'your organization ID', sub: 'org/ORG_ID/project/PROJECT_ID/user/USER_ID', 'oidc.circleci.com/project-id': 'the project ID' },
    pitfalls: ['`aud` (the organization ID) alone admits every project of the organization', '`org/ORG_ID/*` likewise'],
    source: 'https://circleci.com/docs/openid-connect-tokens/',
  },
  {
    name: 'Bitbucket Pipelines',
    host: /^api\.bitbucket\.org\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/i,
    issuers: ['https://api.bitbucket.org/2.0/workspaces/WORKSPACE/pipelines-config/identity/oidc'],
    audience: 'your workspace (ari:cloud:bitbucket::workspace/<uuid>; the issuer URL is per workspace too)',
    audiencePinsCaller: true,
    sharedIssuer: false,
    subjectClaims: ['sub'],
    subjectFormat: '{REPOSITORY_UUID}:*',
    classifySubject: classifyBitbucketSubject,
    claimMeanings: { aud: 'your workspace, ari:cloud:bitbucket::workspace/WORKSPACE_UUID', sub: '{REPOSITORY_UUID}:{STEP_UUID}, or {REPOSITORY_UUID}:{ENVIRONMENT_UUID}:{STEP_UUID} for a deployment step' },
    pitfalls: ['`aud` (the workspace) alone admits every repository of the workspace', 'a subject that starts with a wildcard likewise: pin the repository UUID, in braces'],
    // Sub = {REPOSITORY_UUID}:{STEP_UUID}, or {REPOSITORY_UUID}:{ENVIRONMENT_UUID}:{STEP_UUID} when the
    // step deploys to an environment: Atlassian, "Integrate Pipelines with resource servers using
    // OIDC" (https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/),
    // the page that explains the workspace, repository and deployment-environment UUIDs of the token.
    source: 'https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/',
  },
  {
    // The Federated principal is the bare host (iamData.ts WELL_KNOWN_IDPS): every Google
    // account gets tokens from it. IAM User Guide ("Available keys for AWS OIDC federation"):
    // accounts.google.com:aud is the token's aud, the OAuth 2.0 client ID of your application,
    // "when the azp field is not set. When the azp field is set, the aud field matches the
    // accounts.google.com:oaud condition key", and :aud then carries azp. A service account's ID
    // token always has azp (its numeric unique ID), and its aud is whatever audience the caller
    // asked for: so :aud (a client or service account ID) pins the caller, :oaud does not.
    // sub: "An identifier for the user, unique among all Google Accounts and never reused"
    // (Google, OpenID Connect, https://developers.google.com/identity/openid-connect/openid-connect#an-id-tokens-payload),
    // numeric; a service account's sub is its unique ID.
    name: 'Google',
    host: /^accounts\.google\.com$/i,
    issuers: ['https://accounts.google.com'],
    audience: 'your OAuth 2.0 client ID, or, for a token with azp (every service account ID token), the service account\'s numeric unique ID',
    audiencePinsCaller: true,
    sharedIssuer: true,
    subjectClaims: ['aud', 'sub'],
    subjectFormat: 'NUMERIC_ACCOUNT_ID',
    claimMeanings: {
      aud: 'the token\'s azp when it has one (a service account\'s numeric unique ID), else its aud (your OAuth 2.0 client ID)',
      oaud: 'the token\'s own aud when it has azp: the audience the caller asked for, which anyone with a Google account can choose',
      sub: 'the Google account\'s numeric unique ID (never reused)',
    },
    pitfalls: [
      '`oaud` alone pins nobody: any Google account can ask for a token with that audience',
      '`aud` set to the requested audience (e.g. "sts.amazonaws.com") never matches a token with azp: for those, :aud is the azp',
      'an e-mail address is no pin: pin the numeric sub (or aud)',
    ],
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif',
  },
  {
    // The Federated principal is the bare host (iamData.ts WELL_KNOWN_IDPS). AWS STS requires
    // cross-account basic-flow requests to carry aud and amr conditions, so a policy without aud
    // lets in the identity pools of the role's own account (held-out set 14; unpinnedAdmits), and
    // IAM refuses one with no condition at all (Cognito guide, "IAM roles": a trust policy may not
    // let any identity pool assume the role).
    name: 'Amazon Cognito identity pools',
    host: /^cognito-identity\.amazonaws\.com$/i,
    issuers: ['https://cognito-identity.amazonaws.com'],
    audience: 'the identity pool ID (REGION:UUID)',
    audiencePinsCaller: true,
    sharedIssuer: true,
    subjectClaims: ['aud', 'sub'],
    claimMeanings: {
      aud: 'the identity pool ID (REGION:UUID)',
      amr: '"authenticated" or "unauthenticated", and for authenticated identities the providers used (a list)',
      sub: 'the Cognito identity ID',
    },
    pitfalls: [
      'without `aud`, identities of every identity pool of the role\'s account can assume the role (STS refuses other accounts\' pools unless aud and amr are tested); with no condition at all, IAM refuses the policy',
      '`amr` matching "unauthenticated" admits guests: anyone who runs your app',
      'no `amr` condition admits guests and signed-in users alike; AWS recommends both aud and amr on every such role',
    ],
    // amr: "authenticated" or "unauthenticated" (plus the providers used): role-trust-and-permissions.html
    source: 'https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html',
  },
];

/**
 * Any other OIDC issuer: `aud` is the client ID you registered with it (IAM User Guide,
 * "Available keys for AWS OIDC federation": aud is the application's client ID), which is
 * yours, so pinning it pins the caller; `sub` pins a single identity.
 */
export const GENERIC_OIDC_PROVIDER: IdentityProviderFacts = {
  name: 'OIDC provider',
  host: /^/,
  issuers: [],
  audience: 'the client ID you registered with the provider',
  audiencePinsCaller: true,
  sharedIssuer: false,
  subjectClaims: ['sub'],
  claimMeanings: { aud: 'the client ID you registered with the provider', sub: 'the identity the token was issued to' },
  pitfalls: ['a wildcard `sub` admits every identity the provider has tokens for: whether anyone outside your organisation can get one decides it'],
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif',
};

/** The facts for an OIDC provider host (the part of its ARN after `oidc-provider/`); remembered, as several rules ask about each provider. */
export const identityProviderFacts = memoize((host: string): IdentityProviderFacts => IDENTITY_PROVIDERS.find((p) => p.host.test(host)) ?? GENERIC_OIDC_PROVIDER);

/**
 * Whom an unpinned web-identity provider admits, for the weight of a finding: `anyone` when
 * people outside your organisation can get its tokens (a shared issuer such as GitHub's, and
 * the built-in web identity providers: Cognito, Google, Facebook, Amazon), else words saying who
 * (an issuer of yours alone, such as an EKS cluster), or what fact decides it (an issuer we do
 * not know). `kind` is the Federated provider's kind ('oidc' for an IAM OIDC provider).
 */
export function unpinnedAdmits(kind: string, host: string): { anyone: true } | { anyone: false; who: string } {
  // AWS STS lets another account's identity pool use a role only when its trust policy tests
  // both cognito-identity.amazonaws.com:aud and :amr (Cognito guide, "Security best practices
  // for identity pools"): without aud, the identity pools of the role's own account get in.
  if (kind === 'cognito') return { anyone: false, who: "every identity of every identity pool of the role's account; AWS STS lets other accounts' pools in only when both cognito-identity.amazonaws.com:aud and :amr are tested" };
  if (kind !== 'oidc') return { anyone: true };
  const facts = identityProviderFacts(host);
  const reach = issuerReach(facts);
  if (reach === 'anyone') return { anyone: true };
  if (reach === 'unknown') return { anyone: false, who: 'every identity this issuer has tokens for; whether anyone outside your organisation can get one decides how serious this is' };
  return { anyone: false, who: `every identity of this ${facts.name} issuer, which is yours alone (one per cluster or organisation), and nobody outside it` };
}

/**
 * Who can get an issuer's tokens: `anyone` (every customer shares it), `own` (an issuer of the
 * role owner's alone: an EKS cluster, a per-organisation issuer), or `unknown` (an issuer the
 * table does not know). The one decision behind the weight of the OIDC rules' findings.
 */
export function issuerReach(facts: IdentityProviderFacts): 'anyone' | 'own' | 'unknown' {
  if (facts.sharedIssuer) return 'anyone';
  return facts === GENERIC_OIDC_PROVIDER ? 'unknown' : 'own';
}

/** The claims that pin the caller for a provider host: its subject claims, and `aud` where that is per customer. */
export function callerPinningClaims(host: string): string[] {
  const facts = identityProviderFacts(host);
  return facts.audiencePinsCaller && !facts.subjectClaims.includes('aud') ? [...facts.subjectClaims, 'aud'] : [...facts.subjectClaims];
}

/**
 * The `aws:RequestTag/KEY` condition keys that pin the caller of a provider host, lower-cased
 * (only for providers that pass claims as session tags: sessionTagClaims).
 */
export function pinningSessionTagKeys(host: string): readonly string[] {
  return (identityProviderFacts(host).sessionTagClaims ?? []).map((tag) => `aws:requesttag/${tag.toLowerCase()}`);
}

/**
 * Self-managed GitLab: its own host, so not recognised by the host but by its subject
 * ("project_path:…", the documented first component). Its issuer is yours alone.
 */
export const SELF_MANAGED_GITLAB: IdentityProviderFacts = {
  ...IDENTITY_PROVIDERS.find((p) => p.name === 'GitLab CI/CD')!,
  name: 'GitLab CI/CD (self-managed)',
  host: /^/,
  sharedIssuer: false,
  source: 'https://docs.gitlab.com/ci/secrets/id_token_authentication/',
};

/** The facts that judge a subject value of a provider host: by host, else by the value's documented shape. */
export function subjectFactsFor(host: string, value: string): IdentityProviderFacts {
  const facts = identityProviderFacts(host);
  if (facts === GENERIC_OIDC_PROVIDER && value.startsWith('project_path:')) return SELF_MANAGED_GITLAB;
  return facts;
}

/** What a subject value admits for a provider host, when it is one of the documented dangerous shapes. */
export function classifySubjectValue(host: string, value: string): { facts: IdentityProviderFacts; finding: SubjectPatternFinding } | undefined {
  const facts = subjectFactsFor(host, value);
  if (/^[*?]+$/.test(value)) return { facts, finding: { kind: 'any-owner', why: 'every identity the issuer has tokens for matches' } };
  const finding = facts.classifySubject?.(value);
  return finding ? { facts, finding } : undefined;
}

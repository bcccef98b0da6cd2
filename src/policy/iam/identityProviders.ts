// Facts about OIDC issuers that decide what pins the caller of a role (issue 13, class 6).
//
// A condition pins the caller when its claim can only carry a value the role's owner controls.
// On a shared issuer (GitHub, GitLab, Terraform Cloud, Buildkite …) every customer's jobs get
// tokens from the same issuer and the job itself chooses the audience, so `aud` pins nobody:
// only the subject claims do. An issuer whose audience is the customer's own registered client
// or organisation ID (CircleCI, Bitbucket, and a generic OIDC provider whose client ID you
// registered) is pinned by `aud` by design.

export interface IdentityProviderFacts {
  /** Short name, for messages. */
  name: string;
  /** The provider host (condition-key prefix) this entry is for. */
  host: RegExp;
  /** What `aud` carries, in words, for messages and docs. */
  audience: string;
  /** Whether a StringEquals/StringLike on `aud` alone pins the caller to the role owner. */
  audiencePinsCaller: boolean;
  /** Claims that pin the caller (besides `aud` when audiencePinsCaller), first the one to suggest. */
  subjectClaims: readonly string[];
  /** Where the facts come from. */
  source: string;
}

/** GitHub's repository-level claims pin the caller as `sub` does. */
const GITHUB_SUBJECT_CLAIMS = ['sub', 'repository', 'repository_id', 'job_workflow_ref', 'environment', 'ref', 'workflow'];

export const IDENTITY_PROVIDERS: readonly IdentityProviderFacts[] = [
  {
    name: 'GitHub Actions',
    host: /^token\.actions\.(githubusercontent\.com|[^./]+\.ghe\.com)(\/|$)/i,
    audience: '"sts.amazonaws.com" for every workflow on GitHub (aws-actions/configure-aws-credentials sets it)',
    audiencePinsCaller: false,
    subjectClaims: GITHUB_SUBJECT_CLAIMS,
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub',
  },
  {
    name: 'Amazon EKS',
    host: /^oidc\.eks\.[^./]+\.amazonaws\.com(\.cn)?\/id\//i,
    audience: '"sts.amazonaws.com" for every service account of the cluster',
    audiencePinsCaller: false,
    subjectClaims: ['sub'],
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html',
  },
  {
    name: 'GitLab CI/CD',
    host: /^gitlab\.com$/i,
    audience: 'whatever the job sets in id_tokens:aud (any GitLab project can choose it)',
    audiencePinsCaller: false,
    subjectClaims: ['sub', 'project_path', 'project_id'],
    source: 'https://docs.gitlab.com/ci/cloud_services/aws/',
  },
  {
    name: 'HCP Terraform',
    host: /^app\.terraform\.io$/i,
    audience: 'TFC_WORKLOAD_IDENTITY_AUDIENCE of the workspace ("aws.workload.identity" by default), chosen by any workspace',
    audiencePinsCaller: false,
    subjectClaims: ['sub'],
    source: 'https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration',
  },
  {
    name: 'Buildkite',
    host: /^agent\.buildkite\.com$/i,
    audience: 'whatever the job requests ("sts.amazonaws.com" with the AWS plugin)',
    audiencePinsCaller: false,
    subjectClaims: ['sub'],
    source: 'https://buildkite.com/docs/pipelines/security/oidc/aws',
  },
  {
    name: 'CircleCI',
    host: /^oidc\.circleci\.com\/org\/[^/]+$/i,
    audience: 'your CircleCI organization ID (the issuer URL is per organization too)',
    audiencePinsCaller: true,
    subjectClaims: ['sub', 'oidc.circleci.com/project-id'],
    source: 'https://circleci.com/docs/openid-connect-tokens/',
  },
  {
    name: 'Bitbucket Pipelines',
    host: /^api\.bitbucket\.org\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/i,
    audience: 'your workspace (ari:cloud:bitbucket::workspace/<uuid>; the issuer URL is per workspace too)',
    audiencePinsCaller: true,
    subjectClaims: ['sub'],
    source: 'https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/',
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
  audience: 'the client ID you registered with the provider',
  audiencePinsCaller: true,
  subjectClaims: ['sub'],
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif',
};

/** The facts for an OIDC provider host (the part of its ARN after `oidc-provider/`). */
export function identityProviderFacts(host: string): IdentityProviderFacts {
  return IDENTITY_PROVIDERS.find((p) => p.host.test(host)) ?? GENERIC_OIDC_PROVIDER;
}

/** The claims that pin the caller for a provider host: its subject claims, and `aud` where that is per customer. */
export function callerPinningClaims(host: string): string[] {
  const facts = identityProviderFacts(host);
  return facts.audiencePinsCaller ? [...facts.subjectClaims, 'aud'] : [...facts.subjectClaims];
}

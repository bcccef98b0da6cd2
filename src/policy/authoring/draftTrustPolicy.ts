/**
 * A hardened trust policy for a named pattern, drafted from the same templates as "New Trust
 * Policy…" (templates.ts) with the caller's values in place of the placeholders, and linted
 * before it is handed out: a draft with any finding is refused, with the findings. Pure: the
 * language-model tool (src/language/lmTools/draftTrustPolicyTool.ts) and tests call it.
 */
import type { Finding } from '../base/finding';
import { lint, type LintOptions } from '../lint/lint';
import { renderTemplate, TRUST_POLICY_TEMPLATES, type TrustPolicyTemplate } from './templates';

/** One value a pattern needs: what it is called in the input, and the template text it replaces. */
export interface DraftParameter {
  name: string;
  /** The template's placeholder text (TrustPolicyTemplate.placeholders). */
  placeholder: string;
  description: string;
  /** What a value must look like; checked before anything is drafted. */
  pattern: RegExp;
  /** Said when the value does not match. */
  expected: string;
}

const ACCOUNT: Omit<DraftParameter, 'placeholder'> = { name: 'accountId', description: 'The 12-digit AWS account the role (and its identity provider) lives in', pattern: /^\d{12}$/, expected: '12 digits' };
const REGION: Omit<DraftParameter, 'placeholder'> = { name: 'region', description: 'The AWS Region, e.g. eu-west-1', pattern: /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, expected: 'a Region name such as eu-west-1' };
/** Names, slugs and path parts: no wildcard, quote, backslash, whitespace or colon (the `sub` claims separate fields with colons). */
const NAME = /^[A-Za-z0-9_.@+=-]+$/;
const NAME_EXPECTED = 'letters, digits and . _ - @ + = only (no wildcard, colon or space)';
const name = (n: string, description: string): Omit<DraftParameter, 'placeholder'> => ({ name: n, description, pattern: NAME, expected: NAME_EXPECTED });
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The parameters of each template, in the order of its placeholders. */
const PARAMETERS: Readonly<Record<string, ReadonlyArray<Omit<DraftParameter, 'placeholder'>>>> = {
  'cross-account': [
    { ...ACCOUNT, name: 'trustedAccountId', description: 'The other account (a partner, a vendor) whose principals may assume the role' },
    { name: 'externalId', description: 'The ExternalId agreed with that account (2 to 1,224 characters, not a secret but unique per customer)', pattern: /^[\w+=,.@:/-]{2,1224}$/, expected: '2 to 1,224 of letters, digits and + = , . @ : / - _' },
  ],
  service: [
    { name: 'servicePrincipal', description: 'The service principal, e.g. lambda.amazonaws.com', pattern: /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/, expected: 'a service principal such as lambda.amazonaws.com' },
    { ...ACCOUNT, description: 'The account whose resources the service acts for (aws:SourceAccount)' },
  ],
  'github-actions': [ACCOUNT, { name: 'repository', description: 'The GitHub repository as OWNER/REPO', pattern: /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, expected: 'OWNER/REPO' }, { name: 'branch', description: 'The branch whose workflows may assume the role, e.g. main', pattern: /^[A-Za-z0-9_./-]+$/, expected: 'a branch name without wildcards' }],
  'github-actions-environment': [ACCOUNT, { name: 'repository', description: 'The GitHub repository as OWNER/REPO', pattern: /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, expected: 'OWNER/REPO' }, name('environment', 'The GitHub deployment environment, e.g. production')],
  'eks-irsa': [ACCOUNT, REGION, { name: 'oidcProviderId', description: 'The cluster\'s OIDC provider ID (the last part of its issuer URL)', pattern: /^[A-Z0-9]{16,64}$/, expected: 'the upper-case hexadecimal ID of the issuer URL' }, name('namespace', 'The Kubernetes namespace'), name('serviceAccount', 'The Kubernetes service account')],
  saml: [ACCOUNT, name('providerName', 'The name of the SAML provider in IAM')],
  'same-account-mfa': [ACCOUNT, name('roleName', 'The role (in the same account) whose sessions may assume this one, with MFA')],
  'ecs-tasks': [ACCOUNT, REGION],
  gitlab: [ACCOUNT, { name: 'projectPath', description: 'The GitLab project path, GROUP/PROJECT (subgroups allowed)', pattern: /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/, expected: 'GROUP/PROJECT' }, { name: 'branch', description: 'The branch whose pipelines may assume the role', pattern: /^[A-Za-z0-9_./-]+$/, expected: 'a branch name without wildcards' }],
  'terraform-cloud': [ACCOUNT, name('organization', 'The HCP Terraform organization'), name('project', 'The HCP Terraform project'), name('workspace', 'The HCP Terraform workspace')],
  circleci: [ACCOUNT, { name: 'organizationId', description: 'The CircleCI organization ID (a UUID)', pattern: UUID, expected: 'a UUID' }, { name: 'projectId', description: 'The CircleCI project ID (a UUID)', pattern: UUID, expected: 'a UUID' }],
  bitbucket: [ACCOUNT, name('workspace', 'The Bitbucket workspace name'), { name: 'workspaceUuid', description: 'The workspace UUID, without braces (the audience is ari:cloud:bitbucket::workspace/UUID)', pattern: UUID, expected: 'a UUID' }, { name: 'repositoryUuid', description: 'The repository UUID, without braces', pattern: UUID, expected: 'a UUID' }],
  buildkite: [ACCOUNT, name('organization', 'The Buildkite organization slug'), name('pipeline', 'The Buildkite pipeline slug')],
  'eks-pod-identity': [ACCOUNT, REGION, name('cluster', 'The EKS cluster name')],
  'azure-devops': [
    ACCOUNT,
    { name: 'organizationId', description: 'The Azure DevOps organization ID (a GUID; the issuer is https://vstoken.dev.azure.com/<organization ID>)', pattern: UUID, expected: 'a GUID' },
    name('organization', 'The Azure DevOps organization name, as in the service connection\'s subject sc://ORGANIZATION/PROJECT/CONNECTION'),
    name('project', 'The Azure DevOps project name'),
    name('serviceConnection', 'The service connection name'),
  ],
  google: [{ name: 'serviceAccountUniqueId', description: 'The Google Cloud service account\'s numeric unique ID (not its e-mail address)', pattern: /^\d{10,30}$/, expected: 'the numeric unique ID (digits only)' }],
  cognito: [{ name: 'identityPoolId', description: 'The Cognito identity pool ID, REGION:UUID', pattern: /^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f-]{36}$/, expected: 'REGION:UUID' }],
  organization: [{ name: 'organizationId', description: 'The AWS Organizations ID, o-…', pattern: /^o-[a-z0-9]{10,32}$/, expected: 'o- and 10 to 32 lower-case letters or digits' }, name('roleName', 'The role name that may assume this role from any account of the organization')],
  'roles-anywhere': [ACCOUNT, REGION, { name: 'trustAnchorId', description: 'The Roles Anywhere trust anchor ID', pattern: /^[0-9a-f-]{36}$/, expected: 'a trust anchor ID (a UUID)' }, { name: 'certificateCommonName', description: 'The CN of the workload certificate', pattern: /^[A-Za-z0-9_.-]+$/, expected: 'a host-like name without wildcards' }],
};

/** The parameters a pattern takes; undefined for an unknown pattern. */
export function draftParameters(pattern: string): DraftParameter[] | undefined {
  const template = TRUST_POLICY_TEMPLATES.find((t) => t.id === pattern);
  const parameters = PARAMETERS[pattern];
  if (!template || !parameters || parameters.length !== template.placeholders.length) return undefined;
  return parameters.map((p, i) => ({ ...p, placeholder: template.placeholders[i]! }));
}

/** The patterns that can be drafted: every template whose parameters are described. */
export function draftPatterns(): Array<{ id: string; label: string; detail: string; parameters: DraftParameter[] }> {
  return TRUST_POLICY_TEMPLATES.flatMap((t) => {
    const parameters = draftParameters(t.id);
    return parameters ? [{ id: t.id, label: t.label, detail: t.detail, parameters }] : [];
  });
}

export interface DraftRequest {
  pattern: string;
  /** Values by parameter name (draftParameters); strings, trimmed. */
  parameters?: Readonly<Record<string, unknown>>;
}

export type DraftResult =
  | { ok: true; template: TrustPolicyTemplate; policy: string; parameters: Record<string, string> }
  | { ok: false; problems: string[]; findings: Finding[] };

/**
 * The drafted policy, or why not: an unknown pattern, missing or malformed values, or findings
 * of the engine on the result (with the zone of trust of `options`).
 */
export function draftTrustPolicy(request: DraftRequest, options: LintOptions = {}): DraftResult {
  const template = TRUST_POLICY_TEMPLATES.find((t) => t.id === request.pattern);
  const parameters = draftParameters(request.pattern);
  if (!template || !parameters) {
    return { ok: false, findings: [], problems: [`Unknown pattern "${request.pattern}". Known patterns: ${draftPatterns().map((p) => p.id).join(', ')}.`] };
  }
  const given = request.parameters ?? {};
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const p of parameters) {
    const raw = given[p.name];
    const value = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' && p.pattern.test(String(raw)) ? String(raw) : undefined;
    if (value === undefined || value === '') problems.push(`Missing "${p.name}": ${p.description}.`);
    else if (!p.pattern.test(value)) problems.push(`"${p.name}" must be ${p.expected}; got ${JSON.stringify(value)}.`);
    else values[p.name] = value;
  }
  const unknown = Object.keys(given).filter((k) => !parameters.some((p) => p.name === k));
  if (unknown.length) problems.push(`Unknown parameter(s) for ${template.id}: ${unknown.join(', ')}. It takes: ${parameters.map((p) => p.name).join(', ')}.`);
  if (problems.length) return { ok: false, problems, findings: [] };
  const policy = substitute(template.policy, parameters, values);
  const text = renderTemplate({ ...template, policy });
  const findings = lint(text, options);
  if (findings.length) {
    return { ok: false, findings, problems: ['The drafted policy is not clean with these values; it is not returned. Fix the values or the zone of trust and draft again.'] };
  }
  return { ok: true, template, policy: text, parameters: values };
}

/** The template's policy with each placeholder replaced, in one pass (a value is never read as another placeholder). */
function substitute(value: unknown, parameters: readonly DraftParameter[], values: Record<string, string>): object {
  const byPlaceholder = new Map(parameters.map((p) => [p.placeholder, values[p.name]!]));
  const longestFirst = [...byPlaceholder.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(longestFirst.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(pattern, (m) => byPlaceholder.get(m)!);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k) as string, walk(x)]));
    return v;
  };
  return walk(value) as object;
}

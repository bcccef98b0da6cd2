import { cursorAt, type CursorContext } from '../syntax/cursor';
import { explainAction, explainConditionKey, explainOperator } from '../evaluate/explain';
import {
  federatedProvider,
  GLOBAL_KEY_NAMES,
  SERVICE_PREFIX_LIST,
  stsAction,
  TRUST_ACTIONS,
} from '../iam/iamData';
import { buildModel, type Statement } from '../model/model';
import { BASE_OPERATOR_NAMES } from '../iam/operators';
import { identityProviderFacts } from '../iam/identityProviders';
import { claimOf, lowerPrefixOf } from '../iam/oidcProviders';
import { parsePolicy } from '../syntax/parse';

export type CandidateKind = 'element' | 'value' | 'action' | 'operator' | 'key' | 'principal';

export interface Candidate {
  label: string;
  kind: CandidateKind;
  /** One line shown beside the label. */
  detail: string;
  /** Markdown shown for the selected item. */
  documentation?: string;
  /** Lower sorts first. */
  rank: number;
}

export interface Completion {
  candidates: Candidate[];
  /** The text to replace: the string under the cursor without its quotes, when there is one. */
  replace?: { offset: number; length: number };
  /** Whether the cursor is inside a string token (else the caller must add quotes). */
  inString: boolean;
  context: CursorContext['kind'];
}

/** Service principals people use most in trust policies, first in the list. */
export const COMMON_SERVICE_PRINCIPALS: Record<string, string> = {
  'lambda.amazonaws.com': 'Lambda functions',
  'ec2.amazonaws.com': 'EC2 instances (instance profiles)',
  'ecs-tasks.amazonaws.com': 'ECS tasks (task roles and task execution roles)',
  'eks.amazonaws.com': 'EKS clusters (cluster role)',
  'pods.eks.amazonaws.com': 'EKS Pod Identity',
  'states.amazonaws.com': 'Step Functions state machines',
  'events.amazonaws.com': 'EventBridge rules',
  'scheduler.amazonaws.com': 'EventBridge Scheduler',
  'apigateway.amazonaws.com': 'API Gateway',
  'codebuild.amazonaws.com': 'CodeBuild projects',
  'codepipeline.amazonaws.com': 'CodePipeline pipelines',
  'cloudformation.amazonaws.com': 'CloudFormation stacks and StackSets',
  'glue.amazonaws.com': 'Glue jobs and crawlers',
  'sagemaker.amazonaws.com': 'SageMaker',
  'firehose.amazonaws.com': 'Kinesis Data Firehose',
  'batch.amazonaws.com': 'AWS Batch',
  'elasticmapreduce.amazonaws.com': 'EMR',
  'ssm.amazonaws.com': 'Systems Manager',
  'backup.amazonaws.com': 'AWS Backup',
  'rolesanywhere.amazonaws.com': 'IAM Roles Anywhere (workloads outside AWS)',
  'edgelambda.amazonaws.com': 'Lambda@Edge',
  'delivery.logs.amazonaws.com': 'CloudWatch Logs delivery',
  'bedrock.amazonaws.com': 'Amazon Bedrock',
};

const WELL_KNOWN_IDPS: Record<string, string> = {
  'cognito-identity.amazonaws.com': 'Amazon Cognito identity pools',
  'accounts.google.com': 'Google',
  'www.amazon.com': 'Login with Amazon',
  'graph.facebook.com': 'Facebook',
};

/** Completion candidates at `offset`; an empty list where this engine has nothing to add. */
export function completeAt(text: string, offset: number, options: { accountId?: string } = {}): Completion {
  const cursor = cursorAt(text, offset);
  const { context, node } = cursor;
  const inString = node !== undefined && offset > node.offset && offset < node.offset + node.length;
  const replace = inString ? { offset: node!.offset + 1, length: Math.max(0, node!.length - 2) } : undefined;
  const done = (candidates: Candidate[]): Completion => ({ candidates, replace, inString, context: context.kind });
  const statement = () => ('statement' in context ? buildModel(parsePolicy(text)).statements[context.statement] : undefined);
  const account = options.accountId ?? '111122223333';

  switch (context.kind) {
    case 'version-value':
      return done([
        { label: '2012-10-17', kind: 'value', detail: 'current policy grammar', rank: 0 },
        { label: '2008-10-17', kind: 'value', detail: 'legacy: no policy variables', rank: 1 },
      ]);
    case 'effect-value':
      return done([
        { label: 'Allow', kind: 'value', detail: 'trust the principal', rank: 0 },
        { label: 'Deny', kind: 'value', detail: 'refuse, whatever other statements allow', rank: 1 },
      ]);
    case 'principal-type-key':
      return done([
        { label: 'AWS', kind: 'element', detail: 'accounts, IAM roles and users, role sessions', rank: 0 },
        { label: 'Service', kind: 'element', detail: 'AWS services, e.g. lambda.amazonaws.com', rank: 1 },
        { label: 'Federated', kind: 'element', detail: 'OIDC and SAML identity providers', rank: 2 },
        { label: 'CanonicalUser', kind: 'element', detail: 'an Amazon S3 canonical user ID', rank: 3 },
      ]);
    case 'principal-value':
      return done(principalCandidates(context.principalType, account));
    case 'action-value':
      return done(actionCandidates(statement()));
    case 'operator-key':
      return done(operatorCandidates());
    case 'condition-key':
      return done(conditionKeyCandidates(statement()));
    case 'condition-value':
      return done(
        /^(ForAllValues:|ForAnyValue:)?Bool(IfExists)?$/.test(context.operator)
          ? [
              { label: 'true', kind: 'value', detail: 'boolean', rank: 0 },
              { label: 'false', kind: 'value', detail: 'boolean', rank: 1 },
            ]
          : providerValueCandidates(context.key, statement()),
      );
    default:
      return done([]);
  }
}

function principalCandidates(type: string, account: string): Candidate[] {
  if (type === 'Service') {
    const common = Object.entries(COMMON_SERVICE_PRINCIPALS).map(([label, detail], rank) => ({ label, kind: 'principal' as const, detail, rank }));
    const seen = new Set(common.map((c) => c.label));
    const rest = SERVICE_PREFIX_LIST.map((p) => `${p}.amazonaws.com`)
      .filter((label) => !seen.has(label))
      .map((label) => ({ label, kind: 'principal' as const, detail: 'AWS service', rank: 1000 }));
    return [...common, ...rest];
  }
  if (type === 'Federated') {
    return [
      { label: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`, kind: 'principal', detail: 'GitHub Actions (OIDC)', rank: 0 },
      { label: `arn:aws:iam::${account}:oidc-provider/oidc.eks.REGION.amazonaws.com/id/CLUSTER_ID`, kind: 'principal', detail: 'EKS service accounts (IRSA)', rank: 1 },
      { label: `arn:aws:iam::${account}:oidc-provider/gitlab.com`, kind: 'principal', detail: 'GitLab CI (OIDC)', rank: 2 },
      { label: `arn:aws:iam::${account}:oidc-provider/app.terraform.io`, kind: 'principal', detail: 'Terraform Cloud (OIDC)', rank: 3 },
      { label: `arn:aws:iam::${account}:oidc-provider/agent.buildkite.com`, kind: 'principal', detail: 'Buildkite (OIDC)', rank: 5 },
      { label: `arn:aws:iam::${account}:oidc-provider/oidc.circleci.com/org/ORGANIZATION_ID`, kind: 'principal', detail: 'CircleCI (OIDC, one issuer per organization)', rank: 6 },
      { label: `arn:aws:iam::${account}:oidc-provider/api.bitbucket.org/2.0/workspaces/WORKSPACE/pipelines-config/identity/oidc`, kind: 'principal', detail: 'Bitbucket Pipelines (OIDC, one issuer per workspace)', rank: 7 },
      { label: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com/ENTERPRISE`, kind: 'principal', detail: 'GitHub Actions with an enterprise issuer (OIDC)', rank: 8 },
      { label: `arn:aws:iam::${account}:oidc-provider/vstoken.dev.azure.com/ORGANIZATION_ID`, kind: 'principal', detail: 'Azure DevOps (OIDC, one issuer per organization)', rank: 9 },
      { label: `arn:aws:iam::${account}:saml-provider/NAME`, kind: 'principal', detail: 'a SAML 2.0 identity provider', rank: 4 },
      ...Object.entries(WELL_KNOWN_IDPS).map(([label, detail], i) => ({ label, kind: 'principal' as const, detail, rank: 10 + i })),
    ];
  }
  if (type === 'AWS' || type === '*') {
    return [
      { label: `arn:aws:iam::${account}:root`, kind: 'principal', detail: 'any principal of the account that its own policies allow', rank: 0 },
      { label: `arn:aws:iam::${account}:role/NAME`, kind: 'principal', detail: 'one IAM role', rank: 1 },
      { label: `arn:aws:iam::${account}:user/NAME`, kind: 'principal', detail: 'one IAM user', rank: 2 },
      { label: account, kind: 'principal', detail: 'the account (same as its :root ARN)', rank: 3 },
      { label: '*', kind: 'principal', detail: 'anyone — restrict it with a condition', rank: 9 },
    ];
  }
  return [];
}

/** The sts actions a statement's principals can use, the fitting ones first. */
function actionCandidates(statement: Statement | undefined): Candidate[] {
  const types = new Set((statement?.principals ?? []).map((p) => p.type));
  const kinds = new Set(
    (statement?.principals ?? []).filter((p) => p.type === 'Federated').map((p) => federatedProvider(p.item.value)?.kind),
  );
  const fitting = new Set<string>(['TagSession', 'SetSourceIdentity', 'SetContext']);
  if (types.size === 0 || types.has('AWS') || types.has('Service') || types.has('*')) fitting.add('AssumeRole');
  if (kinds.has('saml')) fitting.add('AssumeRoleWithSAML');
  if ([...kinds].some((k) => k && k !== 'saml')) fitting.add('AssumeRoleWithWebIdentity');
  if (types.size === 0) (['AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity'] as const).forEach((a) => fitting.add(a));
  return Object.entries(TRUST_ACTIONS).map(([name, who]) => ({
    label: `sts:${name}`,
    kind: 'action' as const,
    detail: fitting.has(name) ? who : `${who} (not this statement's principal)`,
    documentation: explainAction(`sts:${name}`),
    rank: fitting.has(name) ? Object.keys(TRUST_ACTIONS).indexOf(name) : 100,
  }));
}

function operatorCandidates(): Candidate[] {
  const candidates: Candidate[] = [];
  BASE_OPERATOR_NAMES.forEach((base, i) => {
    const forms = base === 'Null' ? [base] : [base, `${base}IfExists`, `ForAnyValue:${base}`, `ForAllValues:${base}`];
    forms.forEach((label, j) =>
      candidates.push({
        label,
        kind: 'operator',
        detail: j === 0 ? 'condition operator' : j === 1 ? 'also true when the key is absent' : 'for multi-valued keys',
        documentation: explainOperator(label),
        rank: j * 100 + i,
      }),
    );
  });
  return candidates;
}

/** Keys the statement's actions receive, the provider keys of its Federated principals, and the global keys. */
function conditionKeyCandidates(statement: Statement | undefined): Candidate[] {
  const federated = (statement?.principals ?? []).filter((p) => p.type === 'Federated').map((p) => p.item.value);
  const candidates = new Map<string, Candidate>();
  const add = (label: string, detail: string, rank: number) => {
    if (!candidates.has(label.toLowerCase())) {
      candidates.set(label.toLowerCase(), { label, kind: 'key', detail, documentation: explainConditionKey(label, federated), rank });
    }
  };
  for (const value of federated) {
    const provider = federatedProvider(value);
    if (!provider) continue;
    provider.claims.forEach((claim) =>
      add(`${provider.keyPrefix}:${claim}`, provider.subjectClaims.includes(claim) ? 'pins the caller' : 'identity provider claim', provider.subjectClaims.includes(claim) ? 0 : 1),
    );
  }
  const actions = (statement?.actions ?? []).map((a) => a.value).filter((a) => /^sts:/i.test(a));
  const names = actions.length > 0 ? actions.map((a) => a.slice(4)) : ['AssumeRole'];
  for (const name of names) {
    for (const key of stsAction(name)?.conditionKeys ?? []) {
      // Keys of other identity providers are offered only when the statement trusts them.
      if (!/^(sts|aws):/i.test(key)) continue;
      add(key, `received by sts:${stsAction(name)!.name}`, 2);
    }
  }
  for (const key of GLOBAL_KEY_NAMES) add(key, 'global condition key', key.startsWith('aws:Principal') || key.startsWith('aws:Source') ? 3 : 4);
  return [...candidates.values()];
}

/**
 * Values for a provider's claim: the audience its AWS instructions use for `aud`, and its
 * documented subject format for `sub` (src/policy/iam/identityProviders.ts).
 */
function providerValueCandidates(key: string, statement: Statement | undefined): Candidate[] {
  const claim = claimOf(key);
  const prefix = lowerPrefixOf(key);
  const trusts = (statement?.principals ?? []).some((p) => p.type === 'Federated' && federatedProvider(p.item.value)?.keyPrefix.toLowerCase() === prefix);
  if (!trusts && !/oidc|token\.actions|eks|gitlab|terraform|buildkite|bitbucket|vstoken|accounts\.google/.test(prefix)) return [];
  const facts = identityProviderFacts(prefix);
  if (claim === 'aud') {
    if (facts.expectedAudience) return [{ label: facts.expectedAudience, kind: 'value', detail: `the audience ${facts.name} uses for AWS`, rank: 0 }];
    if (/^oidc\.circleci\.com\/org\//.test(prefix)) return [{ label: key.slice('oidc.circleci.com/org/'.length, key.lastIndexOf(':')), kind: 'value', detail: 'your CircleCI organization ID', rank: 0 }];
    return [];
  }
  if (claim === 'sub' && facts.subjectFormat) {
    return [{ label: facts.subjectFormat, kind: 'value', detail: `${facts.name} subject: pins the caller (replace the capitals)`, rank: 0 }];
  }
  return [];
}

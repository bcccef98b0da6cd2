import { closestMatch } from '../../base/closest';
import { conditionKeyPrefix, federatedProvider, GLOBAL_KEY_NAMES, isKnownService, lookupConditionKey, type FederatedProvider } from '../../iam/iamData';
import { deprecatedGlobalKey } from '../../iam/deprecatedKeys';
import type { Statement } from '../../model/model';
import type { Rule } from '../rule';

/** Providers are shared (federatedProvider() remembers them): their claims are lower-cased once. */
const lowerClaims = new WeakMap<FederatedProvider, Set<string>>();

function hasClaim(provider: FederatedProvider, claim: string): boolean {
  let claims = lowerClaims.get(provider);
  if (!claims) {
    claims = new Set(provider.claims.map((c) => c.toLowerCase()));
    lowerClaims.set(provider, claims);
  }
  return claims.has(claim.toLowerCase());
}

/**
 * Why a condition key is not one IAM knows for this statement, if it is not. `info` is
 * lookupConditionKey(key), when the caller has it already.
 */
export function conditionKeyProblem(key: string, statement: Statement, info = lookupConditionKey(key)): string | undefined {
  if (!/^[^\s:]+:\S+$/.test(key)) {
    // A claim of the provider an unreadable Federated ARN names, placeholders and all (AWS's
    // SageMaker guide: oidc.eks.<EKS Cluster region>.amazonaws.com/id/<OIDC ID>:sub): the ARN is
    // federated-invalid's finding, and the key is as wrong as it is, no more.
    if (claimOfUnreadableProvider(key, statement)) return undefined;
    return `"${key}" is not a condition key: keys look like "prefix:name", e.g. "aws:SourceAccount"`;
  }
  let unreadableProvider = false;
  // The key's prefix (and lower-cased), once a Federated principal names a provider.
  let keyPrefix: string | undefined;
  let lowerPrefix = '';
  for (const entry of statement.principals) {
    if (entry.type !== 'Federated' || entry.item.kind !== 'string') continue;
    const provider = federatedProvider(entry.item.value);
    unreadableProvider ||= !provider;
    if (!provider) continue;
    if (keyPrefix === undefined) lowerPrefix = (keyPrefix = conditionKeyPrefix(key)).toLowerCase();
    if (provider.keyPrefix.toLowerCase() !== lowerPrefix) continue;
    const claim = key.slice(keyPrefix.length + 1);
    if (hasClaim(provider, claim)) return undefined;
    return `${provider.keyPrefix} has no claim "${claim}" that AWS passes; use one of ${provider.claims.slice(0, 12).join(', ')}`;
  }
  if (info) return undefined;
  if (deprecatedGlobalKey(key)) return undefined; // condition-key-deprecated's finding
  const prefix = conditionKeyPrefix(key);
  // A Federated principal that names no provider IAM knows (an 11-digit account, a placeholder
  // like <AWS_ACCOUNT_ID>) is federated-invalid's finding: the claims of the provider it was
  // meant to name cannot be judged, and are not separately wrong. Report the root cause once.
  if (unreadableProvider && prefix.toLowerCase() !== 'aws' && !isKnownService(prefix)) return undefined;
  if (prefix.toLowerCase() === 'aws') {
    const guess = closestMatch(key, GLOBAL_KEY_NAMES, 3);
    return `Unknown global condition key "${key}"${guess ? `: did you mean "${guess}"?` : ''}`;
  }
  if (isKnownService(prefix)) return `The ${prefix} service has no condition key "${key}"`;
  if (prefix.includes('.') || prefix.includes('/')) {
    return `"${key}" is a claim of the identity provider ${prefix}, which this statement does not trust: add it as the Federated principal, or fix the key`;
  }
  return `Unknown condition key "${key}" (no service or identity provider "${prefix}")`;
}

function claimOfUnreadableProvider(key: string, statement: Statement): boolean {
  const prefix = conditionKeyPrefix(key).toLowerCase();
  return statement.principals.some((entry) => {
    if (entry.type !== 'Federated' || entry.item.kind !== 'string' || federatedProvider(entry.item.value)) return false;
    const host = /:oidc-provider\/(.+)$/.exec(entry.item.value)?.[1];
    return host !== undefined && host.toLowerCase() === prefix;
  });
}

export const conditionKeyInvalid: Rule = {
  meta: {
    code: 'condition-key-invalid',
    severity: 'error',
    needs: ['condition'],
    description: 'A condition key that does not exist: malformed, an unknown aws: key, an unknown service key, or a claim the trusted identity provider does not have.',
    rationale:
      'IAM rejects unknown global and service keys. A misspelt identity-provider claim is accepted but never present in the request, so the condition never matches (or, with a negated or IfExists operator, always does).',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "lambda.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:SourceAcount": "111122223333" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "lambda.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:SourceAccount": "111122223333" } }
  }]
}`,
    accessAnalyzer: 'Invalid condition key',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const entry of statement.conditions) {
        const problem = conditionKeyProblem(entry.key, statement, entry.keyInfo);
        if (problem) reportAt(entry.keyNode, problem);
      }
    }
  },
};

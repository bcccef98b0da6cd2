import {
  GLOBAL_CONDITION_KEYS,
  SERVICE_CONDITION_KEYS,
  SERVICE_PREFIXES,
  STS_ACTIONS,
  type StsActionData,
} from './iamData.generated';
import { memoize } from '../base/memoize';
import { callerPinningClaims } from './identityProviders';

/** IAM's condition value types, as the data names them. */
export type KeyType = 'String' | 'ARN' | 'Numeric' | 'Date' | 'Bool' | 'IPAddress' | 'Binary';

export interface ConditionKeyInfo {
  /** The key as AWS documents it, variable parts included (e.g. `aws:RequestTag/${TagKey}`). */
  name: string;
  type: KeyType;
  multiValued: boolean;
  description: string;
  /** Global (`aws:` and the few session keys) or a service key. */
  global: boolean;
}

interface KeyTable {
  exact: Map<string, ConditionKeyInfo>;
  misses: Set<string>;
  patterns: Array<{ pattern: RegExp; info: ConditionKeyInfo }>;
}

let keyTable: KeyTable | undefined;

/** Variable parts in the data: `${TagKey}`, `<key>`, and the global keys' `tag-key`. */
const VARIABLE_PART = /\$\{[^}]+\}|<[^>]+>|(?<=\/)tag-key$/g;

function toInfo(name: string, rawType: string, description: string, global: boolean): ConditionKeyInfo {
  // The amr claim (authentication methods) is a list, though the data types it String;
  // AWS's Cognito examples test it with ForAnyValue:StringLike.
  const multiValued = rawType.startsWith('ArrayOf') || name.toLowerCase().endsWith(':amr');
  const base = (multiValued ? rawType.slice('ArrayOf'.length) : rawType) as string;
  const type = (base === 'IPAddress' || base === 'ARN' || base === 'Numeric' || base === 'Date' || base === 'Bool' || base === 'Binary'
    ? base
    : 'String') as KeyType;
  return { name, type, multiValued, description, global };
}

function table(): KeyTable {
  if (keyTable) return keyTable;
  const exact = new Map<string, ConditionKeyInfo>();
  const patterns: KeyTable['patterns'] = [];
  const add = (info: ConditionKeyInfo) => {
    VARIABLE_PART.lastIndex = 0;
    if (VARIABLE_PART.test(info.name)) {
      const parts = info.name.split(VARIABLE_PART).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      // A variable part that ends the name is a tag key (…Tag/${TagKey}, …Tag/<key>, …/tag-key),
      // which may itself hold colons (aws:cloudformation:stack-name, team:name); one inside
      // the name stops at the next colon.
      const source = parts.map((part, i) => (i === 0 ? '' : i === parts.length - 1 && part === '' ? '.+' : '[^:]+') + part).join('');
      patterns.push({ pattern: new RegExp(`^${source}$`, 'i'), info });
    } else if (!exact.has(info.name.toLowerCase())) {
      exact.set(info.name.toLowerCase(), info);
    }
  };
  for (const [name, type, category] of GLOBAL_CONDITION_KEYS) add(toInfo(name, type, category, true));
  for (const [name, type, description] of SERVICE_CONDITION_KEYS) add(toInfo(name, type, description, false));
  keyTable = { exact, patterns, misses: new Set() };
  return keyTable;
}

/**
 * What the IAM data knows of a condition key (case-insensitive, variable parts matched).
 * Remembered per key as written, which spares lower-casing the same keys again and again.
 */
export const lookupConditionKey = memoize(findConditionKey);

function findConditionKey(key: string): ConditionKeyInfo | undefined {
  const { exact, patterns, misses } = table();
  const lower = key.toLowerCase();
  const hit = exact.get(lower);
  if (hit || misses.has(lower)) return hit;
  for (const { pattern, info } of patterns) {
    if (pattern.test(key)) {
      exact.set(lower, info);
      return info;
    }
  }
  // Keys the data does not know (identity-provider claims, typos) are asked about often.
  if (misses.size > 1000) misses.clear();
  misses.add(lower);
  return undefined;
}

const services = new Set(SERVICE_PREFIXES);

export function isKnownService(prefix: string): boolean {
  return services.has(prefix.toLowerCase());
}

const stsActions = new Map(STS_ACTIONS.map((a) => [a.name.toLowerCase(), a]));

/** An sts action by name, without the `sts:` prefix (case-insensitive, as IAM compares them). */
export function stsAction(name: string): StsActionData | undefined {
  return stsActions.get(name.toLowerCase());
}

export function allStsActions(): readonly StsActionData[] {
  return STS_ACTIONS;
}

/** The actions a trust policy can allow, and who calls them. */
export const TRUST_ACTIONS = {
  AssumeRole: 'AWS principals and services',
  AssumeRoleWithWebIdentity: 'OIDC-federated callers (GitHub Actions, EKS, Cognito, Google …)',
  AssumeRoleWithSAML: 'SAML-federated callers',
  TagSession: 'any caller passing session tags',
  SetSourceIdentity: 'any caller setting a source identity',
  SetContext: 'callers passing trusted context (identity-enhanced sessions)',
} as const;

export type FederatedKind = 'oidc' | 'saml' | 'cognito' | 'google' | 'amazon' | 'facebook';

export interface FederatedProvider {
  kind: FederatedKind;
  /** The prefix of the provider's condition keys, e.g. `token.actions.githubusercontent.com`, `saml`. */
  keyPrefix: string;
  /** The claim names this provider's keys may use after `prefix:`. */
  claims: readonly string[];
  /** The claim that pins the subject (who exactly may assume the role). */
  subjectClaims: readonly string[];
}

const WELL_KNOWN_IDPS: Record<string, FederatedProvider> = {
  // Which claims pin the caller: the provider table (identityProviders.ts). Google's oaud does
  // not: for a token with azp it is the audience the caller asked for.
  'cognito-identity.amazonaws.com': { kind: 'cognito', keyPrefix: 'cognito-identity.amazonaws.com', claims: ['aud', 'amr', 'sub'], subjectClaims: callerPinningClaims('cognito-identity.amazonaws.com') },
  'accounts.google.com': { kind: 'google', keyPrefix: 'accounts.google.com', claims: ['aud', 'oaud', 'sub', 'google/organization_number'], subjectClaims: callerPinningClaims('accounts.google.com') },
  'www.amazon.com': { kind: 'amazon', keyPrefix: 'www.amazon.com', claims: ['app_id', 'user_id'], subjectClaims: ['app_id', 'user_id'] },
  'graph.facebook.com': { kind: 'facebook', keyPrefix: 'graph.facebook.com', claims: ['app_id', 'id'], subjectClaims: ['app_id', 'id'] },
};

/** Claims AWS passes for any OIDC provider (IAM User Guide, "Available keys for AWS OIDC federation"). */
const OIDC_CLAIMS = ['aud', 'sub', 'amr', 'azp', 'email', 'oaud'];

/**
 * The identity provider a Federated principal names, or undefined when it names none:
 * a well-known IdP domain, `arn:<partition>:iam::<account>:saml-provider/<name>` or
 * `arn:<partition>:iam::<account>:oidc-provider/<host[/path]>`.
 * Rules ask for the same few providers over and over: the answers are remembered (and shared).
 */
export const federatedProvider = memoize(computeFederatedProvider);

function computeFederatedProvider(value: string): FederatedProvider | undefined {
  const known = WELL_KNOWN_IDPS[value.toLowerCase()];
  if (known) return known;
  // A provider's name or URL holds no spaces or angle brackets: `oidc.eks.<region>.amazonaws.com/id/<OIDC ID>`
  // is a placeholder left in a copied example, which IAM refuses, not a provider.
  const match = /^arn:aws[a-z-]*:iam::\d{12}:(saml-provider|oidc-provider)\/([^\s<>]+)$/.exec(value);
  if (!match) return undefined;
  const { samlClaims, prefixes } = providerKeyData();
  if (match[1] === 'saml-provider') {
    return { kind: 'saml', keyPrefix: 'saml', claims: samlClaims, subjectClaims: ['sub', 'namequalifier', 'aud'] };
  }
  const host = match[2]!;
  const claimsFromData = prefixes.filter(({ pattern }) => pattern.test(host)).flatMap(({ claims }) => claims);
  return {
    kind: 'oidc',
    keyPrefix: host,
    claims: [...new Set([...OIDC_CLAIMS, ...claimsFromData])],
    // Per provider (identityProviders.ts): `aud` pins the caller only where it is per customer.
    subjectClaims: callerPinningClaims(host),
  };
}

let providerKeys: { samlClaims: string[]; prefixes: Array<{ pattern: RegExp; claims: string[] }> } | undefined;

/** The data's identity-provider keys grouped by provider prefix, compiled once. */
function providerKeyData() {
  if (providerKeys) return providerKeys;
  const byPrefix = new Map<string, string[]>();
  for (const [key] of SERVICE_CONDITION_KEYS) {
    const colon = key.lastIndexOf(':');
    const prefix = key.slice(0, colon);
    if (!byPrefix.has(prefix)) byPrefix.set(prefix, []);
    byPrefix.get(prefix)!.push(key.slice(colon + 1));
  }
  const prefixes = [...byPrefix.entries()]
    .filter(([prefix]) => prefix.includes('.'))
    .map(([prefix, claims]) => ({ pattern: prefixPattern(prefix), claims }));
  providerKeys = { samlClaims: byPrefix.get('saml') ?? [], prefixes };
  return providerKeys;
}

/** A data key prefix like `token.actions.${Domain}.ghe.com` as a pattern for provider hosts. */
function prefixPattern(dataPrefix: string): RegExp {
  const source = dataPrefix
    .split(/\$\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^:]+');
  return new RegExp(`^${source}$`, 'i');
}

/**
 * Where the provider's keys start: `token.actions.githubusercontent.com:sub` → that host. The
 * last colon outside a policy variable: in `aws:PrincipalTag/${aws:username}` the colon inside
 * `${…}` is the variable's own, so the prefix is `aws` (an unclosed `${` runs to the end).
 */
export function conditionKeyPrefix(key: string): string {
  const colon = key.includes('${') ? lastColonOutsideVariables(key) : key.lastIndexOf(':');
  return colon < 0 ? '' : key.slice(0, colon);
}

function lastColonOutsideVariables(key: string): number {
  let last = -1;
  for (let i = 0; i < key.length; i++) {
    if (key[i] === '$' && key[i + 1] === '{') {
      const close = key.indexOf('}', i + 2);
      if (close < 0) break;
      i = close;
    } else if (key[i] === ':') last = i;
  }
  return last;
}

/** Every IAM service prefix, sorted. */
export const SERVICE_PREFIX_LIST: readonly string[] = SERVICE_PREFIXES;

/** The global condition keys' names as AWS documents them. */
export const GLOBAL_KEY_NAMES: readonly string[] = GLOBAL_CONDITION_KEYS.map(([name]) => name);

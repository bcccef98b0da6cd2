// What rules and the evaluator ask about a statement, computed once per statement and kept in
// its memo: whom it lets in, which keys its conditions pin, which sts actions it allows.
import { stsActionsMatching } from '../iam/actions';
import { federatedProvider } from '../iam/iamData';
import { claimOf, lowerPrefixOf, subjectClaimsOf } from '../iam/oidcProviders';
import type { ConditionEntry, PrincipalEntry, Statement, TrustedProvider } from './model';

/** lowerPrefixOf(entry.key), computed once per entry (several rules ask, some once per provider). */
export function entryLowerPrefix(entry: ConditionEntry): string {
  return (entry.lowerPrefix ??= lowerPrefixOf(entry.key));
}

/** Whether the statement allows something (rules about who gets in only look at Allow). */
export const isAllow = (statement: Statement) => statement.effect === 'Allow';

/** The statement's Principal entries (not NotPrincipal ones). */
export function principalEntries(statement: Statement): PrincipalEntry[] {
  return statement.elements.has('Principal') ? statement.principals : [];
}

/**
 * The condition entries that restrict a key to known values: a positive operator (not a Not
 * form, not IfExists — both also pass when the key is absent), not a set operator's
 * ForAllValues (true for an empty set), with at least one value that is not a bare `*`.
 */
export function restrictingEntries(statement: Statement): ConditionEntry[] {
  // Several rules ask about the same statement: computed once, kept in its memo.
  return (statement.memo.restrictingEntries ??= computeRestrictingEntries(statement));
}

function computeRestrictingEntries(statement: Statement): ConditionEntry[] {
  return statement.conditions.filter((entry) => {
    const op = entry.op;
    if (!op.base || op.negated || op.ifExists || op.base === 'Null' || op.setOperator === 'ForAllValues') return false;
    return entry.values.some((v) => v.kind !== 'object' && v.kind !== 'array' && v.value !== '' && v.value !== '*');
  });
}

/** Lower-case keys that restrictingEntries() covers; do not change the set. */
export function restrictedKeys(statement: Statement): Set<string> {
  let keys = statement.memo.restrictedKeys;
  if (!keys) {
    keys = new Set<string>();
    for (const entry of restrictingEntries(statement)) keys.add(entry.lowerKey);
    statement.memo.restrictedKeys = keys;
  }
  return keys;
}

/** The statement's actions as names without `sts:` (wildcards kept), when they are sts ones. */
export function stsActionNames(statement: Statement): string[] {
  return statement.actions.filter((a) => a.kind === 'string' && /^sts:/i.test(a.value)).map((a) => a.value.slice(4));
}

/** The sts actions a statement allows through its Action element (string items only); do not change the set. */
export function allowedStsActions(statement: Statement): Set<string> {
  // Several rules ask about the same statement: computed once, kept in its memo.
  const cached = statement.memo.allowedStsActions;
  if (cached) return cached;
  const allowed = new Set<string>();
  statement.memo.allowedStsActions = allowed;
  for (const item of statement.actions) {
    if (item.kind !== 'string') continue;
    for (const name of stsActionsMatching(item.value)) allowed.add(name);
  }
  return allowed;
}

/** The web-identity providers (everything but SAML) an Allow statement trusts, with their conditions. */
export function trustedWebIdentityProviders(statement: Statement): TrustedProvider[] {
  // Three rules ask about the same statement: computed once, kept in its memo.
  return (statement.memo.webIdentityProviders ??= computeTrustedProviders(statement));
}

function computeTrustedProviders(statement: Statement): TrustedProvider[] {
  if (statement.effect !== 'Allow') return [];
  const result: TrustedProvider[] = [];
  for (const entry of principalEntries(statement)) {
    if (entry.type !== 'Federated' || entry.item.kind !== 'string') continue;
    let provider = federatedProvider(entry.item.value);
    // A template's provider ARN with a placeholder account (held-out set 13: a GitHub role
    // template with `<ACCOUNT_ID>` and the subject "repo:*/NAME:*"): the provider of its host.
    const host = provider ? undefined : PLACEHOLDER_ACCOUNT_OIDC.exec(entry.item.value)?.[1];
    if (host) provider = federatedProvider(`arn:aws:iam::000000000000:oidc-provider/${host}`);
    if (!provider || provider.kind === 'saml') continue;
    const prefix = provider.keyPrefix.toLowerCase();
    const trusted: TrustedProvider = { entry, provider, conditions: statement.conditions.filter((c) => entryLowerPrefix(c) === prefix) };
    if (host) trusted.placeholderAccount = true;
    result.push(trusted);
  }
  return result;
}

/** An OIDC provider ARN whose account is not 12 digits (a placeholder), and its host. */
const PLACEHOLDER_ACCOUNT_OIDC = /^arn:aws[a-z-]*:iam::(?!\d{12}:)[^:]*:oidc-provider\/([^\s<>]+)$/;

/**
 * The severity of an OIDC rule's finding on a trusted provider: as the rule says, but at most a
 * warning on a provider ARN with a placeholder account, which IAM refuses as written
 * (federated-invalid reports it): the finding says what the policy will let in once filled in.
 */
export function oidcSeverity(trusted: TrustedProvider, severity: 'error' | 'security' | 'warning' | 'suggestion'): 'error' | 'security' | 'warning' | 'suggestion' {
  return trusted.placeholderAccount && (severity === 'error' || severity === 'security') ? 'warning' : severity;
}

/** What the OIDC rules add to a message on a provider ARN with a placeholder account. */
export const oidcPlaceholderNote = (trusted: TrustedProvider): string => (trusted.placeholderAccount ? ' (Judged as if the account in the provider ARN were filled in.)' : '');

/**
 * The web-identity providers through which the statement can let someone in: those of
 * trustedWebIdentityProviders() when its actions allow sts:AssumeRoleWithWebIdentity, none
 * when they do not (`"Action": "sts:AssumeRole"` beside a Cognito or OIDC principal lets no
 * token in: action-principal-mismatch reports it, and the OIDC rules have nothing to add;
 * held-out set 12, the AWS provider's "multiple principals" example).
 */
export function webIdentityTrusts(statement: Statement): TrustedProvider[] {
  const trusted = trustedWebIdentityProviders(statement);
  return trusted.length > 0 && !allowsWebIdentity(statement) ? [] : trusted;
}

/**
 * Whether the statement's actions may allow sts:AssumeRoleWithWebIdentity: yes when its
 * NotAction leaves it out, when an Action names it (or a wildcard that covers it), and when
 * that cannot be told (no Action, which action-missing reports; an item that is not a string
 * or is computed in a template).
 */
export function allowsWebIdentity(statement: Statement): boolean {
  if (statement.notActions.length > 0) {
    return !statement.notActions.some((a) => a.kind === 'string' && stsActionsMatching(a.value).includes('AssumeRoleWithWebIdentity'));
  }
  if (statement.actions.length === 0 || statement.actions.some((a) => a.kind !== 'string' || a.value.includes('${'))) return true;
  return allowedStsActions(statement).has('AssumeRoleWithWebIdentity');
}

/**
 * Whether a positive condition of the statement tests a key that no request carries, so that the
 * statement lets nobody in (condition-key-invalid reports the key): text that is not a condition
 * key at all (no "prefix:name", e.g. a Fn::Sub variable that became "clusterID"), or a claim of an
 * issuer the statement does not trust (e.g. "token.actions.githubusercontent.com/octo-org:sub"
 * beside the plain GitHub provider). IAM: a condition on a key absent from the request context is
 * false, unless its operator is a Not form or …IfExists (restrictingEntries() leaves those out).
 */
export function testsAbsentKey(statement: Statement): boolean {
  // The trusted providers' prefixes are looked up only for a key that could be a claim.
  let trusted: Set<string> | undefined;
  return restrictingEntries(statement).some((e) => {
    if (e.keyInfo) return false;
    if (!/^[^\s:]+:\S+$/.test(e.key)) return true;
    const prefix = entryLowerPrefix(e);
    if (!prefix.includes('.') && !prefix.includes('/')) return false;
    trusted ??= new Set(trustedWebIdentityProviders(statement).map((t) => t.provider.keyPrefix.toLowerCase()));
    return !trusted.has(prefix);
  });
}

/**
 * Whether the statement pins the provider's subject with a restricting condition. An exact
 * operator (StringEquals …) with the value "*" pins it too: to the literal text "*", which no
 * token carries, so the role is unusable rather than open (wildcard-without-like reports it).
 */
export function pinsSubject(statement: Statement, trusted: TrustedProvider): boolean {
  const subjectClaims = subjectClaimsOf(trusted.provider);
  const prefix = trusted.provider.keyPrefix.toLowerCase();
  const onSubject = (e: ConditionEntry) => entryLowerPrefix(e) === prefix && subjectClaims.includes(claimOf(e.key));
  if (restrictingEntries(statement).some(onSubject)) return true;
  return trusted.conditions.some(
    (e) =>
      onSubject(e) &&
      e.op.base !== undefined &&
      e.op.valueType === 'String' &&
      !e.op.globbing &&
      !e.op.negated &&
      !e.op.ifExists &&
      e.op.setOperator !== 'ForAllValues' &&
      e.values.some((v) => v.kind === 'string' && v.value === '*'),
  );
}

/**
 * Whether another Allow statement of the policy allows the sts action (name without `sts:`)
 * to a principal entry of the same type and value: IAM judges the policy as a whole, so an
 * action given in one statement and its companion in the next together make the grant.
 */
export function anotherStatementAllows(statements: readonly Statement[], self: Statement, type: string, value: string, action: string): boolean {
  const allowing = allowIndex(statements).get(allowKey(type, value, action));
  return allowing !== undefined && (allowing.size > 1 || !allowing.has(self));
}

/** Which Allow statements give which principal which sts action: built once per policy, so that asking for every statement stays linear. */
const allowIndexes = new WeakMap<readonly Statement[], Map<string, Set<Statement>>>();
const allowKey = (type: string, value: string, action: string) => `${type}\u0000${value}\u0000${action}`;

function allowIndex(statements: readonly Statement[]): Map<string, Set<Statement>> {
  let index = allowIndexes.get(statements);
  if (index) return index;
  index = new Map();
  for (const statement of statements) {
    if (!isAllow(statement)) continue;
    for (const action of allowedStsActions(statement)) {
      for (const entry of principalEntries(statement)) {
        if (entry.item.kind !== 'string') continue;
        const key = allowKey(entry.type, entry.item.value, action);
        let set = index.get(key);
        if (!set) index.set(key, (set = new Set()));
        set.add(statement);
      }
    }
  }
  allowIndexes.set(statements, index);
  return index;
}

/**
 * The statement's condition keys that a template or .tf file computes (`variable = var.key`,
 * serialized as "${var.key}"): any key at all, aws:PrincipalOrgID or sts:ExternalId included,
 * so a rule that needs one cannot tell it is missing. (In a policy file `${` in a key is
 * condition-key-invalid's finding.)
 */
export function computedConditionKeys(statement: Statement): string[] {
  const keys: string[] = [];
  for (const c of statement.conditions) if (c.key.includes('${') && !keys.includes(c.key)) keys.push(c.key);
  return keys;
}

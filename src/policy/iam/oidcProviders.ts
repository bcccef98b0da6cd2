import { restrictingEntries } from '../conditionKeys';
import { conditionKeyPrefix, federatedProvider, type FederatedProvider } from '../iamData';
import type { ConditionEntry, PrincipalEntry, Statement } from '../model';
import { principalEntries } from '../principals';

export interface TrustedProvider {
  entry: PrincipalEntry;
  provider: FederatedProvider;
  /** The statement's condition entries on this provider's keys. */
  conditions: ConditionEntry[];
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
    const provider = federatedProvider(entry.item.value);
    if (!provider || provider.kind === 'saml') continue;
    const prefix = provider.keyPrefix.toLowerCase();
    result.push({ entry, provider, conditions: statement.conditions.filter((c) => lowerPrefixOf(c.key) === prefix) });
  }
  return result;
}

/** The provider part of a condition key (`…:sub` → `…`), lower-cased. */
const lowerPrefixOf = (key: string) => conditionKeyPrefix(key).toLowerCase();

/** The claim of a provider key (`…:sub` → `sub`), lower-cased. */
export const claimOf = (key: string) => key.slice(conditionKeyPrefix(key).length + 1).toLowerCase();

/** Providers are shared (federatedProvider() remembers them): their claims are lower-cased once. */
const lowerSubjectClaims = new WeakMap<FederatedProvider, readonly string[]>();

/** The provider's subject claims, lower-cased. */
export function subjectClaimsOf(provider: FederatedProvider): readonly string[] {
  let claims = lowerSubjectClaims.get(provider);
  if (!claims) {
    claims = provider.subjectClaims.map((c) => c.toLowerCase());
    lowerSubjectClaims.set(provider, claims);
  }
  return claims;
}

/** Whether the statement pins the provider's subject with a restricting condition. */
export function pinsSubject(statement: Statement, trusted: TrustedProvider): boolean {
  const subjectClaims = subjectClaimsOf(trusted.provider);
  const prefix = trusted.provider.keyPrefix.toLowerCase();
  return restrictingEntries(statement).some((e) => lowerPrefixOf(e.key) === prefix && subjectClaims.includes(claimOf(e.key)));
}

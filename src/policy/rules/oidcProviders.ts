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
  if (statement.effect !== 'Allow') return [];
  const result: TrustedProvider[] = [];
  for (const entry of principalEntries(statement)) {
    if (entry.type !== 'Federated' || entry.item.kind !== 'string') continue;
    const provider = federatedProvider(entry.item.value);
    if (!provider || provider.kind === 'saml') continue;
    const prefix = provider.keyPrefix.toLowerCase();
    result.push({ entry, provider, conditions: statement.conditions.filter((c) => conditionKeyPrefix(c.key).toLowerCase() === prefix) });
  }
  return result;
}

/** The claim of a provider key (`…:sub` → `sub`), lower-cased. */
export const claimOf = (key: string) => key.slice(conditionKeyPrefix(key).length + 1).toLowerCase();

/** Whether the statement pins the provider's subject with a restricting condition. */
export function pinsSubject(statement: Statement, trusted: TrustedProvider): boolean {
  const subjectClaims = trusted.provider.subjectClaims.map((c) => c.toLowerCase());
  const prefix = trusted.provider.keyPrefix.toLowerCase();
  return restrictingEntries(statement).some(
    (e) => conditionKeyPrefix(e.key).toLowerCase() === prefix && subjectClaims.includes(claimOf(e.key)),
  );
}

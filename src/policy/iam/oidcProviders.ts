import { conditionKeyPrefix, type FederatedProvider } from './iamData';

/** The provider part of a condition key (`…:sub` → `…`), lower-cased. */
export const lowerPrefixOf = (key: string) => conditionKeyPrefix(key).toLowerCase();

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

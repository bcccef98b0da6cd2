// Hover text for an identity provider's condition keys, from the provider table
// (src/policy/iam/identityProviders.ts): what the claim is, what aud must be, which claims pin
// the caller, the dangerous patterns and where the facts come from (issue 14).
import type { FederatedProvider } from '../iam/iamData';
import { GENERIC_OIDC_PROVIDER, identityProviderFacts, type IdentityProviderFacts } from '../iam/identityProviders';

/** Markdown for a claim of a provider; `provider` is the statement's trusted provider, when it trusts one. */
export function explainProviderClaim(key: string, prefix: string, provider: FederatedProvider | undefined): string | undefined {
  const facts = identityProviderFacts(prefix);
  // A key of a provider the statement does not trust is explained only when the table knows it.
  if (!provider && facts === GENERIC_OIDC_PROVIDER) return undefined;
  const claim = key.slice(prefix.length + 1);
  const pinning = provider ? provider.subjectClaims : pinningClaimsOf(facts);
  const pins = pinning.some((c) => c.toLowerCase() === claim.toLowerCase());
  const meaning = claimMeaning(facts, claim);
  const lines = [
    `**${key}** — claim \`${claim}\` of ${facts === GENERIC_OIDC_PROVIDER ? 'the identity provider' : facts.name} (\`${prefix}\`)`,
    '',
    `Type: String, ${claim.toLowerCase() === 'amr' ? 'multi-valued (use ForAnyValue:)' : 'single-valued'}.`,
  ];
  if (meaning) lines.push('', `The claim: ${meaning}.`);
  lines.push('', pins ? 'This claim pins who exactly may assume the role.' : 'This claim alone pins nobody.');
  if (!provider) lines.push('', `This statement does not trust \`${prefix}\`: no request carries this key unless it does.`);
  lines.push(...providerFactLines(facts, pinning));
  return lines.join('\n');
}

/**
 * For `aws:RequestTag/KEY` in a statement that trusts a provider passing claims as session tags:
 * whether the tag pins the caller, or undefined.
 */
export function explainSessionTag(key: string, federatedHosts: readonly string[]): string | undefined {
  const m = /^aws:requesttag\/(.+)$/i.exec(key);
  if (!m) return undefined;
  for (const host of federatedHosts) {
    const facts = identityProviderFacts(host);
    if (!facts.sessionTagClaims) continue;
    const pins = facts.sessionTagClaims.some((t) => t.toLowerCase() === m[1]!.toLowerCase());
    return `${facts.name} passes its claims as session tags: ${pins ? 'this tag pins who exactly may assume the role' : `this tag alone pins nobody (${facts.sessionTagClaims.map((t) => `\`aws:RequestTag/${t}\``).join(', ')} do)`}. Source: ${facts.source}`;
  }
  return undefined;
}

function pinningClaimsOf(facts: IdentityProviderFacts): readonly string[] {
  return facts.audiencePinsCaller && !facts.subjectClaims.includes('aud') ? [...facts.subjectClaims, 'aud'] : facts.subjectClaims;
}

function claimMeaning(facts: IdentityProviderFacts, claim: string): string | undefined {
  const meanings = facts.claimMeanings ?? {};
  const found = Object.keys(meanings).find((c) => c.toLowerCase() === claim.toLowerCase());
  if (found) return meanings[found];
  if (claim.toLowerCase() === 'aud') return facts.audience;
  return undefined;
}

function providerFactLines(facts: IdentityProviderFacts, pinning: readonly string[]): string[] {
  const tags = facts.sessionTagClaims?.map((t) => `\`aws:RequestTag/${t}\``) ?? [];
  return [
    '',
    `**aud:** ${facts.audience}${facts.expectedAudience ? ` (\`${facts.expectedAudience}\`)` : ''}; ${facts.audiencePinsCaller ? 'it pins the caller' : 'it pins nobody'}.`,
    '',
    `**Pins the caller:** ${pinning.map((c) => `\`${c}\``).join(', ')}${tags.length > 0 ? `; as session tags ${tags.join(', ')}` : ''}.`,
    ...(facts.subjectFormat ? ['', `**Subject format:** \`${facts.subjectFormat}\``] : []),
    '',
    '**Dangerous patterns:**',
    ...facts.pitfalls.map((p) => `- ${p}`),
    '',
    `Source: ${facts.source}`,
  ];
}

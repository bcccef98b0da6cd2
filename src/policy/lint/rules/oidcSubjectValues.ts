// The subject values of a statement's web-identity conditions, each judged against its
// provider's documented subject format (src/policy/iam/identityProviders.ts). Shared by
// oidc-wildcard-sub, oidc-subject-broad and oidc-subject-never-matches.
import { classifySubjectValue, type IdentityProviderFacts, type SubjectPatternFinding } from '../../iam/identityProviders';
import { claimOf } from '../../iam/oidcProviders';
import type { ConditionEntry, Item, Statement, TrustedProvider } from '../../model/model';
import { webIdentityTrusts } from '../../model/statements';

export interface JudgedSubject {
  trusted: TrustedProvider;
  entry: ConditionEntry;
  value: Item & { kind: 'string' };
  facts: IdentityProviderFacts;
  finding: SubjectPatternFinding;
}

/**
 * Each `sub` value of a positive String operator on a trusted provider's key that fits one of
 * the dangerous shapes. Wildcard shapes count only under a Like operator (elsewhere `*` is a
 * literal); never-matches counts under both, for values without wildcards under Equals.
 */
export function judgedSubjects(statement: Statement): JudgedSubject[] {
  const result: JudgedSubject[] = [];
  for (const trusted of webIdentityTrusts(statement)) {
    for (const entry of trusted.conditions) {
      const op = entry.op;
      if (!op.base || op.negated || op.valueType !== 'String' || claimOf(entry.key) !== 'sub') continue;
      for (const value of entry.values) {
        if (value.kind !== 'string') continue;
        const judged = classifySubjectValue(trusted.provider.keyPrefix, value.value);
        if (!judged) continue;
        if (judged.finding.kind !== 'never-matches' && !op.globbing) continue;
        if (judged.finding.kind === 'never-matches' && !op.globbing && /[*?]/.test(value.value)) continue;
        result.push({ trusted, entry, value: value as Item & { kind: 'string' }, ...judged });
      }
    }
  }
  return result;
}

// Pinning the caller through session tags (issue 14): a provider that passes claims as session
// tags (Buildkite's session-tags option) lets the trust policy test them as aws:RequestTag/KEY.
// In AssumeRoleWithWebIdentity the session tags come from the token's https://aws.amazon.com/tags
// claim only, which the provider fills in (IAM User Guide, "Passing session tags using
// AssumeRoleWithWebIdentity"), so a restricting condition on a tag that carries a unique claim
// pins the caller as the claim itself would.
import { pinningSessionTagKeys } from '../iam/identityProviders';
import type { Statement, TrustedProvider } from './model';
import { restrictingEntries } from './statements';

/** Whether a restricting condition of the statement pins the provider's caller through a session tag. */
export function pinsBySessionTag(statement: Statement, trusted: TrustedProvider): boolean {
  const keys = pinningSessionTagKeys(trusted.provider.keyPrefix);
  if (keys.length === 0) return false;
  return restrictingEntries(statement).some((e) => keys.includes(e.lowerKey));
}

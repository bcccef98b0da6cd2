import type { Rule } from '../rule';
import { claimOf, subjectClaimsOf } from '../../iam/oidcProviders';
import { trustedWebIdentityProviders } from '../../model/statements';

/** Whether a subject pattern leaves the owner (GitHub org, Kubernetes namespace) open. */
function matchesAnyOwner(claim: string, value: string): boolean {
  if (value === '*' || /^\*+$/.test(value)) return true;
  if (claim === 'sub') return /^repo:[^/]*[*?]/.test(value) || /^system:serviceaccount:[^:]*[*?]/.test(value) || /^project_path:[^/]*[*?]/.test(value);
  if (claim === 'repository' || claim === 'job_workflow_ref') return /^[^/]*[*?]/.test(value);
  return false;
}

export const oidcWildcardSub: Rule = {
  meta: {
    code: 'oidc-wildcard-sub',
    severity: 'security',
    description: 'A subject pattern that matches any repository or organisation, e.g. "repo:*", "*" or "repo:org*".',
    rationale:
      'A wildcard before the owner part of the subject ("repo:*", "repo:octo*" — which also matches octo-attacker) lets workflows of repositories you do not own assume the role. Put the wildcard after "OWNER/REPO:" at the earliest.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
      "StringLike": { "token.actions.githubusercontent.com:sub": "repo:octo-org*" }
    }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
      "StringLike": { "token.actions.githubusercontent.com:sub": "repo:octo-org/*" }
    }
  }]
}`,
    accessAnalyzer: 'Specific GitHub repo and branch recommended',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const trusted of trustedWebIdentityProviders(statement)) {
        for (const entry of trusted.conditions) {
          const op = entry.op;
          if (!op.globbing || op.negated) continue;
          const claim = claimOf(entry.key);
          if (!subjectClaimsOf(trusted.provider).includes(claim)) continue;
          for (const value of entry.values) {
            if (value.kind === 'string' && matchesAnyOwner(claim, value.value)) {
              reportAt(value.node, `"${value.value}" matches identities of any owner: pin the organisation and repository (e.g. "repo:OWNER/REPO:*")`);
            }
          }
        }
      }
    }
  },
};

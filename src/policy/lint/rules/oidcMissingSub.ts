import type { Rule } from '../rule';
import { pinsSubject, trustedWebIdentityProviders } from '../../model/statements';

export const oidcMissingSub: Rule = {
  meta: {
    code: 'oidc-missing-sub',
    severity: 'security',
    description: 'An OIDC provider is trusted with conditions that do not pin the subject (sub, or for GitHub the repository claims).',
    rationale:
      'A condition on the audience alone (aud = sts.amazonaws.com) is true for every token the provider issues to anyone. For GitHub Actions that means every repository on GitHub can assume the role; pin the sub claim (repo:OWNER/REPO:…) with StringEquals or StringLike.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": { "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }
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
      "StringLike": { "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:*" }
    }
  }]
}`,
    accessAnalyzer: 'Missing GitHub repo condition key',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const trusted of trustedWebIdentityProviders(statement)) {
        // With no condition at all, oidc-missing-condition reports it.
        if (trusted.conditions.length === 0 || pinsSubject(statement, trusted)) continue;
        const { keyPrefix, subjectClaims } = trusted.provider;
        reportAt(
          trusted.entry.item.node,
          `No condition pins who may assume this role through ${keyPrefix}: add StringEquals or StringLike on ${keyPrefix}:${subjectClaims[0]}`,
        );
      }
    }
  },
};

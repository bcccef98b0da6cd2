import type { Rule } from '../rule';
import { testsAbsentKey, trustedWebIdentityProviders } from '../../model/statements';
import { pinsBySessionTag } from '../../model/sessionTagPinning';

export const oidcMissingCondition: Rule = {
  meta: {
    code: 'oidc-missing-condition',
    severity: 'security',
    description: 'An OIDC or web-identity provider is trusted with no condition on its claims.',
    rationale:
      'Without a condition on the provider\'s claims, any identity the provider issues tokens for can assume the role: for GitHub Actions, every workflow of every repository on GitHub; for EKS, every service account of the cluster; for Cognito, every identity pool.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
    "Action": "sts:AssumeRoleWithWebIdentity"
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main"
      }
    }
  }]
}`,
    accessAnalyzer: 'Missing condition key for OIDC principal',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      // A condition on a key no request carries lets nobody in: condition-key-invalid reports it.
      if (testsAbsentKey(statement)) continue;
      for (const trusted of trustedWebIdentityProviders(statement)) {
        // Buildkite's session tags (aws:RequestTag/organization_id …) are its claims too.
        if (trusted.conditions.length > 0 || pinsBySessionTag(statement, trusted)) continue;
        const { keyPrefix, subjectClaims } = trusted.provider;
        reportAt(
          trusted.entry.item.node,
          `Any identity of ${keyPrefix} can assume this role: add conditions on ${keyPrefix}:${subjectClaims[0]}${trusted.provider.kind === 'oidc' ? ` and ${keyPrefix}:aud` : ''}`,
        );
      }
    }
  },
};

import type { Rule } from '../rule';
import { oidcPlaceholderNote, oidcSeverity, testsAbsentKey, webIdentityTrusts } from '../../model/statements';
import { pinsBySessionTag } from '../../model/sessionTagPinning';
import { unpinnedAdmits } from '../../iam/identityProviders';

export const oidcMissingCondition: Rule = {
  meta: {
    code: 'oidc-missing-condition',
    severity: 'error',
    needs: ['federated'],
    description: 'An OIDC or web-identity provider is trusted with no condition on its claims.',
    rationale:
      'Without a condition on the provider\'s claims, any identity the provider issues tokens for can assume the role: for GitHub Actions, every workflow of every repository on GitHub; for EKS, every service account of the cluster; for Cognito, every identity pool of the account. Severity: error for Amazon Cognito with no condition at all, which IAM refuses (the Cognito guide, "IAM roles": a trust policy may not let any identity pool assume the role); security where people outside your organisation can get the provider\'s tokens (a shared issuer such as GitHub\'s, and the built-in web identity providers); warning where the issuer is yours alone (an EKS cluster, a per-organisation issuer, Cognito\'s pools of the role\'s account) or unknown, since then only your own identities get in.',
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
      for (const trusted of webIdentityTrusts(statement)) {
        // Buildkite's session tags (aws:RequestTag/organization_id …) are its claims too.
        if (trusted.conditions.length > 0 || pinsBySessionTag(statement, trusted)) continue;
        const { keyPrefix, subjectClaims, kind } = trusted.provider;
        if (kind === 'cognito' && !statement.elements.has('Condition')) {
          reportAt(
            trusted.entry.item.node,
            `IAM refuses this policy: a trust of ${keyPrefix} must say which identity pool may use the role (the Cognito guide, "IAM roles"). Add "StringEquals": {"${keyPrefix}:aud": "<your identity pool ID>"} and "ForAnyValue:StringLike": {"${keyPrefix}:amr": "authenticated"} (or "unauthenticated" for a guest role)`,
          );
          continue;
        }
        // Security only where people outside your organisation can get the issuer's tokens.
        const admits = unpinnedAdmits(kind, keyPrefix);
        reportAt(
          trusted.entry.item.node,
          `Any identity of ${keyPrefix} can assume this role${admits.anyone ? '' : ` (${admits.who})`}: add conditions on ${keyPrefix}:${subjectClaims[0]}${kind === 'oidc' ? ` and ${keyPrefix}:aud` : ''}${oidcPlaceholderNote(trusted)}`,
          undefined,
          oidcSeverity(trusted, admits.anyone ? 'security' : 'warning'),
        );
      }
    }
  },
};

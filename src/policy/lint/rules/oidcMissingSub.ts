import type { Rule } from '../rule';
import { identityProviderFacts, unpinnedAdmits } from '../../iam/identityProviders';
import { oidcPlaceholderNote, oidcSeverity, pinsSubject, testsAbsentKey, webIdentityTrusts } from '../../model/statements';
import { pinsBySessionTag } from '../../model/sessionTagPinning';

export const oidcMissingSub: Rule = {
  meta: {
    code: 'oidc-missing-sub',
    severity: 'security',
    needs: ['federated', 'condition'],
    description: 'An OIDC provider is trusted with conditions that do not pin the caller (sub, for GitHub the repository claims; aud where the provider makes it per customer).',
    rationale:
      'Where the audience is the same for everyone or chosen by the job (GitHub Actions, GitLab, HCP Terraform, Buildkite, EKS, Azure DevOps), so a condition on aud alone (aud = sts.amazonaws.com) is true for tokens issued to anyone: for GitHub Actions, every repository on GitHub can assume the role. Pin the sub claim (repo:OWNER/REPO:…) with StringEquals or StringLike. Where the audience is per customer (CircleCI\'s organization ID, Bitbucket\'s workspace, the client ID you registered with any other OIDC provider) pinning aud pins the caller, and the rule does not fire. Where the provider passes claims as session tags (Buildkite\'s session-tags option), StringEquals on aws:RequestTag/organization_id, organization_slug or pipeline_id pins the caller too; pipeline_slug or build_branch alone pin nobody. Which providers are which: src/policy/iam/identityProviders.ts. sub pinned with StringEquals to the literal "*" is not open (no token carries that subject): wildcard-without-like reports it. Severity: security where people outside your organisation can get the issuer\'s tokens (a shared issuer: GitHub, GitLab.com, HCP Terraform, Buildkite; see identityProviders.ts); warning where the issuer is yours alone (an EKS cluster, a GitHub enterprise or self-managed GitLab issuer, Azure DevOps\'s per-organisation issuer) or unknown, since then only your own identities (every one of them) get in.',
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
      const providers = webIdentityTrusts(statement);
      if (providers.length === 0) continue;
      // A condition on a key no request carries lets nobody in: condition-key-invalid reports it.
      if (testsAbsentKey(statement)) continue;
      for (const trusted of providers) {
        // With no condition at all, oidc-missing-condition reports it.
        if (trusted.conditions.length === 0 || pinsSubject(statement, trusted) || pinsBySessionTag(statement, trusted)) continue;
        const { keyPrefix, subjectClaims, kind } = trusted.provider;
        const facts = identityProviderFacts(keyPrefix);
        const audience = kind === 'oidc' && !subjectClaims.includes('aud') ? ` (its aud is ${facts.audience}, so it pins nobody)` : '';
        const tag = facts.sessionTagClaims?.[0];
        // Security only where people outside your organisation can get the issuer's tokens.
        const admits = unpinnedAdmits(kind, keyPrefix);
        reportAt(
          trusted.entry.item.node,
          `No condition pins who may assume this role through ${keyPrefix}${audience}${admits.anyone ? '' : ` (it admits ${admits.who})`}: add StringEquals or StringLike on ${keyPrefix}:${subjectClaims[0]}${tag ? `, or StringEquals on the session tag aws:RequestTag/${tag}` : ''}${oidcPlaceholderNote(trusted)}`,
          undefined,
          oidcSeverity(trusted, admits.anyone ? 'security' : 'warning'),
        );
      }
    }
  },
};

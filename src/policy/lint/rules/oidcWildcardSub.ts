import { nodeSpan, type Rule, type RuleReport } from '../rule';
import { identityProviderFacts, issuerReach, type IdentityProviderFacts } from '../../iam/identityProviders';
import { claimOf, subjectClaimsOf } from '../../iam/oidcProviders';
import { oidcPlaceholderNote, oidcSeverity, webIdentityTrusts } from '../../model/statements';
import { judgedSubjects } from './oidcSubjectValues';

/** Whether a pattern on another pinning claim (GitHub's repository, job_workflow_ref) leaves the owner open. */
function otherClaimOpen(claim: string, value: string): boolean {
  if (/^[*?]+$/.test(value)) return true;
  return (claim === 'repository' || claim === 'job_workflow_ref') && /^[^/]*[*?]/.test(value);
}

/**
 * Security where every customer of the provider gets tokens from the same issuer (GitHub,
 * GitLab.com, HCP Terraform, Buildkite, Cognito): the pattern admits someone outside your
 * organisation. On an issuer of your own (an EKS cluster, a GitHub enterprise issuer,
 * CircleCI's and Bitbucket's per-organisation issuers, self-managed GitLab) it admits only
 * identities of that issuer: a warning that says so.
 */
function severityFor(facts: IdentityProviderFacts, host: string): { severity: 'security' | 'warning'; note: string } {
  const reach = issuerReach(facts);
  if (reach === 'anyone') return { severity: 'security', note: '' };
  if (reach === 'unknown') return { severity: 'warning', note: ` Whether anyone outside your organisation can get a token from ${host} decides how far it reaches.` };
  return { severity: 'warning', note: ` ${host} issues tokens only for ${facts.name === 'Amazon EKS' ? 'your cluster' : 'your own organisation'}, so it reaches no one outside it.` };
}

export const oidcWildcardSub: Rule = {
  meta: {
    code: 'oidc-wildcard-sub',
    severity: 'security',
    needs: ['federated', 'condition'],
    description: 'A subject pattern that matches identities of any owner, e.g. "repo:*", "*", "repo:org*" or, for HCP Terraform and Buildkite, "organization:*".',
    rationale:
      'A wildcard before the owner part of the subject ("repo:*", "repo:octo*" — which also matches octo-attacker, "organization:*" on HCP Terraform or Buildkite) lets jobs of organisations you do not own assume the role. Security where every customer of the provider gets tokens from the same issuer (GitHub, GitLab.com, HCP Terraform, Buildkite); a warning on an issuer of your own (an EKS cluster — "system:serviceaccount:*" is any pod of it —, a GitHub enterprise issuer, CircleCI, Bitbucket, self-managed GitLab) or an issuer the linter does not know, where the message names the deciding fact: whether anyone outside your organisation can get a token from it. Each provider\'s subject format and sources: src/policy/iam/identityProviders.ts. Put the wildcard after "OWNER/REPO:" at the earliest.',
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
  check({ model, report }) {
    for (const statement of model.statements) {
      for (const judged of judgedSubjects(statement)) {
        if (judged.finding.kind !== 'any-owner') continue;
        const host = judged.trusted.provider.keyPrefix;
        const { severity, note } = severityFor(judged.facts, host);
        const problem: RuleReport = {
          message: `"${judged.value.value}" matches identities of any owner (${judged.finding.why}): pin the owner${judged.facts.subjectFormat ? ` (e.g. "${judged.facts.subjectFormat}")` : ''}.${note}${oidcPlaceholderNote(judged.trusted)}`,
          ...nodeSpan(judged.value.node),
          severity: oidcSeverity(judged.trusted, severity),
        };
        report(problem);
      }
      for (const trusted of webIdentityTrusts(statement)) {
        for (const entry of trusted.conditions) {
          const op = entry.op;
          if (!op.globbing || op.negated) continue;
          const claim = claimOf(entry.key);
          if (claim === 'sub' || !subjectClaimsOf(trusted.provider).includes(claim)) continue;
          for (const value of entry.values) {
            if (value.kind !== 'string' || !otherClaimOpen(claim, value.value)) continue;
            const { severity, note } = severityFor(identityProviderFacts(trusted.provider.keyPrefix), trusted.provider.keyPrefix);
            report({ message: `"${value.value}" matches identities of any owner: pin the organisation and repository (e.g. "OWNER/REPO").${note}${oidcPlaceholderNote(trusted)}`, ...nodeSpan(value.node), severity: oidcSeverity(trusted, severity) });
          }
        }
      }
    }
  },
};

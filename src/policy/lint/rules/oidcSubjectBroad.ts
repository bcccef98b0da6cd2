import type { Rule } from '../rule';
import { identityProviderFacts, issuerReach } from '../../iam/identityProviders';
import { claimOf } from '../../iam/oidcProviders';
import { entryLowerPrefix, restrictingEntries, webIdentityTrusts } from '../../model/statements';
import { judgedSubjects } from './oidcSubjectValues';

const FACT = {
  'every-repository': 'Whether every one of them (and every one created later) should get this role decides this',
  'every-ref': 'Whether all of them — not only what runs reviewed code — should get this role decides this',
} as const;

export const oidcSubjectBroad: Rule = {
  meta: {
    code: 'oidc-subject-broad',
    severity: 'suggestion',
    needs: ['federated', 'condition'],
    description:
      'An OIDC condition pins your organisation but admits every repository, project or pipeline of it ("repo:org/*", CircleCI\'s organization-ID audience alone, Bitbucket\'s workspace audience alone), or every branch and pull request of one ("repo:org/repo:*", HCP Terraform "run_phase:*").',
    rationale:
      'Nobody outside your organisation gets in, so this is a suggestion, and the message names the fact that decides it: whether every repository of the organisation — and anyone who can create one or push a branch — should get the role. GitHub: "repo:OWNER/*" admits every repository of OWNER, "repo:OWNER/REPO:*" every branch, tag, environment and pull_request workflow; pin the branch or environment, and prefer the immutable repository_id / repository_owner_id claims to names, which can be renamed and taken over. GitLab "project_path:GROUP/*" likewise. HCP Terraform "run_phase:*" gives plan runs — which speculative plans of pull requests start — the apply role: give plan a read-only role. CircleCI\'s audience is the organization ID and Bitbucket\'s is the workspace, so aud alone admits every project: pin oidc.circleci.com/project-id or the sub\'s project, the repository UUID in Bitbucket\'s sub. Buildkite "organization:ORG:*" admits every pipeline. Formats and sources: src/policy/iam/identityProviders.ts.',
    badExample: `{
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
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const judged of judgedSubjects(statement)) {
        const kind = judged.finding.kind;
        if (kind !== 'every-repository' && kind !== 'every-ref') continue;
        reportAt(judged.value.node, `"${judged.value.value}": ${judged.finding.why}. ${FACT[kind]}; if not, pin it${judged.facts.subjectFormat ? ` (e.g. "${judged.facts.subjectFormat}")` : ''}.`);
      }
      // Per-organisation audiences (CircleCI, Bitbucket): aud alone admits every project of it.
      const restricting = restrictingEntries(statement);
      for (const trusted of webIdentityTrusts(statement)) {
        const host = trusted.provider.keyPrefix;
        const facts = identityProviderFacts(host);
        if (!facts.audiencePinsCaller || issuerReach(facts) !== 'own') continue;
        const prefix = host.toLowerCase();
        const onProvider = restricting.filter((e) => entryLowerPrefix(e) === prefix);
        const audience = onProvider.find((e) => claimOf(e.key) === 'aud');
        if (!audience || onProvider.some((e) => facts.subjectClaims.includes(claimOf(e.key)))) continue;
        reportAt(
          audience.keyNode,
          `${facts.name}'s audience is ${facts.audience}: aud alone admits every ${facts.name === 'CircleCI' ? 'project of the organization' : 'repository of the workspace'}. ${FACT['every-repository']}; if not, add StringLike on ${host}:${facts.subjectClaims[0]} (e.g. "${facts.subjectFormat}").`,
        );
      }
    }
  },
};

import type { Rule } from '../rule';
import { judgedSubjects } from './oidcSubjectValues';

export const oidcSubjectNeverMatches: Rule = {
  meta: {
    code: 'oidc-subject-never-matches',
    severity: 'error',
    needs: ['federated', 'condition'],
    description: 'A subject value that the provider never issues, e.g. a GitLab "ref_type" other than branch or tag, or an HCP Terraform "run_phase" other than plan or apply.',
    rationale:
      'GitLab\'s subject is "project_path:GROUP/PROJECT:ref_type:TYPE:ref:NAME", where ref_type is only ever "branch" or "tag" (GitLab, "ID token authentication", token payload), and it always begins with "project_path:" (custom sub components must start with it). HCP Terraform\'s run_phase is "plan" or "apply". A value with another literal there matches no token: an error when every value of the condition is such (the statement can never be used), a warning when only some are (those values are dead, and the role probably does not trust what you meant). Formats and sources: src/policy/iam/identityProviders.ts.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/gitlab.com" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": {
        "gitlab.com:aud": "https://gitlab.com",
        "gitlab.com:sub": "project_path:mygroup/myproject:ref_type:merge_request:ref:main"
      }
    }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/gitlab.com" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": {
        "gitlab.com:aud": "https://gitlab.com",
        "gitlab.com:sub": "project_path:mygroup/myproject:ref_type:branch:ref:main"
      }
    }
  }]
}`,
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      const judged = judgedSubjects(statement).filter((j) => j.finding.kind === 'never-matches');
      for (const j of judged) {
        const dead = judged.filter((other) => other.entry === j.entry).length;
        const live = j.entry.values.length - dead;
        reportAt(
          j.value.node,
          live === 0
            ? `"${j.value.value}" matches no token: ${j.finding.why}, so nobody can assume the role through this statement`
            : `"${j.value.value}" matches no token: ${j.finding.why}; the other value${live > 1 ? 's' : ''} of this condition still work${live > 1 ? '' : 's'}`,
          undefined,
          live === 0 ? 'error' : 'warning',
        );
      }
    }
  },
};

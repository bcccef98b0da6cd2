import type { Rule } from '../rule';

export const jsonSyntax: Rule = {
  meta: {
    code: 'json-syntax',
    severity: 'error',
    description: 'The document is not strict JSON.',
    rationale:
      'IAM parses trust policies as strict JSON. Comments, trailing commas and other leniencies that editors accept make CreateRole and UpdateAssumeRolePolicy fail with MalformedPolicyDocument.',
    badExample: '{\n  "Version": "2012-10-17", // current grammar\n  "Statement": [],\n}',
    goodExample: '{\n  "Version": "2012-10-17",\n  "Statement": []\n}',
    accessAnalyzer: 'JSON syntax error',
  },
  check({ policy, report }) {
    for (const problem of policy.syntaxProblems) report(problem);
  },
};

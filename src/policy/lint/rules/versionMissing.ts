import type { Rule } from '../rule';

export const versionMissing: Rule = {
  meta: {
    code: 'version-missing',
    severity: 'warning',
    description: 'The policy has no Version, so IAM reads it with the legacy 2008-10-17 grammar.',
    rationale:
      'Without "Version": "2012-10-17", policy variables such as ${aws:PrincipalTag/team} are not substituted: they are compared as literal text and conditions using them silently never match.',
    badExample: `{
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    accessAnalyzer: 'Missing version',
  },
  check({ model, reportAt }) {
    // A statement alone: statement-missing's wrapping adds the Version.
    if (model.root && !model.loneStatement && !model.elements.has('Version')) {
      reportAt(model.root, 'No "Version": add "Version": "2012-10-17" (without it IAM uses the 2008 grammar, without policy variables)');
    }
  },
};

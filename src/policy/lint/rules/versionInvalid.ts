import type { Rule } from '../rule';

export const VERSIONS = ['2012-10-17', '2008-10-17'];

export const versionInvalid: Rule = {
  meta: {
    code: 'version-invalid',
    severity: 'error',
    description: 'Version is not "2012-10-17" or "2008-10-17".',
    rationale:
      'Version names the policy grammar, not a date you choose: IAM accepts only the two published versions and rejects anything else, including today\'s date.',
    badExample: `{
  "Version": "2024-01-01",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    accessAnalyzer: 'Invalid version',
  },
  check({ model, reportAt }) {
    const element = model.elements.get('Version');
    if (!element?.value) return;
    if (element.value.type !== 'string') {
      reportAt(element.value, 'Version must be the string "2012-10-17"');
    } else if (!VERSIONS.includes(String(element.value.value))) {
      reportAt(element.value, `Version "${element.value.value}" does not exist: use "2012-10-17", the current policy grammar`);
    }
  },
};

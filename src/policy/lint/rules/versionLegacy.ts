import type { Rule } from '../rule';

export const versionLegacy: Rule = {
  meta: {
    code: 'version-legacy',
    severity: 'warning',
    description: 'Version "2008-10-17" is the legacy grammar, without policy variables.',
    rationale:
      'Under 2008-10-17, policy variables such as ${aws:username} are compared as literal text, so conditions that use them never match. New policies should use 2012-10-17.',
    badExample: `{
  "Version": "2008-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
  },
  check({ model, reportAt }) {
    const value = model.elements.get('Version')?.value;
    if (value?.type === 'string' && value.value === '2008-10-17') {
      reportAt(value, 'Version "2008-10-17" is the legacy grammar without policy variables: use "2012-10-17"');
    }
  },
};

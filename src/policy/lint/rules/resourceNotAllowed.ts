import type { Rule } from '../rule';

const RESOURCE_ELEMENTS = ['Resource', 'NotResource'];

export const resourceNotAllowed: Rule = {
  meta: {
    code: 'resource-not-allowed',
    severity: 'error',
    needs: ['resource'],
    description: 'Resource or NotResource in a trust policy.',
    rationale:
      'A trust policy is attached to the role it protects, so the resource is always that role: IAM rejects Resource and NotResource in it. (They belong in identity policies, such as the caller\'s permission to call sts:AssumeRole on this role.)',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "ec2.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Resource": "*"
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    accessAnalyzer: 'Unsupported resource in role trust policy',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const name of RESOURCE_ELEMENTS) {
        const element = statement.elements.get(name);
        if (element) reportAt(element.key, `${name} is not allowed in a trust policy: the resource is always the role itself; remove it`);
      }
    }
  },
};

import type { Rule } from '../rule';
import { principalEntries, restrictedKeys } from '../../model/statements';

/** Keys that pin who the caller is (or on whose behalf a service calls). */
export const CALLER_KEYS = [
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:userid',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
];

export const publicPrincipal: Rule = {
  meta: {
    code: 'public-principal',
    severity: 'security',
    description: 'The role trusts every AWS principal ("*") with no condition on who the caller is.',
    rationale:
      'A wildcard principal lets any principal of any AWS account assume the role, subject only to its own identity policy — which the attacker writes. Restrict it with aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn, or name the trusted accounts. sts:ExternalId is not a secret and does not restrict who calls.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole" }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "*" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }
  }]
}`,
    accessAnalyzer: 'Allows public access (external access finding)',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      if (statement.effect !== 'Allow') continue;
      const keys = restrictedKeys(statement);
      if (CALLER_KEYS.some((k) => keys.has(k))) continue;
      for (const entry of principalEntries(statement)) {
        if ((entry.type === '*' || entry.type === 'AWS') && entry.item.kind === 'string' && entry.item.value === '*') {
          reportAt(
            entry.item.node,
            'Anyone in any AWS account can assume this role: add a condition on aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn, or name the trusted accounts',
          );
        }
      }
    }
  },
};

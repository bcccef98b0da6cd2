import { actionReceivesKey } from '../../iam/conditionKeys';
import type { Rule } from '../rule';
import { allowedStsActions } from '../../model/statements';

export const conditionKeyNotApplicable: Rule = {
  meta: {
    code: 'condition-key-not-applicable',
    severity: 'warning',
    needs: ['condition'],
    description: 'A real condition key that the statement\'s actions never receive, e.g. s3:prefix, or saml:aud for sts:AssumeRole.',
    rationale:
      'A key absent from the request makes a positive condition always false (nobody gets in) and a negated or IfExists one always true (the condition restricts nothing). Trust-policy requests carry the global keys and the keys of the sts action being called.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "s3:prefix": "home/" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }
  }]
}`,
    accessAnalyzer: 'Unsupported condition key for action',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      if (statement.actions.length === 0) continue;
      const allowed = allowedStsActions(statement);
      if (allowed.size === 0) continue;
      let actions: string[] | undefined; // made for the first service key only
      for (const entry of statement.conditions) {
        const info = entry.keyInfo;
        if (!info || info.global) continue;
        actions ??= [...allowed];
        if (actions.some((action) => actionReceivesKey(action, entry.key, info))) continue;
        const service = entry.key.slice(0, entry.key.indexOf(':'));
        reportAt(
          entry.keyNode,
          service.toLowerCase() === 'sts' || service.toLowerCase() === 'saml' || service.includes('.')
            ? `${entry.key} is not present in ${actions.map((a) => `sts:${a}`).join(', ')} requests, so this condition never sees a value`
            : `${entry.key} belongs to ${service} requests; a trust policy only sees sts requests, so it never has a value here`,
        );
      }
    }
  },
};

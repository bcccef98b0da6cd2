import type { Rule } from '../rule';
import { restrictingEntries } from '../../model/statements';
import { SOURCE_KEYS, sourceEntries, trustsService } from './sourceConditions';

export const sourceConditionNegated: Rule = {
  meta: {
    code: 'source-condition-negated',
    severity: 'warning',
    needs: ['service', 'condition'],
    description: 'A negated operator (StringNotEquals, ArnNotLike …) on aws:SourceAccount, aws:SourceArn, aws:SourceOrgID or aws:SourceOrgPaths in an Allow statement that trusts a service.',
    rationale:
      'In an Allow statement a negated operator admits every value but the ones listed, and also a request that carries no such key (IAM User Guide, "Condition operators": negated operators match when the key is absent). "StringNotEquals aws:SourceAccount 444455556666" keeps one account out and lets every other in, so it binds nothing of what a confused-deputy condition is for. Use the positive operator with your own account, organization or resource ARN. (In a Deny statement the negated form is the right one; it is not reported there.)',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "sns.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringNotEquals": { "aws:SourceAccount": "444455556666" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "sns.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:SourceAccount": "111122223333" } }
  }]
}`,
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      if (!trustsService(statement)) continue;
      // A positive source condition beside it binds; the negated one only narrows it further.
      if (restrictingEntries(statement).some((e) => SOURCE_KEYS.includes(e.lowerKey))) continue;
      for (const entry of sourceEntries(statement)) {
        if (!entry.op.negated) continue;
        reportAt(
          entry.operatorKey,
          `${entry.operator} on ${entry.key} in an Allow statement admits every other value, and requests without the key: it does not restrict who the service acts for. Use ${entry.operator.replace(/Not/, '')} with your own ${/arn/i.test(entry.key) ? 'resource ARN' : /org/i.test(entry.key) ? 'organization' : 'account'}.`,
        );
      }
    }
  },
};

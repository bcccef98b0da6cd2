import type { Rule } from '../rule';
import { restrictingEntries } from '../../model/statements';
import { hasNullFalseGuard, SOURCE_KEYS, sourceEntries, trustsService } from './sourceConditions';

export const sourceConditionIfExists: Rule = {
  meta: {
    code: 'source-condition-if-exists',
    severity: 'warning',
    needs: ['service', 'condition'],
    description: 'A confused-deputy condition (aws:SourceAccount, aws:SourceArn, aws:SourceOrgID, aws:SourceOrgPaths) written with …IfExists or ForAllValues and no Null: false guard, so a request without the key passes.',
    rationale:
      '…IfExists is true when the key is missing, and ForAllValues is true for an empty set (IAM User Guide, "…IfExists condition operators" and "Set operators for multivalued context keys"). A service request that carries no source context therefore passes the condition, which then binds nothing. Use the plain operator, or add "Null": { "aws:SourceAccount": "false" } so the key must be present.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "sns.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEqualsIfExists": { "aws:SourceAccount": "111122223333" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "sns.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": {
      "StringEqualsIfExists": { "aws:SourceAccount": "111122223333" },
      "Null": { "aws:SourceAccount": "false" }
    }
  }]
}`,
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      if (!trustsService(statement)) continue;
      // Another source key restricted outright already binds the request.
      if (restrictingEntries(statement).some((e) => SOURCE_KEYS.includes(e.lowerKey))) continue;
      for (const entry of sourceEntries(statement)) {
        const op = entry.op;
        if (!op.base || op.negated || op.base === 'Null') continue;
        if (!op.ifExists && op.setOperator !== 'ForAllValues') continue;
        if (hasNullFalseGuard(statement, entry.key)) continue;
        const form = op.ifExists ? '…IfExists' : 'ForAllValues';
        reportAt(
          entry.operatorKey,
          `${entry.operator} on ${entry.key} passes when the request has no ${entry.key} (${form}), so it does not bind the service to your ${/arn/i.test(entry.key) ? 'resource' : 'account'}: drop ${op.ifExists ? 'IfExists' : 'ForAllValues:'} or add "Null": { "${entry.key}": "false" }`,
        );
      }
    }
  },
};

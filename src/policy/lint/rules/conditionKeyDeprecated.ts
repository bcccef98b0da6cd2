import { DEPRECATED_GLOBAL_KEYS } from '../../iam/deprecatedKeys';
import type { Rule } from '../rule';

// IAM Access Analyzer, "General Warning – Deprecated global condition key":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-general-warning-deprecated-global-condition-key

const DEPRECATED_KEY_LENGTHS = Object.keys(DEPRECATED_GLOBAL_KEYS).map((key) => key.length);

export const conditionKeyDeprecated: Rule = {
  meta: {
    code: 'condition-key-deprecated',
    severity: 'warning',
    needs: ['condition'],
    description: 'A deprecated global condition key: aws:ARN, where aws:PrincipalArn (who calls) or aws:SourceArn (on whose behalf a service calls) is meant.',
    rationale:
      'aws:ARN is an old global key that the list of global condition keys no longer documents; IAM Access Analyzer reports it and recommends aws:PrincipalArn or aws:SourceArn. In a trust policy the caller\'s ARN is aws:PrincipalArn and the resource a service acts for is aws:SourceArn. Reported as a warning: whether IAM still fills aws:ARN in for a given request is not documented, so a condition on it may never match (or, negated, always). Quick fix: rename the key. Source: IAM User Guide, Access Analyzer policy check reference, "Deprecated global condition key" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "ArnLike": { "aws:ARN": "arn:aws:iam::111122223333:role/ci-*" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/ci-*" } }
  }]
}`,
    accessAnalyzer: 'Deprecated global condition key',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const entry of statement.conditions) {
        // deprecatedGlobalKey(entry.key), without lower-casing the key again, nor looking up a
        // key of another length (a property look-up by a new string must first intern it).
        const lower = entry.lowerKey;
        if (!DEPRECATED_KEY_LENGTHS.includes(lower.length)) continue;
        const replacement = Object.prototype.hasOwnProperty.call(DEPRECATED_GLOBAL_KEYS, lower) ? DEPRECATED_GLOBAL_KEYS[lower] : undefined;
        if (!replacement) continue;
        const onlyServices = statement.principals.length > 0 && statement.principals.every((p) => p.type === 'Service');
        const use = onlyServices
          ? `${replacement.forServices} (the resource the service acts for)`
          : `${replacement.forCallers} (the caller's ARN), or ${replacement.forServices} for a service's source resource`;
        reportAt(entry.keyNode, `${entry.key} is a deprecated global condition key: use ${use}`);
      }
    }
  },
};

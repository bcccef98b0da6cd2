import type { Rule } from '../rule';
import { principalEntries, restrictedKeys } from '../../model/statements';

const SOURCE_KEYS = ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths'];

/**
 * Services that assume the role for one of your own resources that you configured with it
 * (an instance profile), and do not send aws:SourceAccount/aws:SourceArn: a condition on
 * them would make the role unusable. AWS's confused-deputy guidance targets services that act
 * for many customers (IAM User Guide, "The confused deputy problem"; EC2 instance profiles
 * carry no source context).
 */
export const SERVICES_WITHOUT_SOURCE_CONTEXT = ['ec2.amazonaws.com'];

export const serviceConfusedDeputy: Rule = {
  meta: {
    code: 'service-confused-deputy',
    severity: 'security',
    description: 'A service principal is trusted with no aws:SourceAccount, aws:SourceArn, aws:SourceOrgID or aws:SourceOrgPaths condition.',
    rationale:
      'A service acts for every customer. Without a condition on whose behalf it calls, another customer could have the service assume your role for their own resource (the cross-service confused deputy). AWS recommends aws:SourceArn and aws:SourceAccount in service role trust policies.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "states.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "states.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:SourceAccount": "111122223333" } }
  }]
}`,
    accessAnalyzer: 'Restrict access to service principal',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      if (statement.effect !== 'Allow') continue;
      const keys = restrictedKeys(statement);
      if (SOURCE_KEYS.some((k) => keys.has(k))) continue;
      for (const entry of principalEntries(statement)) {
        if (entry.type !== 'Service' || entry.item.kind !== 'string') continue;
        if (SERVICES_WITHOUT_SOURCE_CONTEXT.includes(entry.item.value)) continue;
        reportAt(
          entry.item.node,
          `${entry.item.value} acts for every AWS customer: add an aws:SourceAccount (your account) or aws:SourceArn (your resource, with ArnLike) condition so that it can assume this role only on your behalf`,
        );
      }
    }
  },
};

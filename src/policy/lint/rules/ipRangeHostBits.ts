import { parseIpRange } from '../../iam/ipRanges';
import type { Rule } from '../rule';

// IAM Access Analyzer, "Suggestion – Improve IP range":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-suggestion-improve-ip-range

export const ipRangeHostBits: Rule = {
  meta: {
    code: 'ip-range-host-bits',
    severity: 'suggestion',
    needs: ['ip-condition'],
    description: 'A CIDR range with bits set after its prefix, e.g. "203.0.113.7/24", which IAM reads as 203.0.113.0/24.',
    rationale:
      'IAM ignores the bits of the address after the prefix length, so "203.0.113.7/24" admits the whole 203.0.113.0/24. If one address was meant, the range is 256 times wider than intended; if the range was meant, writing its first address says so. A suggestion: which one was meant is not in the text. Source: IAM User Guide, Access Analyzer policy check reference, "Improve IP range" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "IpAddress": { "aws:SourceIp": "203.0.113.7/24" } }
  }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "IpAddress": { "aws:SourceIp": "203.0.113.0/24" } }
  }]
}`,
    accessAnalyzer: 'Improve IP range',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const entry of statement.conditions) {
        if (entry.op.valueType !== 'IPAddress') continue;
        for (const v of entry.values) {
          if (v.kind !== 'string') continue;
          const range = parseIpRange(v.value);
          if (!range?.hostBitsSet) continue;
          reportAt(v.node, `"${v.value}" has bits set after its /${range.bits} prefix, which IAM ignores: it means ${range.canonical}; write that, or /${range.version === 4 ? 32 : 128} for the single address`);
        }
      }
    }
  },
};

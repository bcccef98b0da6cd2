import { isPrivateRange, parseIpRange } from '../../iam/ipRanges';
import type { Rule } from '../rule';

// IAM Access Analyzer, "Error – Private IP address", "Error – Private NotIpAddress", "Suggestion –
// Private IP address subset", "Suggestion – Private NotIpAddress subset":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-private-ip-address
// aws:SourceIp: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip

export const sourceIpPrivate: Rule = {
  meta: {
    code: 'source-ip-private',
    severity: 'error',
    needs: ['ip-condition'],
    description: 'aws:SourceIp compared with private IP ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7 …), which it never holds.',
    rationale:
      'aws:SourceIp is the public address a request comes from; a request through a VPC endpoint has no aws:SourceIp at all (aws:VpcSourceIp holds its private address). So IpAddress with only private ranges never matches: an error, the statement can never work. IpAddressIfExists with only private ranges matches only requests without the key (through a VPC endpoint): a warning, since that may be meant but aws:VpcSourceIp says it. NotIpAddress with only private ranges always matches, so the condition has no effect: a warning, whether that lets anyone in depends on the statement\'s other conditions. Private ranges beside public ones are a suggestion: they add nothing. Source: IAM User Guide, Access Analyzer policy check reference, "Private IP address", "Private NotIpAddress" and their "subset" suggestions (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sts:AssumeRole",
    "Condition": { "IpAddress": { "aws:SourceIp": "10.0.0.0/8" } }
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
    accessAnalyzer: 'Private IP address / Private NotIpAddress (and their subset suggestions)',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      for (const entry of statement.conditions) {
        if (entry.lowerKey !== 'aws:sourceip' || entry.op.valueType !== 'IPAddress') continue;
        const ranges = entry.values.map((v) => (v.kind === 'string' ? parseIpRange(v.value) : undefined));
        // A value that is no address is condition-type-mismatch's; judge only a list of addresses.
        if (ranges.length === 0 || ranges.some((r) => r === undefined)) continue;
        const isPrivate = ranges.map((r) => isPrivateRange(r!));
        const privateCount = isPrivate.filter(Boolean).length;
        if (privateCount === 0) continue;
        const { negated, ifExists } = entry.op;
        if (privateCount === ranges.length) {
          const message = negated
            ? `${entry.operator} with only private ranges always matches: aws:SourceIp is a public address (or absent, through a VPC endpoint), so this condition has no effect; for private addresses use aws:VpcSourceIp`
            : ifExists
              ? `${entry.operator} with only private ranges matches only requests without aws:SourceIp (through a VPC endpoint): aws:SourceIp is never a private address; to allow private addresses use aws:VpcSourceIp`
              : `${entry.operator} with only private ranges never matches: aws:SourceIp is the public address a request comes from (a request through a VPC endpoint has none); for private addresses use aws:VpcSourceIp`;
          reportAt(entry.keyNode, message, undefined, negated || ifExists ? 'warning' : 'error');
          continue;
        }
        entry.values.forEach((v, i) => {
          if (!isPrivate[i]) return;
          reportAt(v.node, `"${v.value}" is a private range: aws:SourceIp never holds one (it is the public address of the request), so this value ${negated ? 'excludes nothing' : 'admits nobody'}; for private addresses use aws:VpcSourceIp`, undefined, 'suggestion');
        });
      }
    }
  },
};

import type { ParsedPolicy } from '../../syntax/parse';

let last: { text: string; size: number } | undefined;

/** The size IAM counts against the trust-policy quota: characters other than whitespace. */
export function countedSize({ text, whitespace }: ParsedPolicy): number {
  // The strict-JSON parser counted the whitespace while reading the text.
  if (whitespace !== undefined) return text.length - whitespace;
  // Both size rules ask about the same text in a row.
  if (last?.text === text) return last.size;
  let size = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) size++;
  }
  last = { text, size };
  return size;
}

export const DEFAULT_QUOTA = 2048;

/** A policy trusting `accounts` accounts by ARN: the rules' documented oversized example. */
export function policyTrustingAccounts(accounts: number): string {
  const arns = Array.from({ length: accounts }, (_, i) => `"arn:aws:iam::111122223${String(i).padStart(3, '0')}:root"`).join(', ');
  return `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": { "AWS": [${arns}] } }]
}`;
}

/** The fix both size rules recommend: trust the organisation instead of listing accounts. */
export const ORGANIZATION_TRUST_EXAMPLE = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "*" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }
  }]
}`;
export const MAX_QUOTA = 4096;

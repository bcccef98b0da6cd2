export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the account, e.g. `role/path/Name`. */
  resource: string;
  /** `role`, `user`, `assumed-role`, `root`, `function` … (the resource up to the first `/` or `:`). */
  resourceType: string;
  /** The rest of the resource after its type. */
  resourceName: string;
}

/** Splits an ARN into its parts; undefined when the text does not have the six parts of one. */
export function parseArn(text: string): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  const resource = parts.slice(5).join(':');
  // Resource types end at the first / (role/Name) or : (function:Name).
  const slash = resource.search(/[/:]/);
  return {
    partition,
    service,
    region,
    account,
    resource,
    resourceType: slash < 0 ? resource : resource.slice(0, slash),
    resourceName: slash < 0 ? '' : resource.slice(slash + 1),
  };
}

export type AwsPrincipalKind = 'wildcard' | 'account' | 'root' | 'role' | 'user' | 'assumed-role' | 'federated-user' | 'unique-id';

export interface AwsPrincipal {
  kind: AwsPrincipalKind;
  /** The 12-digit account, when the principal names one. */
  account?: string;
  partition?: string;
  name?: string;
  /** For kind 'unique-id': whether the ID is a role's (AROA…) or a user's (AIDA…). */
  uniqueIdOf?: 'role' | 'user';
}

/**
 * The prefixes of IAM unique IDs and what they identify (IAM User Guide, "Understanding unique
 * ID prefixes": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes).
 * Only a role's or a user's can stand in a Principal: IAM stores a trusted role or user as its
 * unique ID and shows the ID once the role or user is deleted.
 */
export const UNIQUE_ID_PREFIXES: Readonly<Record<string, string>> = {
  ABIA: 'an AWS STS service bearer token',
  ACCA: 'a context-specific credential',
  AGPA: 'a user group',
  AIDA: 'an IAM user',
  AIPA: 'an Amazon EC2 instance profile',
  AKIA: 'an access key',
  ANPA: 'a managed policy',
  ANVA: 'a version of a managed policy',
  APKA: 'a public key',
  AROA: 'an IAM role',
  ASCA: 'a certificate',
  ASIA: 'a temporary (AWS STS) access key',
};

/** The prefix of an IAM unique ID (AROA…, AIDA…, AKIA…), when the value has the shape of one. */
export function uniqueIdPrefix(value: string): string | undefined {
  const prefix = value.slice(0, 4);
  return /^A[A-Z]{3}[A-Z0-9]{12,124}$/.test(value) && prefix in UNIQUE_ID_PREFIXES ? prefix : undefined;
}

/** What an AWS principal value means; undefined when IAM would not accept it. */
export function parseAwsPrincipal(value: string): AwsPrincipal | undefined {
  if (value === '*') return { kind: 'wildcard' };
  if (/^\d{12}$/.test(value)) return { kind: 'account', account: value };
  const idPrefix = uniqueIdPrefix(value);
  if (idPrefix === 'AROA' || idPrefix === 'AIDA') return { kind: 'unique-id', name: value, uniqueIdOf: idPrefix === 'AROA' ? 'role' : 'user' };
  const arn = parseArn(value);
  if (!arn || !/^\d{12}$/.test(arn.account) || arn.region !== '') return undefined;
  const base = { account: arn.account, partition: arn.partition };
  if (arn.service === 'iam') {
    if (arn.resource === 'root') return { kind: 'root', ...base };
    if ((arn.resourceType === 'role' || arn.resourceType === 'user') && arn.resourceName) {
      return { kind: arn.resourceType, ...base, name: arn.resourceName };
    }
  }
  if (arn.service === 'sts') {
    if (arn.resourceType === 'assumed-role' && /^[^/]+\/[^/]+$/.test(arn.resourceName)) return { kind: 'assumed-role', ...base, name: arn.resourceName };
    if (arn.resourceType === 'federated-user' && arn.resourceName) return { kind: 'federated-user', ...base, name: arn.resourceName };
  }
  return undefined;
}

/** In words, for hovers and messages: whom a principal entry lets in. */
export function describePrincipal(entry: { type: string; value: string }): string {
  const { type, value } = entry;
  if (type === '*' || (type === 'AWS' && value === '*')) return 'anyone: every AWS principal of every account (restrict it with a condition)';
  if (type === 'Service') return `the AWS service ${value}, when it acts on some customer\'s behalf`;
  if (type === 'Federated') return `users of the identity provider ${value}`;
  if (type === 'CanonicalUser') return `the Amazon S3 canonical user ${value}`;
  const p = parseAwsPrincipal(value);
  if (!p) return value;
  switch (p.kind) {
    case 'account':
    case 'root':
      return `any IAM principal in account ${p.account} that its own policies allow (not only the root user)`;
    case 'role':
      return `the IAM role ${p.name} of account ${p.account}, and its sessions`;
    case 'user':
      return `the IAM user ${p.name} of account ${p.account}`;
    case 'assumed-role':
      return `only the session ${p.name!.split('/')[1]} of role ${p.name!.split('/')[0]} in account ${p.account}`;
    case 'federated-user':
      return `the federated user ${p.name} of account ${p.account}`;
    case 'unique-id':
      return `the ${p.uniqueIdOf} with unique ID ${p.name}, only while that very ${p.uniqueIdOf} exists (IAM shows the ID once it was deleted; one recreated under the same name has another ID)`;
    default:
      return value;
  }
}

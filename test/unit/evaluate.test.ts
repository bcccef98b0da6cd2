import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeDecision, evaluate, type AssumeRequest, type Decision } from '../../src/policy/evaluate/evaluate';

// Every expectation below is written by hand from the IAM User Guide (condition operators,
// multi-valued keys, policy variables, Principal element), not taken from the implementation.

const ACCT = '111122223333';
const OTHER = '444455556666';
const USER = `arn:aws:iam::${ACCT}:user/alice`;
const ROLE = `arn:aws:iam::${ACCT}:role/Deployer`;
const SESSION = `arn:aws:sts::${ACCT}:assumed-role/Deployer/build-42`;
const GITHUB = `arn:aws:iam::${ACCT}:oidc-provider/token.actions.githubusercontent.com`;
const SAML = `arn:aws:iam::${ACCT}:saml-provider/Okta`;

type Context = AssumeRequest['context'];

const aws = (id: string, context?: Context, action = 'sts:AssumeRole'): AssumeRequest => ({ principal: { type: 'AWS', id }, action, context });

/** A 2012-10-17 policy with one Allow statement trusting the whole account, with the given conditions. */
function trustAccount(condition?: object, version: string | null = '2012-10-17') {
  const statement: Record<string, unknown> = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'sts:AssumeRole' };
  if (condition) statement.Condition = condition;
  return version === null ? { Statement: [statement] } : { Version: version, Statement: [statement] };
}

// ---------------------------------------------------------------------------------------------
// Condition operators: one operator, one key, a context, whether the condition holds.

interface ConditionCase {
  name: string;
  op: string;
  key: string;
  values: unknown;
  context?: Context;
  caller?: string;
  /** The policy's Version; null for none. */
  version?: string | null;
  holds: boolean;
}

const conditionCases: ConditionCase[] = [
  // String
  { name: 'StringEquals exact', op: 'StringEquals', key: 'sts:ExternalId', values: 'abc', context: { 'sts:ExternalId': 'abc' }, holds: true },
  { name: 'StringEquals is case-sensitive', op: 'StringEquals', key: 'sts:ExternalId', values: 'abc', context: { 'sts:ExternalId': 'ABC' }, holds: false },
  { name: 'StringEquals with the key absent', op: 'StringEquals', key: 'sts:ExternalId', values: 'abc', holds: false },
  { name: 'StringEquals: several values are OR', op: 'StringEquals', key: 'sts:ExternalId', values: ['x', 'abc'], context: { 'sts:ExternalId': 'abc' }, holds: true },
  { name: 'StringEquals: no wildcard meaning', op: 'StringEquals', key: 'sts:ExternalId', values: 'ab*', context: { 'sts:ExternalId': 'abc' }, holds: false },
  { name: 'StringEquals: * compared literally', op: 'StringEquals', key: 'sts:ExternalId', values: 'ab*', context: { 'sts:ExternalId': 'ab*' }, holds: true },
  { name: 'StringEquals: key names ignore case', op: 'StringEquals', key: 'STS:EXTERNALID', values: 'abc', context: { 'sts:externalid': 'abc' }, holds: true },
  { name: 'StringEquals: number in the policy compared as text', op: 'StringEquals', key: 'aws:PrincipalTag/level', values: 5, context: { 'aws:PrincipalTag/level': '5' }, holds: true },
  { name: 'StringNotEquals with another value', op: 'StringNotEquals', key: 'sts:ExternalId', values: 'abc', context: { 'sts:ExternalId': 'xyz' }, holds: true },
  { name: 'StringNotEquals: several values are NOR', op: 'StringNotEquals', key: 'sts:ExternalId', values: ['a', 'b'], context: { 'sts:ExternalId': 'b' }, holds: false },
  { name: 'StringNotEquals: NOR, none matches', op: 'StringNotEquals', key: 'sts:ExternalId', values: ['a', 'b'], context: { 'sts:ExternalId': 'c' }, holds: true },
  { name: 'StringNotEquals with the key absent holds', op: 'StringNotEquals', key: 'sts:ExternalId', values: 'abc', holds: true },
  { name: 'StringEqualsIgnoreCase', op: 'StringEqualsIgnoreCase', key: 'sts:RoleSessionName', values: 'Alice', context: { 'sts:RoleSessionName': 'ALICE' }, holds: true },
  { name: 'StringNotEqualsIgnoreCase with the same text in other case', op: 'StringNotEqualsIgnoreCase', key: 'sts:RoleSessionName', values: 'Alice', context: { 'sts:RoleSessionName': 'alice' }, holds: false },
  { name: 'StringLike prefix *', op: 'StringLike', key: 'token.actions.githubusercontent.com:sub', values: 'repo:octo-org/*', context: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/app:ref:refs/heads/main' }, holds: true },
  { name: 'StringLike ? is one character', op: 'StringLike', key: 'sts:RoleSessionName', values: 'build-4?', context: { 'sts:RoleSessionName': 'build-42' }, holds: true },
  { name: 'StringLike ? is exactly one character', op: 'StringLike', key: 'sts:RoleSessionName', values: 'a?c', context: { 'sts:RoleSessionName': 'ac' }, holds: false },
  { name: 'StringLike is case-sensitive', op: 'StringLike', key: 'sts:RoleSessionName', values: 'A*', context: { 'sts:RoleSessionName': 'abc' }, holds: false },
  { name: 'StringLike * matches the empty string', op: 'StringLike', key: 'sts:RoleSessionName', values: '*', context: { 'sts:RoleSessionName': '' }, holds: true },
  { name: 'StringLike: a dot is no regex', op: 'StringLike', key: 'sts:RoleSessionName', values: 'a.c', context: { 'sts:RoleSessionName': 'abc' }, holds: false },
  { name: 'StringLike: regex syntax is literal', op: 'StringLike', key: 'sts:RoleSessionName', values: '(a|b)+', context: { 'sts:RoleSessionName': '(a|b)+' }, holds: true },
  { name: 'StringLike: regex syntax does not act', op: 'StringLike', key: 'sts:RoleSessionName', values: '(a|b)+', context: { 'sts:RoleSessionName': 'a' }, holds: false },
  { name: 'StringLike with backtracking', op: 'StringLike', key: 'sts:RoleSessionName', values: '*a*b?', context: { 'sts:RoleSessionName': 'xxaybbz' }, holds: true },
  { name: 'StringLike matches the whole value', op: 'StringLike', key: 'sts:RoleSessionName', values: 'abc', context: { 'sts:RoleSessionName': 'xabcx' }, holds: false },
  { name: 'StringNotLike: the value matches the pattern', op: 'StringNotLike', key: 'sts:RoleSessionName', values: 'key1*', context: { 'sts:RoleSessionName': 'key1x' }, holds: false },
  { name: 'StringNotLike: the value does not match', op: 'StringNotLike', key: 'sts:RoleSessionName', values: 'key1*', context: { 'sts:RoleSessionName': 'key2' }, holds: true },
  { name: 'StringNotLike with the key absent holds (docs: Important box)', op: 'StringNotLike', key: 'sts:RoleSessionName', values: 'key1*', holds: true },
  // Numeric
  { name: 'NumericLessThan', op: 'NumericLessThan', key: 'aws:MultiFactorAuthAge', values: '3600', context: { 'aws:MultiFactorAuthAge': 100 }, holds: true },
  { name: 'NumericLessThan at the bound', op: 'NumericLessThan', key: 'aws:MultiFactorAuthAge', values: '3600', context: { 'aws:MultiFactorAuthAge': 3600 }, holds: false },
  { name: 'NumericLessThanEquals at the bound', op: 'NumericLessThanEquals', key: 'aws:MultiFactorAuthAge', values: '3600', context: { 'aws:MultiFactorAuthAge': '3600' }, holds: true },
  { name: 'NumericGreaterThan', op: 'NumericGreaterThan', key: 's3:max-keys', values: 10, context: { 's3:max-keys': '11' }, holds: true },
  { name: 'NumericGreaterThanEquals below', op: 'NumericGreaterThanEquals', key: 's3:max-keys', values: 10, context: { 's3:max-keys': 9 }, holds: false },
  { name: 'NumericEquals compares numbers, not text', op: 'NumericEquals', key: 's3:max-keys', values: '10', context: { 's3:max-keys': '10.0' }, holds: true },
  { name: 'NumericNotEquals: NOR, none equal', op: 'NumericNotEquals', key: 's3:max-keys', values: ['1', '2'], context: { 's3:max-keys': 3 }, holds: true },
  { name: 'NumericNotEquals: NOR, one equal', op: 'NumericNotEquals', key: 's3:max-keys', values: ['1', '2'], context: { 's3:max-keys': 2 }, holds: false },
  { name: 'NumericEquals with a non-number in the request', op: 'NumericEquals', key: 's3:max-keys', values: '10', context: { 's3:max-keys': 'ten' }, holds: false },
  { name: 'NumericLessThan with the key absent', op: 'NumericLessThan', key: 'aws:MultiFactorAuthAge', values: '3600', holds: false },
  // Date
  { name: 'DateGreaterThan (docs example, aws:TokenIssueTime)', op: 'DateGreaterThan', key: 'aws:TokenIssueTime', values: '2020-01-01T00:00:01Z', context: { 'aws:TokenIssueTime': '2024-05-01T12:00:00Z' }, holds: true },
  { name: 'DateLessThan, later request', op: 'DateLessThan', key: 'aws:CurrentTime', values: '2020-01-01T00:00:00Z', context: { 'aws:CurrentTime': '2024-05-01T12:00:00Z' }, holds: false },
  { name: 'DateEquals: epoch seconds against ISO 8601', op: 'DateEquals', key: 'aws:CurrentTime', values: '1577836800', context: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' }, holds: true },
  { name: 'DateLessThanEquals: a date alone is midnight UTC', op: 'DateLessThanEquals', key: 'aws:CurrentTime', values: '2020-01-01', context: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' }, holds: true },
  { name: 'DateEquals across time zones', op: 'DateEquals', key: 'aws:CurrentTime', values: '2020-01-01T02:00:00+02:00', context: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' }, holds: true },
  { name: 'DateNotEquals, same instant', op: 'DateNotEquals', key: 'aws:CurrentTime', values: '2020-01-01T00:00:00Z', context: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' }, holds: false },
  { name: 'DateGreaterThan: epoch number in the request', op: 'DateGreaterThan', key: 'aws:EpochTime', values: '2023-01-01T00:00:00Z', context: { 'aws:EpochTime': 1700000000 }, holds: true },
  { name: 'DateGreaterThan with a non-date request value', op: 'DateGreaterThan', key: 'aws:CurrentTime', values: '2020-01-01T00:00:00Z', context: { 'aws:CurrentTime': 'yesterday' }, holds: false },
  // Bool
  { name: 'Bool true', op: 'Bool', key: 'aws:MultiFactorAuthPresent', values: 'true', context: { 'aws:MultiFactorAuthPresent': true }, holds: true },
  { name: 'Bool ignores the case of true/false', op: 'Bool', key: 'aws:MultiFactorAuthPresent', values: 'True', context: { 'aws:MultiFactorAuthPresent': 'true' }, holds: true },
  { name: 'Bool true, request false', op: 'Bool', key: 'aws:MultiFactorAuthPresent', values: 'true', context: { 'aws:MultiFactorAuthPresent': false }, holds: false },
  { name: 'Bool false with the key absent (long-term keys) fails', op: 'Bool', key: 'aws:MultiFactorAuthPresent', values: 'false', holds: false },
  { name: 'Bool: JSON boolean in the policy', op: 'Bool', key: 'aws:SecureTransport', values: true, context: { 'aws:SecureTransport': 'true' }, holds: true },
  // Binary
  { name: 'BinaryEquals (docs value)', op: 'BinaryEquals', key: 'custom:blob', values: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', context: { 'custom:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }, holds: true },
  { name: 'BinaryEquals, other bytes', op: 'BinaryEquals', key: 'custom:blob', values: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', context: { 'custom:blob': 'T3RoZXI=' }, holds: false },
  // IP address
  { name: 'IpAddress in an IPv4 range (docs example)', op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', context: { 'aws:SourceIp': '203.0.113.7' }, holds: true },
  { name: 'IpAddress outside an IPv4 range', op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', context: { 'aws:SourceIp': '203.0.114.1' }, holds: false },
  { name: 'NotIpAddress outside the range', op: 'NotIpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', context: { 'aws:SourceIp': '198.51.100.1' }, holds: true },
  { name: 'NotIpAddress inside the range', op: 'NotIpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', context: { 'aws:SourceIp': '203.0.113.200' }, holds: false },
  { name: 'IpAddress IPv6 range (docs example)', op: 'IpAddress', key: 'aws:SourceIp', values: '2001:DB8:1234:5678::/64', context: { 'aws:SourceIp': '2001:db8:1234:5678::1' }, holds: true },
  { name: 'IpAddress outside an IPv6 range', op: 'IpAddress', key: 'aws:SourceIp', values: '2001:db8::/32', context: { 'aws:SourceIp': '2001:db9::1' }, holds: false },
  { name: 'IpAddress: IPv6 request, IPv4 range', op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', context: { 'aws:SourceIp': '2001:db8::1' }, holds: false },
  { name: 'IpAddress: mixed list (docs example)', op: 'IpAddress', key: 'aws:SourceIp', values: ['203.0.113.0/24', '2001:DB8:1234:5678::/64'], context: { 'aws:SourceIp': '2001:db8:1234:5678:abcd::9' }, holds: true },
  { name: 'IpAddress 0.0.0.0/0', op: 'IpAddress', key: 'aws:SourceIp', values: '0.0.0.0/0', context: { 'aws:SourceIp': '8.8.8.8' }, holds: true },
  { name: 'IpAddress without a prefix is /32', op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.5', context: { 'aws:SourceIp': '203.0.113.6' }, holds: false },
  { name: 'IpAddress with an embedded IPv4 in IPv6', op: 'IpAddress', key: 'aws:SourceIp', values: '::ffff:192.0.2.0/120', context: { 'aws:SourceIp': '::ffff:192.0.2.9' }, holds: true },
  // ARN
  { name: 'ArnLike with a wildcard resource', op: 'ArnLike', key: 'aws:SourceArn', values: `arn:aws:lambda:us-east-1:${ACCT}:function:*`, context: { 'aws:SourceArn': `arn:aws:lambda:us-east-1:${ACCT}:function:my-fn` }, holds: true },
  { name: 'ArnEquals exact', op: 'ArnEquals', key: 'aws:SourceArn', values: `arn:aws:sns:us-east-1:${ACCT}:topic`, context: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCT}:topic` }, holds: true },
  { name: 'ArnEquals takes wildcards too (behaves like ArnLike)', op: 'ArnEquals', key: 'aws:PrincipalArn', values: 'arn:aws:iam::*:role/Admin', context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/Admin` }, holds: true },
  { name: 'ArnLike: * stays within its part (docs example)', op: 'ArnLike', key: 'aws:SourceArn', values: `arn:aws:someservice:*:${ACCT}:finance/*`, context: { 'aws:SourceArn': `arn:aws:someservice:us-east-2:999999999999:store/abc:${ACCT}:finance/document.txt` }, holds: false },
  { name: 'StringLike: * crosses colons (same docs example)', op: 'StringLike', key: 'aws:SourceArn', values: `arn:aws:someservice:*:${ACCT}:finance/*`, context: { 'aws:SourceArn': `arn:aws:someservice:us-east-2:999999999999:store/abc:${ACCT}:finance/document.txt` }, holds: true },
  { name: 'ArnLike: colons inside the resource part', op: 'ArnLike', key: 'aws:SourceArn', values: `arn:aws:logs:us-east-1:${ACCT}:log-group:/aws/*`, context: { 'aws:SourceArn': `arn:aws:logs:us-east-1:${ACCT}:log-group:/aws/lambda/x:*` }, holds: true },
  { name: 'ArnEquals is case-sensitive', op: 'ArnEquals', key: 'aws:PrincipalArn', values: `arn:aws:iam::${ACCT}:role/Admin`, context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/admin` }, holds: false },
  { name: 'ArnLike against a value that is no ARN', op: 'ArnLike', key: 'aws:SourceArn', values: 'arn:aws:*:*:*:*', context: { 'aws:SourceArn': 'hello' }, holds: false },
  { name: 'ArnNotEquals, another role', op: 'ArnNotEquals', key: 'aws:PrincipalArn', values: `arn:aws:iam::${ACCT}:role/A`, context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/B` }, holds: true },
  { name: 'ArnNotLike, a matching role', op: 'ArnNotLike', key: 'aws:PrincipalArn', values: `arn:aws:iam::${ACCT}:role/*`, context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/B` }, holds: false },
  { name: 'ArnNotLike with the key absent holds', op: 'ArnNotLike', key: 'aws:SourceArn', values: `arn:aws:iam::${ACCT}:role/*`, holds: true },
  // Null
  { name: 'Null true, key absent', op: 'Null', key: 'aws:TokenIssueTime', values: 'true', holds: true },
  { name: 'Null true, key present', op: 'Null', key: 'aws:TokenIssueTime', values: 'true', context: { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' }, holds: false },
  { name: 'Null false, key present', op: 'Null', key: 'sts:ExternalId', values: 'false', context: { 'sts:ExternalId': 'x' }, holds: true },
  { name: 'Null false, key absent', op: 'Null', key: 'sts:ExternalId', values: 'false', holds: false },
  { name: 'Null false, empty list', op: 'Null', key: 'aws:TagKeys', values: 'false', context: { 'aws:TagKeys': [] }, holds: false },
  // IfExists
  { name: 'StringEqualsIfExists, key absent', op: 'StringEqualsIfExists', key: 'sts:ExternalId', values: 'abc', holds: true },
  { name: 'StringEqualsIfExists, key present and different', op: 'StringEqualsIfExists', key: 'sts:ExternalId', values: 'abc', context: { 'sts:ExternalId': 'xyz' }, holds: false },
  { name: 'StringLikeIfExists, key present and matching', op: 'StringLikeIfExists', key: 'sts:RoleSessionName', values: 'ci-*', context: { 'sts:RoleSessionName': 'ci-7' }, holds: true },
  { name: 'BoolIfExists false, key absent (long-term keys)', op: 'BoolIfExists', key: 'aws:MultiFactorAuthPresent', values: 'false', holds: true },
  { name: 'BoolIfExists true, key present and false', op: 'BoolIfExists', key: 'aws:MultiFactorAuthPresent', values: 'true', context: { 'aws:MultiFactorAuthPresent': false }, holds: false },
  { name: 'NumericLessThanIfExists, key absent', op: 'NumericLessThanIfExists', key: 'aws:MultiFactorAuthAge', values: '300', holds: true },
  { name: 'ArnLikeIfExists, key absent', op: 'ArnLikeIfExists', key: 'aws:SourceArn', values: 'arn:aws:s3:::bucket', holds: true },
  { name: 'StringNotEqualsIfExists, key present and listed', op: 'StringNotEqualsIfExists', key: 'sts:ExternalId', values: 'abc', context: { 'sts:ExternalId': 'abc' }, holds: false },
  // Set operators
  { name: 'ForAllValues: every request value listed', op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['a', 'b'], context: { 'aws:TagKeys': ['a'] }, holds: true },
  { name: 'ForAllValues: one request value not listed', op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['a', 'b'], context: { 'aws:TagKeys': ['a', 'c'] }, holds: false },
  { name: 'ForAllValues: key absent is true', op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['a', 'b'], holds: true },
  { name: 'ForAllValues: empty list is true', op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['a', 'b'], context: { 'aws:TagKeys': [] }, holds: true },
  { name: 'ForAllValues: empty string is an empty set', op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['a'], context: { 'aws:TagKeys': '' }, holds: true },
  { name: 'ForAnyValue: one request value listed', op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: ['a', 'b'], context: { 'aws:TagKeys': ['c', 'b'] }, holds: true },
  { name: 'ForAnyValue: no request value listed', op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: ['a', 'b'], context: { 'aws:TagKeys': ['c'] }, holds: false },
  { name: 'ForAnyValue: key absent is false', op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: ['a'], holds: false },
  { name: 'ForAnyValue: empty list is false', op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: ['a'], context: { 'aws:TagKeys': [] }, holds: false },
  { name: 'ForAllValues:StringNotLike, all values prefixed (docs: no match)', op: 'ForAllValues:StringNotLike', key: 'aws:TagKeys', values: 'key1*', context: { 'aws:TagKeys': ['key1:hr', 'key1:personnel'] }, holds: false },
  { name: 'ForAllValues:StringNotLike, other prefix (docs: match)', op: 'ForAllValues:StringNotLike', key: 'aws:TagKeys', values: 'key1*', context: { 'aws:TagKeys': ['key2:audit'] }, holds: true },
  { name: 'ForAllValues:StringNotLike, key absent (docs: match)', op: 'ForAllValues:StringNotLike', key: 'aws:TagKeys', values: 'key1*', holds: true },
  { name: 'ForAnyValue:StringNotEquals: one value outside the list', op: 'ForAnyValue:StringNotEquals', key: 'aws:TagKeys', values: ['a'], context: { 'aws:TagKeys': ['a', 'b'] }, holds: true },
  { name: 'ForAnyValue:StringNotEquals: every value in the list', op: 'ForAnyValue:StringNotEquals', key: 'aws:TagKeys', values: ['a'], context: { 'aws:TagKeys': ['a'] }, holds: false },
  { name: 'ForAnyValue:StringLike on Cognito amr', op: 'ForAnyValue:StringLike', key: 'cognito-identity.amazonaws.com:amr', values: 'authenticated', context: { 'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-identity.amazonaws.com:login'] }, holds: true },
  { name: 'ForAnyValue:StringLike on Cognito amr, unauthenticated', op: 'ForAnyValue:StringLike', key: 'cognito-identity.amazonaws.com:amr', values: 'authenticated', context: { 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] }, holds: false },
  { name: 'ForAnyValue: a single value is a one-element set', op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: 'x', context: { 'aws:TagKeys': 'x' }, holds: true },
  { name: 'ForAllValues:StringEqualsIfExists, key absent', op: 'ForAllValues:StringEqualsIfExists', key: 'aws:TagKeys', values: 'x', holds: true },
  { name: 'ForAnyValue:StringEqualsIfExists, key absent', op: 'ForAnyValue:StringEqualsIfExists', key: 'aws:TagKeys', values: 'x', holds: true },
  { name: 'no set operator, several request values: any may match', op: 'StringEquals', key: 'aws:TagKeys', values: 'b', context: { 'aws:TagKeys': ['a', 'b'] }, holds: true },
  { name: 'no set operator, negated, several request values: none may match', op: 'StringNotEquals', key: 'aws:TagKeys', values: 'b', context: { 'aws:TagKeys': ['a', 'b'] }, holds: false },
  // Policy variables
  { name: '${aws:username} from the calling user', op: 'StringEquals', key: 'sts:RoleSessionName', values: '${aws:username}', caller: USER, context: { 'sts:RoleSessionName': 'alice' }, holds: true },
  { name: '${aws:username}: another session name', op: 'StringEquals', key: 'sts:RoleSessionName', values: '${aws:username}', caller: USER, context: { 'sts:RoleSessionName': 'bob' }, holds: false },
  { name: '${aws:username} is absent for role sessions', op: 'StringEquals', key: 'sts:RoleSessionName', values: '${aws:username}', caller: SESSION, context: { 'sts:RoleSessionName': 'alice' }, holds: false },
  { name: '${aws:username, \'nobody\'} default', op: 'StringEquals', key: 'sts:RoleSessionName', values: "${aws:username, 'nobody'}", caller: SESSION, context: { 'sts:RoleSessionName': 'nobody' }, holds: true },
  { name: 'default unused when the key is present', op: 'StringEquals', key: 'sts:RoleSessionName', values: "${aws:username, 'nobody'}", caller: USER, context: { 'sts:RoleSessionName': 'nobody' }, holds: false },
  { name: 'variable names ignore case', op: 'StringEquals', key: 'sts:RoleSessionName', values: '${AWS:UserName}', caller: USER, context: { 'sts:RoleSessionName': 'alice' }, holds: true },
  { name: '${aws:PrincipalTag/team} in a StringLike pattern', op: 'StringLike', key: 'sts:RoleSessionName', values: '${aws:PrincipalTag/team}-*', context: { 'aws:PrincipalTag/team': 'blue', 'sts:RoleSessionName': 'blue-7' }, holds: true },
  { name: 'substituted text is literal, not a wildcard', op: 'StringLike', key: 'sts:RoleSessionName', values: '${aws:PrincipalTag/p}', context: { 'aws:PrincipalTag/p': 'a*', 'sts:RoleSessionName': 'abc' }, holds: false },
  { name: 'substituted * equals a literal *', op: 'StringLike', key: 'sts:RoleSessionName', values: '${aws:PrincipalTag/p}', context: { 'aws:PrincipalTag/p': 'a*', 'sts:RoleSessionName': 'a*' }, holds: true },
  { name: '${*} is a literal asterisk', op: 'StringLike', key: 'sts:RoleSessionName', values: 'x${*}', context: { 'sts:RoleSessionName': 'x*' }, holds: true },
  { name: '${*} is no wildcard', op: 'StringLike', key: 'sts:RoleSessionName', values: 'x${*}', context: { 'sts:RoleSessionName': 'xyz' }, holds: false },
  { name: '${?} is a literal question mark', op: 'StringLike', key: 'sts:RoleSessionName', values: 'x${?}', context: { 'sts:RoleSessionName': 'xa' }, holds: false },
  { name: '${$} is a literal dollar', op: 'StringEquals', key: 'sts:RoleSessionName', values: '${$}{x}', context: { 'sts:RoleSessionName': '${x}' }, holds: true },
  { name: 'a variable with no value: StringNotEquals matches (docs)', op: 'StringNotEquals', key: 'sts:RoleSessionName', values: '${aws:PrincipalTag/Team}', context: { 'sts:RoleSessionName': 'x' }, holds: true },
  { name: 'multi-valued keys are no policy variables', op: 'StringEquals', key: 'sts:RoleSessionName', values: '${aws:TagKeys}', context: { 'aws:TagKeys': ['a', 'b'], 'sts:RoleSessionName': 'a' }, holds: false },
  { name: 'variables in an Arn operator', op: 'ArnLike', key: 'aws:SourceArn', values: 'arn:aws:s3:::bucket-${aws:PrincipalTag/team, \'company-wide\'}', context: { 'aws:SourceArn': 'arn:aws:s3:::bucket-company-wide' }, holds: true },
  { name: 'no variables in Numeric values', op: 'NumericEquals', key: 's3:max-keys', values: '${aws:PrincipalTag/n}', context: { 'aws:PrincipalTag/n': '5', 's3:max-keys': 5 }, holds: false },
  { name: '2008-10-17: ${aws:username} is literal text', op: 'StringEquals', key: 'sts:RoleSessionName', values: '${aws:username}', caller: USER, version: '2008-10-17', context: { 'sts:RoleSessionName': 'alice' }, holds: false },
  { name: '2008-10-17: the literal text matches itself', op: 'StringEquals', key: 'sts:RoleSessionName', values: '${aws:username}', caller: USER, version: '2008-10-17', context: { 'sts:RoleSessionName': '${aws:username}' }, holds: true },
  { name: 'no Version: variables are literal', op: 'StringEquals', key: 'sts:RoleSessionName', values: '${aws:username}', caller: USER, version: null, context: { 'sts:RoleSessionName': 'alice' }, holds: false },
  // Derived context
  { name: 'aws:PrincipalArn of a session is the role ARN', op: 'ArnEquals', key: 'aws:PrincipalArn', values: ROLE, caller: SESSION, holds: true },
  { name: 'aws:PrincipalArn of a session is not the session ARN', op: 'StringEquals', key: 'aws:PrincipalArn', values: SESSION, caller: SESSION, holds: false },
  { name: 'aws:PrincipalArn of a user', op: 'StringEquals', key: 'aws:PrincipalArn', values: USER, caller: USER, holds: true },
  { name: 'aws:PrincipalAccount derived', op: 'StringEquals', key: 'aws:PrincipalAccount', values: ACCT, caller: SESSION, holds: true },
  { name: 'aws:PrincipalType of a session', op: 'StringEquals', key: 'aws:PrincipalType', values: 'AssumedRole', caller: SESSION, holds: true },
  { name: 'aws:PrincipalType of a user', op: 'StringEquals', key: 'aws:PrincipalType', values: 'User', caller: USER, holds: true },
  { name: 'aws:PrincipalType of the root user', op: 'StringEquals', key: 'aws:PrincipalType', values: 'Account', caller: `arn:aws:iam::${ACCT}:root`, holds: true },
  { name: 'a given context value wins over the derived one', op: 'StringEquals', key: 'aws:PrincipalArn', values: 'arn:aws:iam::111122223333:role/path/Deployer', caller: SESSION, context: { 'AWS:PRINCIPALARN': 'arn:aws:iam::111122223333:role/path/Deployer' }, holds: true },
  // Invalid operators and values: IAM would reject the policy; the condition never holds
  { name: 'unknown operator', op: 'StringEqual', key: 'sts:ExternalId', values: 'abc', context: { 'sts:ExternalId': 'abc' }, holds: false },
  { name: 'operator names are case-sensitive', op: 'stringEquals', key: 'sts:ExternalId', values: 'abc', context: { 'sts:ExternalId': 'abc' }, holds: false },
  { name: 'unknown set operator', op: 'ForEachValue:StringEquals', key: 'sts:ExternalId', values: 'abc', context: { 'sts:ExternalId': 'abc' }, holds: false },
  { name: 'NullIfExists is no operator', op: 'NullIfExists', key: 'sts:ExternalId', values: 'true', holds: false },
  { name: 'object as a condition value', op: 'StringEquals', key: 'sts:ExternalId', values: { a: 1 }, context: { 'sts:ExternalId': 'abc' }, holds: false },
  { name: 'empty list of condition values', op: 'StringEquals', key: 'sts:ExternalId', values: [], context: { 'sts:ExternalId': 'abc' }, holds: false },
  { name: 'Bool with a request value that is no boolean', op: 'Bool', key: 'aws:SecureTransport', values: 'true', context: { 'aws:SecureTransport': 'yes' }, holds: false },
  { name: 'DateGreaterThanEquals: a year and month alone', op: 'DateGreaterThanEquals', key: 'aws:CurrentTime', values: '2024-05', context: { 'aws:CurrentTime': '2024-05-01T00:00:00Z' }, holds: true },
  { name: 'DateLessThan: fractional seconds', op: 'DateLessThan', key: 'aws:CurrentTime', values: '2024-05-01T00:00:00.500Z', context: { 'aws:CurrentTime': '2024-05-01T00:00:00.250Z' }, holds: true },
];

describe('evaluate: condition operators', () => {
  for (const c of conditionCases) {
    it(`${c.name} → ${c.holds ? 'holds' : 'fails'}`, () => {
      const policy = trustAccount({ [c.op]: { [c.key]: c.values } }, c.version === undefined ? '2012-10-17' : c.version);
      const result = evaluate(policy, aws(c.caller ?? USER, c.context));
      assert.equal(result.statements.length, 1);
      const [condition] = result.statements[0]!.conditions;
      assert.ok(condition, 'one condition verdict');
      assert.equal(condition.holds, c.holds, condition.reason);
      assert.equal(result.decision, c.holds ? 'allowed' : 'implicitDeny');
      assert.ok(condition.reason.length > 0);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Whole policies: principals, actions, several statements.

interface PolicyCase {
  name: string;
  policy: string | object;
  request: AssumeRequest;
  decision: Decision;
  /** A note that must be present. */
  note?: RegExp;
  /** A note that must be absent. */
  noNote?: RegExp;
}

const allowStatement = (principal: unknown, action: unknown = 'sts:AssumeRole', condition?: object) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: action,
  ...(condition ? { Condition: condition } : {}),
});
const policyOf = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

const GITHUB_POLICY = policyOf(
  allowStatement({ Federated: GITHUB }, 'sts:AssumeRoleWithWebIdentity', {
    StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
    StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' },
  }),
);
const github = (context: Context, action = 'sts:AssumeRoleWithWebIdentity'): AssumeRequest => ({ principal: { type: 'Federated', id: GITHUB }, action, context });

const SAML_POLICY = policyOf(
  allowStatement({ Federated: SAML }, 'sts:AssumeRoleWithSAML', { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } }),
);
const saml = (context: Context): AssumeRequest => ({ principal: { type: 'Federated', id: SAML }, action: 'sts:AssumeRoleWithSAML', context });

const COGNITO_POLICY = policyOf(
  allowStatement({ Federated: 'cognito-identity.amazonaws.com' }, 'sts:AssumeRoleWithWebIdentity', {
    StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-abcd-abcd-abcd-123456789012' },
    'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
  }),
);
const service = (id: string, context?: Context): AssumeRequest => ({ principal: { type: 'Service', id }, action: 'sts:AssumeRole', context });

const ACCOUNT_NOTE = new RegExp(`Account ${ACCT} is trusted as a whole: the caller's own identity policy must also allow sts:AssumeRole`);

const policyCases: PolicyCase[] = [
  // AWS principals
  { name: 'account ID trusts a user of the account', policy: policyOf(allowStatement({ AWS: ACCT })), request: aws(USER), decision: 'allowed', note: ACCOUNT_NOTE },
  { name: ':root trusts a role session of the account', policy: policyOf(allowStatement({ AWS: `arn:aws:iam::${ACCT}:root` })), request: aws(SESSION), decision: 'allowed', note: ACCOUNT_NOTE },
  { name: ':root trusts the root user itself', policy: policyOf(allowStatement({ AWS: `arn:aws:iam::${ACCT}:root` })), request: aws(`arn:aws:iam::${ACCT}:root`), decision: 'allowed' },
  { name: 'a bare account ID as the caller is its root', policy: policyOf(allowStatement({ AWS: ACCT })), request: aws(ACCT), decision: 'allowed' },
  { name: 'account principal, caller from another account', policy: policyOf(allowStatement({ AWS: ACCT })), request: aws(`arn:aws:iam::${OTHER}:user/mallory`), decision: 'implicitDeny', noNote: ACCOUNT_NOTE },
  { name: 'account principal in another partition', policy: policyOf(allowStatement({ AWS: `arn:aws-cn:iam::${ACCT}:root` })), request: aws(USER), decision: 'implicitDeny' },
  { name: 'role ARN trusts sessions of the role', policy: policyOf(allowStatement({ AWS: ROLE })), request: aws(SESSION), decision: 'allowed', noNote: ACCOUNT_NOTE },
  { name: 'role ARN trusts the role ARN itself', policy: policyOf(allowStatement({ AWS: ROLE })), request: aws(ROLE), decision: 'allowed' },
  { name: 'role ARN with a path trusts its sessions', policy: policyOf(allowStatement({ AWS: `arn:aws:iam::${ACCT}:role/ci/Deployer` })), request: aws(SESSION), decision: 'allowed' },
  { name: 'role ARN does not trust sessions of another role', policy: policyOf(allowStatement({ AWS: ROLE })), request: aws(`arn:aws:sts::${ACCT}:assumed-role/Reader/build-42`), decision: 'implicitDeny' },
  { name: 'role ARN does not trust a same-named role elsewhere', policy: policyOf(allowStatement({ AWS: ROLE })), request: aws(`arn:aws:sts::${OTHER}:assumed-role/Deployer/s`), decision: 'implicitDeny' },
  { name: 'role ARN does not trust users of the account', policy: policyOf(allowStatement({ AWS: ROLE })), request: aws(USER), decision: 'implicitDeny' },
  { name: 'user ARN trusts the user', policy: policyOf(allowStatement({ AWS: USER })), request: aws(USER), decision: 'allowed' },
  { name: 'user ARN does not trust another user', policy: policyOf(allowStatement({ AWS: USER })), request: aws(`arn:aws:iam::${ACCT}:user/bob`), decision: 'implicitDeny' },
  { name: 'session ARN trusts exactly that session', policy: policyOf(allowStatement({ AWS: SESSION })), request: aws(SESSION), decision: 'allowed' },
  { name: 'session ARN does not trust another session of the role', policy: policyOf(allowStatement({ AWS: SESSION })), request: aws(`arn:aws:sts::${ACCT}:assumed-role/Deployer/other`), decision: 'implicitDeny' },
  { name: 'array of principals, second one matches', policy: policyOf(allowStatement({ AWS: [`arn:aws:iam::${OTHER}:root`, ROLE] })), request: aws(SESSION), decision: 'allowed' },
  { name: '"*" trusts any AWS caller', policy: policyOf(allowStatement('*')), request: aws(`arn:aws:iam::${OTHER}:user/mallory`), decision: 'allowed' },
  { name: '{"AWS": "*"} trusts any AWS caller', policy: policyOf(allowStatement({ AWS: '*' })), request: aws(`arn:aws:sts::${OTHER}:assumed-role/X/y`), decision: 'allowed' },
  { name: '"*" trusts a service too', policy: policyOf(allowStatement('*')), request: service('lambda.amazonaws.com'), decision: 'allowed' },
  { name: 'a unique role ID in Principal matches no ARN caller', policy: policyOf(allowStatement({ AWS: 'AROAEXAMPLEID1234567' })), request: aws(SESSION), decision: 'implicitDeny' },
  // Services
  { name: 'service principal', policy: policyOf(allowStatement({ Service: 'lambda.amazonaws.com' })), request: service('lambda.amazonaws.com'), decision: 'allowed' },
  { name: 'service principal, another service', policy: policyOf(allowStatement({ Service: 'lambda.amazonaws.com' })), request: service('ec2.amazonaws.com'), decision: 'implicitDeny' },
  { name: 'service principals are case-sensitive (docs/evaluate.md)', policy: policyOf(allowStatement({ Service: 'lambda.amazonaws.com' })), request: service('Lambda.AmazonAWS.com'), decision: 'implicitDeny' },
  { name: 'list of services', policy: policyOf(allowStatement({ Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] })), request: service('lambda.amazonaws.com'), decision: 'allowed' },
  { name: 'service principal does not trust an AWS caller', policy: policyOf(allowStatement({ Service: 'lambda.amazonaws.com' })), request: aws(USER), decision: 'implicitDeny' },
  {
    name: 'service with aws:SourceAccount (confused deputy), right account',
    policy: policyOf(allowStatement({ Service: 'lambda.amazonaws.com' }, 'sts:AssumeRole', { StringEquals: { 'aws:SourceAccount': ACCT } })),
    request: service('lambda.amazonaws.com', { 'aws:SourceAccount': ACCT }),
    decision: 'allowed',
  },
  {
    name: 'service with aws:SourceAccount, another account',
    policy: policyOf(allowStatement({ Service: 'lambda.amazonaws.com' }, 'sts:AssumeRole', { StringEquals: { 'aws:SourceAccount': ACCT } })),
    request: service('lambda.amazonaws.com', { 'aws:SourceAccount': OTHER }),
    decision: 'implicitDeny',
  },
  {
    name: 'aws:PrincipalServiceName is derived for a service',
    policy: policyOf(allowStatement('*', 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalServiceName': 'lambda.amazonaws.com' } })),
    request: service('lambda.amazonaws.com'),
    decision: 'allowed',
  },
  // Federated: GitHub OIDC
  { name: 'GitHub OIDC: repository and audience match', policy: GITHUB_POLICY, request: github({ 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' }), decision: 'allowed' },
  { name: 'GitHub OIDC: another repository', policy: GITHUB_POLICY, request: github({ 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo-fork:ref:refs/heads/main' }), decision: 'implicitDeny' },
  { name: 'GitHub OIDC: another owner with a prefix name', policy: GITHUB_POLICY, request: github({ 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:octo-org-evil/octo-repo:ref:refs/heads/main' }), decision: 'implicitDeny' },
  { name: 'GitHub OIDC: aud missing', policy: GITHUB_POLICY, request: github({ 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' }), decision: 'implicitDeny' },
  { name: 'GitHub OIDC: sts:AssumeRole is not the allowed action', policy: GITHUB_POLICY, request: github({ 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' }, 'sts:AssumeRole'), decision: 'implicitDeny' },
  { name: 'GitHub OIDC: another provider', policy: GITHUB_POLICY, request: { principal: { type: 'Federated', id: `arn:aws:iam::${OTHER}:oidc-provider/token.actions.githubusercontent.com` }, action: 'sts:AssumeRoleWithWebIdentity', context: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' } }, decision: 'implicitDeny' },
  // Federated: SAML, Cognito
  { name: 'SAML: audience matches (key case differs)', policy: SAML_POLICY, request: saml({ 'saml:aud': 'https://signin.aws.amazon.com/saml' }), decision: 'allowed' },
  { name: 'SAML: another audience', policy: SAML_POLICY, request: saml({ 'saml:aud': 'https://example.com/saml' }), decision: 'implicitDeny' },
  { name: 'Cognito: pool and authenticated amr', policy: COGNITO_POLICY, request: { principal: { type: 'Federated', id: 'cognito-identity.amazonaws.com' }, action: 'sts:AssumeRoleWithWebIdentity', context: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-abcd-abcd-abcd-123456789012', 'cognito-identity.amazonaws.com:amr': ['authenticated', 'graph.facebook.com'] } }, decision: 'allowed' },
  { name: 'Cognito: unauthenticated identity', policy: COGNITO_POLICY, request: { principal: { type: 'Federated', id: 'cognito-identity.amazonaws.com' }, action: 'sts:AssumeRoleWithWebIdentity', context: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-abcd-abcd-abcd-123456789012', 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] } }, decision: 'implicitDeny' },
  // NotPrincipal, missing Principal
  { name: 'NotPrincipal is unsupported: never applies', policy: policyOf({ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'sts:AssumeRole' }), request: aws(USER), decision: 'implicitDeny', note: /NotPrincipal/ },
  { name: 'no Principal element', policy: policyOf({ Effect: 'Allow', Action: 'sts:AssumeRole' }), request: aws(USER), decision: 'implicitDeny' },
  // Actions
  { name: 'sts:* covers AssumeRole', policy: policyOf(allowStatement({ AWS: ROLE }, 'sts:*')), request: aws(SESSION), decision: 'allowed' },
  { name: 'actions ignore case', policy: policyOf(allowStatement({ AWS: ROLE }, 'STS:assumerole')), request: aws(SESSION), decision: 'allowed' },
  { name: 'sts:Assume* covers AssumeRoleWithSAML', policy: policyOf(allowStatement({ Federated: SAML }, 'sts:Assume*')), request: saml({}), decision: 'allowed' },
  { name: 'sts:AssumeRole does not cover AssumeRoleWithSAML', policy: policyOf(allowStatement({ Federated: SAML }, 'sts:AssumeRole')), request: saml({}), decision: 'implicitDeny' },
  { name: 'sts:AssumeRol? covers AssumeRole', policy: policyOf(allowStatement({ AWS: ROLE }, 'sts:AssumeRol?')), request: aws(SESSION), decision: 'allowed' },
  { name: 'action list covers sts:TagSession', policy: policyOf(allowStatement({ AWS: ROLE }, ['sts:AssumeRole', 'sts:TagSession'])), request: aws(SESSION, undefined, 'sts:TagSession'), decision: 'allowed' },
  { name: '"*" covers every action', policy: policyOf(allowStatement({ AWS: ROLE }, '*')), request: aws(SESSION, undefined, 'sts:SetSourceIdentity'), decision: 'allowed' },
  { name: 'iam:* does not cover sts actions', policy: policyOf(allowStatement({ AWS: ROLE }, 'iam:*')), request: aws(SESSION), decision: 'implicitDeny' },
  { name: 'NotAction excludes other actions only', policy: policyOf({ Effect: 'Allow', Principal: { AWS: ROLE }, NotAction: 'sts:TagSession' }), request: aws(SESSION), decision: 'allowed' },
  { name: 'NotAction excludes the listed action', policy: policyOf({ Effect: 'Allow', Principal: { AWS: ROLE }, NotAction: 'sts:TagSession' }), request: aws(SESSION, undefined, 'sts:TagSession'), decision: 'implicitDeny' },
  { name: 'no Action element', policy: policyOf({ Effect: 'Allow', Principal: { AWS: ROLE } }), request: aws(SESSION), decision: 'implicitDeny' },
  // Several statements
  {
    name: 'Deny on another organisation overrides the Allow',
    policy: policyOf(allowStatement({ AWS: '*' }), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }),
    request: aws(`arn:aws:iam::${OTHER}:user/mallory`, { 'aws:PrincipalOrgID': 'o-evil' }),
    decision: 'explicitDeny',
  },
  {
    name: 'Deny on another organisation: caller inside the organisation',
    policy: policyOf(allowStatement({ AWS: '*' }), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }),
    request: aws(`arn:aws:iam::${OTHER}:user/friend`, { 'aws:PrincipalOrgID': 'o-abc123' }),
    decision: 'allowed',
  },
  {
    name: 'Deny with a negated condition applies when the key is absent',
    policy: policyOf(allowStatement({ AWS: '*' }), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }),
    request: aws(USER),
    decision: 'explicitDeny',
  },
  { name: 'Deny alone is an explicit deny', policy: policyOf({ Effect: 'Deny', Principal: { AWS: ROLE }, Action: 'sts:AssumeRole' }), request: aws(SESSION), decision: 'explicitDeny' },
  {
    name: 'Deny that does not apply leaves the Allow',
    policy: policyOf(allowStatement({ AWS: ROLE }), { Effect: 'Deny', Principal: { AWS: USER }, Action: 'sts:AssumeRole' }),
    request: aws(SESSION),
    decision: 'allowed',
  },
  {
    name: 'second Allow applies when the first does not',
    policy: policyOf(allowStatement({ Service: 'ec2.amazonaws.com' }), allowStatement({ AWS: ROLE })),
    request: aws(SESSION),
    decision: 'allowed',
  },
  {
    name: 'ExternalId: third-party account with the right ID',
    policy: policyOf(allowStatement({ AWS: OTHER }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'customer-7' } })),
    request: aws(`arn:aws:sts::${OTHER}:assumed-role/Vendor/s`, { 'sts:ExternalId': 'customer-7' }),
    decision: 'allowed',
    note: new RegExp(`Account ${OTHER} is trusted as a whole`),
  },
  {
    name: 'ExternalId missing',
    policy: policyOf(allowStatement({ AWS: OTHER }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'customer-7' } })),
    request: aws(`arn:aws:sts::${OTHER}:assumed-role/Vendor/s`),
    decision: 'implicitDeny',
  },
  {
    name: 'MFA required with Bool: long-term keys have no aws:MultiFactorAuthPresent',
    policy: policyOf(allowStatement({ AWS: ACCT }, 'sts:AssumeRole', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })),
    request: aws(USER),
    decision: 'implicitDeny',
  },
  {
    name: 'conditions of different operators are ANDed',
    policy: policyOf(allowStatement({ AWS: ACCT }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'x' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } })),
    request: aws(USER, { 'sts:ExternalId': 'x', 'aws:MultiFactorAuthPresent': 'false' }),
    decision: 'implicitDeny',
  },
  {
    name: 'keys under one operator are ANDed',
    policy: policyOf(allowStatement({ AWS: ACCT }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'x', 'sts:RoleSessionName': 'ci' } })),
    request: aws(USER, { 'sts:ExternalId': 'x', 'sts:RoleSessionName': 'dev' }),
    decision: 'implicitDeny',
  },
  {
    name: 'cross-account role ARN: the identity-policy note with roleArn',
    policy: policyOf(allowStatement({ AWS: `arn:aws:iam::${OTHER}:role/Vendor` })),
    request: { ...aws(`arn:aws:sts::${OTHER}:assumed-role/Vendor/s`), roleArn: `arn:aws:iam::${ACCT}:role/Target` },
    decision: 'allowed',
    note: /Cross-account call/,
  },
  // Documents
  { name: 'a single Statement object', policy: { Version: '2012-10-17', Statement: allowStatement({ AWS: ROLE }) }, request: aws(SESSION), decision: 'allowed' },
  { name: 'policy given as JSON text', policy: JSON.stringify(policyOf(allowStatement({ AWS: ROLE }))), request: aws(SESSION), decision: 'allowed' },
  { name: 'not JSON', policy: '{"Version": "2012-10-17", "Statement": [', request: aws(SESSION), decision: 'implicitDeny', note: /not valid JSON/ },
  { name: 'empty text', policy: '', request: aws(SESSION), decision: 'implicitDeny', note: /not valid JSON/ },
  { name: 'JSON array, not an object', policy: '[]', request: aws(SESSION), decision: 'implicitDeny', note: /not a JSON object/ },
  { name: 'no Statement', policy: '{"Version": "2012-10-17"}', request: aws(SESSION), decision: 'implicitDeny', note: /no Statement/ },
  { name: 'empty Statement', policy: { Version: '2012-10-17', Statement: [] }, request: aws(SESSION), decision: 'implicitDeny', note: /empty Statement/ },
  { name: 'Effect is case-sensitive', policy: policyOf({ Effect: 'allow', Principal: { AWS: ROLE }, Action: 'sts:AssumeRole' }), request: aws(SESSION), decision: 'implicitDeny', note: /Effect "allow"/ },
  { name: 'a statement that is not an object is ignored', policy: { Version: '2012-10-17', Statement: ['oops', allowStatement({ AWS: ROLE })] }, request: aws(SESSION), decision: 'allowed', note: /Statement 1 is not an object/ },
  { name: 'Condition that is not an object', policy: policyOf({ ...allowStatement({ AWS: ROLE }), Condition: 'yes' }), request: aws(SESSION), decision: 'implicitDeny', note: /Condition is not an object/ },
  { name: 'no Version: note about policy variables', policy: { Statement: [allowStatement({ AWS: ROLE })] }, request: aws(SESSION), decision: 'allowed', note: /No Version/ },
  { name: 'a caller that is no principal ARN', policy: policyOf(allowStatement({ AWS: ROLE })), request: aws('not-an-arn'), decision: 'implicitDeny', note: /not an IAM or STS principal/ },
];

describe('evaluate: policies', () => {
  for (const c of policyCases) {
    it(`${c.name} → ${c.decision}`, () => {
      const result = evaluate(c.policy, c.request);
      assert.equal(result.decision, c.decision, describeDecision(result));
      if (c.note) assert.ok(result.notes.some((n) => c.note!.test(n)), `expected a note ${c.note}; got ${JSON.stringify(result.notes)}`);
      if (c.noNote) assert.ok(!result.notes.some((n) => c.noNote!.test(n)), `unexpected note ${c.noNote}`);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Explanations and robustness

describe('evaluate: explanations', () => {
  it('says what the request has and what the operator expects', () => {
    const result = evaluate(trustAccount({ StringEquals: { 'sts:ExternalId': 'xyz' } }), aws(USER, { 'sts:ExternalId': 'abc' }));
    const [condition] = result.statements[0]!.conditions;
    assert.match(condition!.reason, /sts:ExternalId is 'abc'; StringEquals expects 'xyz'/);
    assert.deepEqual(condition!.expected, ['xyz']);
    assert.deepEqual(condition!.actual, ['abc']);
  });

  it('warns about a set operator on a single-valued key', () => {
    const result = evaluate(trustAccount({ 'ForAllValues:StringEquals': { 'sts:ExternalId': 'x' } }), aws(USER));
    const [condition] = result.statements[0]!.conditions;
    assert.equal(condition!.holds, true);
    assert.match(condition!.reason, /single-valued/);
  });

  it('notes that a "*" principal still needs the caller\'s identity policy', () => {
    const result = evaluate(policyOf(allowStatement('*')), aws(`arn:aws:iam::${OTHER}:user/mallory`));
    assert.ok(result.notes.some((n) => /Every AWS principal is trusted/.test(n)), JSON.stringify(result.notes));
  });

  it('explains a principal of another type', () => {
    const [verdict] = evaluate(policyOf(allowStatement({ Service: 'lambda.amazonaws.com' })), aws(USER)).statements;
    assert.equal(verdict!.principalMatches, false);
    assert.match(verdict!.principalReason, /caller is an AWS principal; Principal lists Service principals only/);
  });

  it('says when a key is absent', () => {
    const result = evaluate(trustAccount({ StringEquals: { 'sts:ExternalId': 'xyz' } }), aws(USER));
    const [condition] = result.statements[0]!.conditions;
    assert.equal(condition!.actual, undefined);
    assert.match(condition!.reason, /absent/);
  });

  it('shows a resolved policy variable', () => {
    const result = evaluate(trustAccount({ StringEquals: { 'sts:RoleSessionName': '${aws:username}' } }), aws(USER, { 'sts:RoleSessionName': 'alice' }));
    assert.match(result.statements[0]!.conditions[0]!.reason, /resolved: 'alice'/);
  });

  it('fills the statement verdict', () => {
    const policy = policyOf({ Sid: 'TrustDeployer', ...allowStatement({ AWS: ROLE }) });
    const [verdict] = evaluate(policy, aws(SESSION)).statements;
    assert.equal(verdict!.sid, 'TrustDeployer');
    assert.equal(verdict!.effect, 'Allow');
    assert.equal(verdict!.index, 0);
    assert.equal(verdict!.principalMatches, true);
    assert.match(verdict!.principalReason, /session of the trusted role/);
    assert.equal(verdict!.actionMatches, true);
    assert.equal(verdict!.applies, true);
  });

  it('describeDecision tells the decision, each statement and the notes', () => {
    const policy = policyOf(allowStatement({ AWS: ACCT }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'xyz' } }));
    const denied = describeDecision(evaluate(policy, aws(USER, { 'sts:ExternalId': 'abc' })));
    assert.match(denied, /^DENIED implicitly/);
    assert.match(denied, /Statement 1, Allow: does not apply/);
    assert.match(denied, /✗ StringEquals sts:ExternalId: sts:ExternalId is 'abc'; StringEquals expects 'xyz'/);
    const allowed = describeDecision(evaluate(policy, aws(USER, { 'sts:ExternalId': 'xyz' })));
    assert.match(allowed, /^ALLOWED/);
    assert.match(allowed, /Note: Account 111122223333 is trusted as a whole/);
    assert.match(describeDecision(evaluate(policyOf({ Effect: 'Deny', Principal: '*', Action: '*' }), aws(USER))), /^DENIED explicitly/);
  });

  it('never throws, whatever it is given', () => {
    const inputs: unknown[] = [null, undefined, 42, 'null', '"text"', { Statement: null }, { Statement: [null] }, { Statement: [{ Effect: 'Allow', Principal: null, Action: null, Condition: { StringEquals: null } }] }];
    for (const input of inputs) {
      const result = evaluate(input as object, aws(USER));
      assert.equal(result.decision, 'implicitDeny');
    }
    const badRequest = evaluate(policyOf(allowStatement('*')), {} as AssumeRequest);
    assert.equal(badRequest.decision, 'implicitDeny');
  });

  it('does not change the policy or the request', () => {
    const policy = trustAccount({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } });
    const request = aws(USER, { 'aws:TagKeys': ['a'] });
    const before = JSON.stringify([policy, request]);
    evaluate(policy, request);
    assert.equal(JSON.stringify([policy, request]), before);
  });
});

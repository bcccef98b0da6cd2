import { stsActionsMatching } from '../iam/actions';
import { lookupConditionKey, stsAction, TRUST_ACTIONS, federatedProvider, conditionKeyPrefix } from '../iam/iamData';
import { parseOperator } from '../iam/operators';
import { describePrincipal, parseArn } from '../iam/principals';
import { explainProviderClaim, explainSessionTag } from './explainProvider';

/** Markdown explanations of a policy's vocabulary, for hovers and completion details. */

const OPERATOR_MEANING: Record<string, string> = {
  StringEquals: 'the value equals one of the listed strings (case-sensitive)',
  StringNotEquals: 'the value equals none of the listed strings (case-sensitive)',
  StringEqualsIgnoreCase: 'the value equals one of the listed strings, ignoring case',
  StringNotEqualsIgnoreCase: 'the value equals none of the listed strings, ignoring case',
  StringLike: 'the value matches one of the patterns (`*` any characters, `?` one character; case-sensitive)',
  StringNotLike: 'the value matches none of the patterns',
  NumericEquals: 'the number equals one of the listed numbers',
  NumericNotEquals: 'the number equals none of the listed numbers',
  NumericLessThan: 'the number is below the listed one',
  NumericLessThanEquals: 'the number is at most the listed one',
  NumericGreaterThan: 'the number is above the listed one',
  NumericGreaterThanEquals: 'the number is at least the listed one',
  DateEquals: 'the date equals the listed date (ISO 8601 or epoch seconds)',
  DateNotEquals: 'the date differs from the listed date',
  DateLessThan: 'the date is before the listed date',
  DateLessThanEquals: 'the date is at or before the listed date',
  DateGreaterThan: 'the date is after the listed date',
  DateGreaterThanEquals: 'the date is at or after the listed date',
  Bool: 'the boolean value is `true` or `false` as listed',
  BinaryEquals: 'the base64-encoded binary value equals the listed one',
  IpAddress: 'the IP address is in one of the listed CIDR ranges',
  NotIpAddress: 'the IP address is in none of the listed CIDR ranges',
  ArnEquals: 'the ARN equals one of the listed ARNs, compared part by part (`*` and `?` allowed within a part)',
  ArnLike: 'the ARN matches one of the listed ARN patterns, part by part',
  ArnNotEquals: 'the ARN matches none of the listed ARNs',
  ArnNotLike: 'the ARN matches none of the listed ARN patterns',
  Null: '`true`: the key is absent from the request; `false`: the key is present (whatever its value)',
};

/** Trust-policy meaning of the keys people most often get wrong. */
const KEY_NOTES: Record<string, string> = {
  'sts:externalid': 'The external ID the caller passes to AssumeRole. A third party that assumes roles in many customers\' accounts uses a different one per customer: the defence against the confused deputy.',
  'sts:rolesessionname': 'The session name the caller chooses; it appears in the role owner\'s CloudTrail.',
  'sts:sourceidentity': 'The source identity set by the caller (needs sts:SetSourceIdentity); it persists through role chains.',
  'sts:transitivetagkeys': 'The session tags the caller marks as transitive (kept through role chains); needs sts:TagSession.',
  'aws:principalorgid': 'The AWS Organizations ID of the caller\'s account: trust a whole organisation without listing accounts.',
  'aws:principalaccount': 'The account of the calling principal.',
  'aws:principalarn': 'The ARN of the calling principal (for a role session: the role\'s ARN). Unlike a role ARN in Principal, it survives deleting and re-creating the role.',
  'aws:sourceaccount': 'For service principals: the account on whose behalf the service calls. Prevents the cross-service confused deputy.',
  'aws:sourcearn': 'For service principals: the resource on whose behalf the service calls. Compare it with an Arn operator.',
  'aws:multifactorauthpresent': 'Whether the caller signed in with MFA. Present only for temporary credentials: long-term access keys do not carry it, so test it with BoolIfExists.',
  'aws:multifactorauthage': 'Seconds since the caller authenticated with MFA; absent without MFA.',
  'aws:requesttag/${tagkey}': 'A session tag the caller passes; needs sts:TagSession.',
  'aws:tagkeys': 'The keys of the session tags the caller passes (multi-valued); needs sts:TagSession.',
};

export function explainOperator(text: string): string {
  const op = parseOperator(text);
  if (!op.base) return `**${text}**: ${op.problem ?? 'not a condition operator'}`;
  const lines = [`**${op.text}** — condition operator`, '', `True when ${OPERATOR_MEANING[op.base]}.`];
  if (op.ifExists) {
    lines.push('', '`…IfExists`: also true when the key is absent from the request; when present, it must match.');
  }
  if (op.setOperator === 'ForAllValues') {
    lines.push(
      '',
      '`ForAllValues:` (multi-valued keys): true when **every** value in the request matches. Also true when the request has **no** values for the key — so it restricts nothing on its own; pair it with a Null check.',
    );
  } else if (op.setOperator === 'ForAnyValue') {
    lines.push('', '`ForAnyValue:` (multi-valued keys): true when **at least one** value in the request matches; false when there are none.');
  }
  if (op.negated && !op.setOperator) lines.push('', 'A negated operator is also true when the key is absent.');
  return lines.join('\n');
}

export function explainAction(text: string): string {
  const colon = text.indexOf(':');
  const service = colon > 0 ? text.slice(0, colon) : '';
  const name = colon > 0 ? text.slice(colon + 1) : text;
  if (service.toLowerCase() !== 'sts' && text !== '*') {
    return `**${text}**: not an STS action — a trust policy only governs who may call \`sts:AssumeRole*\`, \`sts:TagSession\`, \`sts:SetSourceIdentity\` and \`sts:SetContext\` on this role.`;
  }
  if (/[*?]/.test(name) || text === '*') {
    const matches = stsActionsMatching(text);
    return [`**${text}** — matches ${matches.length} STS action(s):`, '', ...matches.map((name) => `- \`sts:${name}\``)].join('\n');
  }
  const action = stsAction(name);
  if (!action) return `**${text}**: not an STS action.`;
  const who = (TRUST_ACTIONS as Record<string, string>)[action.name];
  return [
    `**sts:${action.name}**`,
    '',
    `${action.description}.`,
    ...(who ? ['', `In a trust policy: allows ${who}.`] : ['', 'Has no meaning in a trust policy.']),
  ].join('\n');
}

export function explainConditionKey(key: string, federated: readonly string[] = []): string {
  const prefix = conditionKeyPrefix(key);
  if (prefix.includes('.') || prefix.includes('/')) {
    // An identity provider's claim: what it is, aud, the pinning claims, the dangerous patterns
    // and the source, from the provider table (before the IAM data, which lists some claims).
    const provider = federated.map(federatedProvider).find((p) => p && p.keyPrefix.toLowerCase() === prefix.toLowerCase());
    const claim = explainProviderClaim(key, provider?.keyPrefix ?? prefix, provider);
    if (claim) return claim;
  }
  const info = lookupConditionKey(key);
  const note = KEY_NOTES[key.toLowerCase()] ?? (info ? KEY_NOTES[info.name.toLowerCase()] : undefined);
  if (info) {
    const lines = [
      `**${key}** — ${info.global ? 'global' : 'service'} condition key`,
      '',
      `Type: ${info.type}, ${info.multiValued ? 'multi-valued (use ForAnyValue:/ForAllValues:)' : 'single-valued'}.`,
    ];
    if (note) lines.push('', note);
    else if (info.description && !info.global) lines.push('', `${info.description}.`);
    // Session tags that carry a provider's claims (Buildkite): the provider table says which pin.
    const tag = explainSessionTag(key, federated.map((f) => federatedProvider(f)?.keyPrefix ?? ''));
    if (tag) lines.push('', tag);
    return lines.join('\n');
  }
  return `**${key}**: not a condition key IAM knows.`;
}

export function explainVersion(value: string): string {
  if (value === '2012-10-17') return '**2012-10-17** — the current policy grammar, with policy variables.';
  if (value === '2008-10-17') return '**2008-10-17** — the legacy grammar: policy variables such as `${aws:username}` are not substituted.';
  return `**${value}** — not a policy grammar version: use \`2012-10-17\`.`;
}

/** A principal in words, with the parts of its ARN. */
export function explainPrincipal(type: string, value: string): string {
  const lines = [`**${value}** — ${type === '*' ? 'principal' : `${type} principal`}`, '', `Trusts ${describePrincipal({ type, value })}.`];
  const arn = explainArnParts(value);
  if (arn) lines.push('', arn);
  return lines.join('\n');
}

/** The parts of an ARN as a small table, or undefined when the text is not an ARN. */
export function explainArnParts(value: string): string | undefined {
  const arn = parseArn(value);
  if (!arn) return undefined;
  return [
    '| part | value |',
    '|---|---|',
    `| partition | \`${arn.partition}\` |`,
    `| service | \`${arn.service}\` |`,
    `| region | ${arn.region ? `\`${arn.region}\`` : '(global)'} |`,
    `| account | ${arn.account ? `\`${arn.account}\`` : '(none)'} |`,
    `| resource type | \`${arn.resourceType}\` |`,
    ...(arn.resourceName ? [`| resource name | \`${arn.resourceName}\` |`] : []),
  ].join('\n');
}

import { parse } from 'jsonc-parser';
import type { AssumeRequest } from './evaluate';
import { lookupConditionKey } from '../iam/iamData';
import { listOf } from './summarize';
import { cutDeepNesting } from '../syntax/parse';

/** What a "who can assume this?" question about a policy starts from: its principals and the condition keys it tests. */
export interface RequestTemplate {
  principals: Array<AssumeRequest['principal']>;
  /** As first written, one per key (keys ignore case). */
  conditionKeys: string[];
}


export function requestTemplate(text: string): RequestTemplate {
  // Nesting too deep to recurse into is cut first, as for every reader of JSON text: parse()
  // recursed per level and overflowed the stack on ~1,500 levels (fuzz campaign, seed 892242669).
  const policy = parse(cutDeepNesting(text).text, [], { allowTrailingComma: true }) as { Statement?: unknown } | undefined;
  const statements = listOf(policy?.Statement).filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null);
  const principals: RequestTemplate['principals'] = [];
  const seenPrincipals = new Set<string>();
  const keys = new Map<string, string>();
  for (const statement of statements) {
    const principal = statement.Principal;
    const entries: Array<[string, unknown]> = principal === '*' ? [['AWS', '*']] : typeof principal === 'object' && principal !== null ? Object.entries(principal) : [];
    for (const [type, values] of entries) {
      if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(type)) continue;
      for (const id of listOf(values).map(String)) {
        if (seenPrincipals.has(`${type} ${id}`)) continue;
        seenPrincipals.add(`${type} ${id}`);
        principals.push({ type: type as AssumeRequest['principal']['type'], id });
      }
    }
    const condition = statement.Condition;
    if (typeof condition !== 'object' || condition === null) continue;
    for (const block of Object.values(condition)) {
      if (typeof block !== 'object' || block === null) continue;
      for (const key of Object.keys(block)) if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key);
    }
  }
  return { principals, conditionKeys: [...keys.values()] };
}

/** The action a caller of this kind uses to assume a role. */
export function defaultAction(principal: AssumeRequest['principal']): string {
  if (principal.type !== 'Federated') return 'sts:AssumeRole';
  return /:saml-provider\//.test(principal.id) ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity';
}

/** A context value as typed: empty is absent; a multi-valued key (aws:TagKeys, amr …) takes comma-separated values. */
export function parseContextValue(key: string, text: string): string | string[] | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  if (lookupConditionKey(key)?.multiValued || /:amr$/i.test(key)) return value.split(',').map((v) => v.trim()).filter(Boolean);
  return value;
}

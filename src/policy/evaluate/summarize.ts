import { getNodeValue, type Node } from 'jsonc-parser';
import { parseOperator } from '../iam/operators';
import { parseAwsPrincipal } from '../iam/principals';
import { parsePolicy } from '../syntax/parse';
import { misCasedServicePrincipal } from '../lint/rules/servicePrincipalCase';

/** One statement in a sentence, for the code lens above it: whom it trusts, to do what, under which conditions. */
export interface StatementSummary {
  /** Where the statement's object starts and how long it is, in the text. */
  offset: number;
  length: number;
  index: number;
  /** Short enough for a code lens. */
  title: string;
  /** Everything, one condition per line, for the tooltip. */
  detail: string;
}

const LENS_LIMIT = 240;

/** A summary per statement of a trust policy; nothing for text that is not a policy (it never throws). */
export function summarizeStatements(text: string): StatementSummary[] {
  // parsePolicy() recovers from comments and trailing commas, and cuts nesting too deep to recurse into.
  const { root } = parsePolicy(text);
  if (root?.type !== 'object') return [];
  const statementNode = root.children?.find((p) => p.children?.[0]?.value === 'Statement')?.children?.[1];
  const nodes: Node[] = statementNode?.type === 'array' ? (statementNode.children ?? []) : statementNode?.type === 'object' ? [statementNode] : [];
  return nodes
    .filter((n) => n.type === 'object')
    .map((node, index) => {
      const statement = (getNodeValue(node) ?? {}) as Record<string, unknown>;
      const { title, detail } = summarize(statement);
      return { offset: node.offset, length: node.length, index, title: title.length > LENS_LIMIT ? `${title.slice(0, LENS_LIMIT - 1)}…` : title, detail };
    });
}

function summarize(statement: Record<string, unknown>): { title: string; detail: string } {
  const deny = statement.Effect === 'Deny';
  const whom = 'Principal' in statement ? principals(statement.Principal) : 'NotPrincipal' in statement ? ['everyone except the NotPrincipal (not supported in trust policies)'] : ['nobody (no Principal)'];
  const actions = listOf(statement.Action ?? statement.NotAction).map(text);
  const conditions = conditionPhrases(statement.Condition);
  const verb = deny ? 'Denies' : 'Trusts';
  const what = actionPhrase(actions, 'NotAction' in statement);
  const title = `${verb} ${joinAnd(whom)}${what}${conditions.length ? `, if ${joinAnd(conditions)}` : deny ? '' : ', with no condition'}`;
  const detail = [`${verb} ${joinAnd(whom)}${what}`, ...(conditions.length ? ['', 'if', ...conditions.map((c) => `• ${c}`)] : [])].join('\n');
  return { title, detail };
}

/** A JSON value as text: strings as they are, anything else as JSON (jsonc-parser's objects have no prototype, so String() throws on them). */
const text = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));

/** A policy element that may be one value or a list of them, as a list. */
export const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

function principals(principal: unknown): string[] {
  if (principal === '*') return ['anyone'];
  if (typeof principal !== 'object' || principal === null) return [text(principal)];
  const out: string[] = [];
  for (const [type, values] of Object.entries(principal as Record<string, unknown>)) {
    for (const value of listOf(values).map(text)) out.push(principalPhrase(type, value));
  }
  return out.length ? out : ['nobody (empty Principal)'];
}

function principalPhrase(type: string, value: string): string {
  if (type === 'AWS') {
    if (value === '*') return 'anyone';
    const p = parseAwsPrincipal(value);
    switch (p?.kind) {
      case 'account':
      case 'root':
        return `any principal of account ${p.account} that is allowed to assume it`;
      case 'role':
        return `role ${p.name} (${p.account}) and its sessions`;
      case 'user':
        return `user ${p.name} (${p.account})`;
      case 'assumed-role':
        return `session ${p.name} (${p.account})`;
      default:
        return value;
    }
  }
  // Service principals are case-sensitive: a mis-cased one trusts no service (docs/evaluate.md).
  if (type === 'Service') return misCasedServicePrincipal(value) ? `no service (${value} is mis-cased: service principals are case-sensitive)` : value;
  if (type === 'Federated') {
    const oidc = /:oidc-provider\/(.+)$/.exec(value);
    if (oidc) return `web identities from ${oidc[1]}`;
    const saml = /:saml-provider\/(.+)$/.exec(value);
    if (saml) return `SAML users of ${saml[1]}`;
    return `web identities from ${value}`;
  }
  return `${type} ${value}`;
}

function actionPhrase(actions: string[], not: boolean): string {
  if (not) return ` to do anything but ${actions.join(', ')}`;
  const others = actions.filter((a) => a.toLowerCase() !== 'sts:assumerole' && !/^sts:assumerolewith/i.test(a));
  if (actions.length === 0) return '';
  if (others.length === 0) return '';
  return ` (${actions.join(', ')})`;
}

const VERBS: Record<string, [string, string]> = {
  StringEquals: ['=', 'is one of'],
  StringNotEquals: ['≠', 'is none of'],
  StringEqualsIgnoreCase: ['= (any case)', 'is one of (any case)'],
  StringNotEqualsIgnoreCase: ['≠ (any case)', 'is none of (any case)'],
  StringLike: ['matches', 'matches one of'],
  StringNotLike: ['does not match', 'matches none of'],
  NumericEquals: ['=', 'is one of'],
  NumericNotEquals: ['≠', 'is none of'],
  NumericLessThan: ['<', '< one of'],
  NumericLessThanEquals: ['≤', '≤ one of'],
  NumericGreaterThan: ['>', '> one of'],
  NumericGreaterThanEquals: ['≥', '≥ one of'],
  DateEquals: ['is', 'is one of'],
  DateNotEquals: ['is not', 'is none of'],
  DateLessThan: ['is before', 'is before one of'],
  DateLessThanEquals: ['is at or before', 'is at or before one of'],
  DateGreaterThan: ['is after', 'is after one of'],
  DateGreaterThanEquals: ['is at or after', 'is at or after one of'],
  Bool: ['is', 'is one of'],
  BinaryEquals: ['=', 'is one of'],
  IpAddress: ['is in', 'is in one of'],
  NotIpAddress: ['is not in', 'is in none of'],
  ArnEquals: ['=', 'is one of'],
  ArnLike: ['matches', 'matches one of'],
  ArnNotEquals: ['≠', 'is none of'],
  ArnNotLike: ['does not match', 'matches none of'],
};

function conditionPhrases(condition: unknown): string[] {
  if (typeof condition !== 'object' || condition === null) return [];
  const out: string[] = [];
  for (const [operatorText, block] of Object.entries(condition as Record<string, unknown>)) {
    const op = parseOperator(operatorText);
    if (typeof block !== 'object' || block === null) continue;
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const values = listOf(raw).map((v) => (typeof v === 'string' ? `'${v}'` : text(v)));
      if (op.base === 'Null') {
        out.push(`${key} is ${values.join('/') === 'true' || values.join('/') === "'true'" ? 'absent' : 'present'}`);
        continue;
      }
      const verbs = op.base ? VERBS[op.base] : undefined;
      const verb = verbs ? (values.length === 1 ? verbs[0] : verbs[1]) : operatorText;
      const set = op.setOperator === 'ForAllValues' ? 'every value of ' : op.setOperator === 'ForAnyValue' ? 'any value of ' : '';
      out.push(`${set}${key} ${verb} ${values.join(', ')}${op.ifExists ? ' (when present)' : ''}`);
    }
  }
  return out;
}

function joinAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

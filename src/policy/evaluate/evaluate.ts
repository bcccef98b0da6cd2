import { matchesAction } from '../iam/actions';
import { globMatchTokens, globTokens, ONE, STAR, type GlobToken } from '../base/glob';
import { lookupConditionKey } from '../iam/iamData';
import { parseOperator, type ParsedOperator } from '../iam/operators';
import { parseArn, parseAwsPrincipal, type AwsPrincipal } from '../iam/principals';

/**
 * Evaluates a role trust policy against one request to assume the role, with IAM's semantics,
 * and says why. Pure: never imports 'vscode', never throws.
 *
 *   evaluate(policy: string | object, request: AssumeRequest): EvaluationResult
 *   describeDecision(result: EvaluationResult): string
 *
 * Semantics (IAM User Guide: "Policy evaluation logic", "Condition operators", "Conditions with
 * multiple context keys or values", "Single-valued vs. multivalued context keys", "Policy
 * variables", "Principal element"):
 * - An applicable Deny wins; otherwise an applicable Allow allows; otherwise implicit deny.
 *   A statement applies when its principal, its action and every one of its conditions match.
 * - Principal: `"*"` ≡ `{"AWS":"*"}` (every caller). An account ID or `arn:…:iam::ACCOUNT:root`
 *   matches every principal of that account (its own identity policies must also allow the call).
 *   A role ARN matches the role and its sessions (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`);
 *   a user ARN the user; a session ARN exactly that session. Every principal compares with its
 *   case: user, role and session names, service principals (`Lambda.amazonaws.com` is not
 *   Lambda) and Federated providers (docs/evaluate.md lists each decision and its source).
 *   NotPrincipal is not supported in trust policies: such statements never apply.
 * - Action / NotAction: case-insensitive with `*` and `?`.
 * - Condition: operators AND, keys AND, a key's values OR — NOR for negated operators
 *   (StringNotEquals, StringNotLike, NumericNotEquals, DateNotEquals, NotIpAddress, ArnNotEquals,
 *   ArnNotLike, StringNotEqualsIgnoreCase). Keys compare without case.
 * - A key absent from the request: "the values do not match and the condition is false. If the
 *   policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike,
 *   and the right key is not present, the condition is true" (Condition operators, Important box);
 *   `…IfExists` is true when the key is absent; Null `true` means "absent" (an empty list too).
 * - ForAllValues: every request value matches one of the policy values (for a negated operator:
 *   matches none of them); true when the key is absent or empty. ForAnyValue: at least one
 *   request value does; false when absent or empty. Without a set operator, several request
 *   values are compared like ForAnyValue (any value matches; negated: none does).
 * - Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, any single-valued key,
 *   `${key, 'default'}`, the escapes `${*}` `${?}` `${$}`) are substituted in String and Arn
 *   values under Version 2012-10-17 only; under 2008-10-17 (or without a Version) they are
 *   literal text (Policy variables, "Where you can use policy variables": not in Numeric, Date,
 *   Boolean, Binary, IP address or Null values). A value whose variable cannot be resolved
 *   (absent or multi-valued key, no default) is "effectively null" and matches nothing: positive
 *   operators fail on it, negated ones hold ("Policy variables with no value"). Substituted text
 *   is literal: a `*` in a user name is no wildcard.
 * - Derived context: aws:PrincipalArn (for a role session: the role's ARN, without its path,
 *   which a session ARN does not carry — the verdict says so, and a request that gives
 *   aws:PrincipalArn itself is taken as given), aws:PrincipalAccount, aws:PrincipalType, aws:username
 *   (IAM users) and aws:PrincipalServiceName (service principals) are filled in when absent.
 * - A document that is not JSON or has no Statement evaluates to implicitDeny with a note.
 */

export interface AssumeRequest {
  /**
   * Who calls: an IAM/STS ARN (user, role, assumed-role session, account root) or a 12-digit
   * account ID (the account's root), a service principal (`lambda.amazonaws.com`), a federated
   * provider (`token.actions.githubusercontent.com`, `arn:aws:iam::111122223333:oidc-provider/…`,
   * `arn:aws:iam::111122223333:saml-provider/…`, `cognito-identity.amazonaws.com`), or an S3
   * canonical user ID.
   */
  principal: { type: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser'; id: string };
  /** `sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, `sts:AssumeRoleWithSAML`, `sts:TagSession`, `sts:SetSourceIdentity` … */
  action: string;
  /**
   * Request context. Keys are case-insensitive; a string[] is a multi-valued key (an empty array
   * counts as absent for Null and the set operators); numbers and booleans are compared as their
   * text. Keys derived from the principal are filled in when absent.
   */
  context?: Record<string, string | number | boolean | string[] | undefined>;
  /** The role being assumed, when known: adds the cross-account note. */
  roleArn?: string;
}

export type Decision = 'allowed' | 'implicitDeny' | 'explicitDeny';

export interface ConditionVerdict {
  /** The operator as written, e.g. `ForAnyValue:StringLike`. */
  operator: string;
  /** The key as written. */
  key: string;
  /** The policy values as written (numbers and booleans as their text). */
  expected: string[];
  /** The request's values; undefined when the key is absent. */
  actual: string[] | undefined;
  holds: boolean;
  /** Why it holds or not, in words. */
  reason: string;
}

export interface StatementVerdict {
  /** Zero-based position in the Statement array. */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  principalMatches: boolean;
  principalReason: string;
  actionMatches: boolean;
  actionReason: string;
  conditions: ConditionVerdict[];
  /** Principal, action and every condition match: the statement's effect takes part in the decision. */
  applies: boolean;
}

export interface EvaluationResult {
  decision: Decision;
  /** One verdict per statement with a valid Effect, in document order. */
  statements: StatementVerdict[];
  /** Document-level remarks: malformed input, ignored statements, what else IAM checks. */
  notes: string[];
}

type ContextValue = { name: string; values: string[] };
type Context = Map<string, ContextValue>;

interface Evaluation {
  context: Context;
  /** aws:PrincipalArn was derived from a role session's ARN, which does not carry the role's path. */
  principalArnFromSession?: string;
  variables: boolean;
  request: AssumeRequest;
  caller: AwsPrincipal | undefined;
}

// ---------------------------------------------------------------------------------------------
// Entry points

export function evaluate(policy: string | object, request: AssumeRequest): EvaluationResult {
  try {
    return evaluateDocument(policy, request);
  } catch (error) {
    return { decision: 'implicitDeny', statements: [], notes: [`The policy could not be evaluated: ${String(error)}`] };
  }
}

/** A multi-line explanation of a result, for people. */
export function describeDecision(result: EvaluationResult): string {
  const headline: Record<Decision, string> = {
    allowed: 'ALLOWED: an Allow statement applies and no Deny statement does.',
    explicitDeny: 'DENIED explicitly: a Deny statement applies (a Deny always wins).',
    implicitDeny: 'DENIED implicitly: no Allow statement applies.',
  };
  const lines = [headline[result.decision]];
  for (const s of result.statements) {
    const name = `Statement ${s.index + 1}${s.sid ? ` (${s.sid})` : ''}, ${s.effect}`;
    lines.push(`${name}: ${s.applies ? 'applies' : 'does not apply'}`);
    lines.push(`  ${s.principalMatches ? '✓' : '✗'} principal: ${s.principalReason}`);
    lines.push(`  ${s.actionMatches ? '✓' : '✗'} action: ${s.actionReason}`);
    for (const c of s.conditions) lines.push(`  ${c.holds ? '✓' : '✗'} ${c.operator} ${c.key}: ${c.reason}`);
  }
  for (const note of result.notes) lines.push(`Note: ${note}`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Document

function evaluateDocument(policy: string | object, request: AssumeRequest): EvaluationResult {
  const notes: string[] = [];
  const deny = (note: string): EvaluationResult => ({ decision: 'implicitDeny', statements: [], notes: [...notes, note] });
  let doc: unknown = policy;
  if (typeof policy === 'string') {
    try {
      doc = JSON.parse(policy);
    } catch (error) {
      return deny(`The policy is not valid JSON (${error instanceof Error ? error.message : String(error)}): nothing is allowed.`);
    }
  }
  if (!isObject(doc)) return deny('The policy is not a JSON object: nothing is allowed.');
  if (!request || !isObject(request.principal) || typeof request.principal.id !== 'string' || typeof request.action !== 'string') {
    return deny('The request needs a principal {type, id} and an action.');
  }
  const raw = doc.Statement;
  const statements = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : undefined;
  if (!statements) return deny('The policy has no Statement: nothing is allowed.');
  if (statements.length === 0) return deny('The policy has an empty Statement: nothing is allowed.');

  const version = doc.Version;
  const variables = version === '2012-10-17';
  if (version === undefined) notes.push('No Version: IAM uses the 2008-10-17 grammar, where policy variables such as ${aws:username} are literal text.');
  else if (version === '2008-10-17') notes.push('Version 2008-10-17: policy variables such as ${aws:username} are literal text.');
  else if (!variables) notes.push(`Version ${JSON.stringify(version)} is not one IAM accepts (2012-10-17 or 2008-10-17); evaluated as 2008-10-17.`);

  const caller = request.principal.type === 'AWS' ? callerPrincipal(request.principal.id) : undefined;
  if (request.principal.type === 'AWS' && !caller) {
    notes.push(`The caller "${request.principal.id}" is not an IAM or STS principal ARN or an account ID: only "*" principals can match it.`);
  }
  const evaluation: Evaluation = { context: buildContext(request, caller), variables, request, caller };
  const derivedArn = caller?.kind === 'assumed-role' && !hasContextKey(request, 'aws:PrincipalArn') ? evaluation.context.get('aws:principalarn')?.values[0] : undefined;
  if (derivedArn) evaluation.principalArnFromSession = derivedArn;

  const verdicts: StatementVerdict[] = [];
  const accountNotes = new Set<string>();
  statements.forEach((statement, index) => {
    if (!isObject(statement)) {
      notes.push(`Statement ${index + 1} is not an object: ignored.`);
      return;
    }
    const effect = statement.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') {
      notes.push(`Statement ${index + 1} has Effect ${JSON.stringify(effect)}, not "Allow" or "Deny" (case-sensitive): IAM would reject the policy; the statement is ignored.`);
      return;
    }
    const verdict = evaluateStatement(statement, index, effect, evaluation, notes, accountNotes);
    verdicts.push(verdict);
  });

  const applying = verdicts.filter((v) => v.applies);
  const decision: Decision = applying.some((v) => v.effect === 'Deny')
    ? 'explicitDeny'
    : applying.some((v) => v.effect === 'Allow')
      ? 'allowed'
      : 'implicitDeny';
  if (decision === 'allowed') {
    notes.push(...accountNotes);
    const roleAccount = request.roleArn ? parseArn(request.roleArn)?.account : undefined;
    if (caller?.account && roleAccount && caller.account !== roleAccount && accountNotes.size === 0) {
      notes.push(`Cross-account call (caller in ${caller.account}, role in ${roleAccount}): the caller's own identity policy must also allow sts:AssumeRole on this role.`);
    }
  }
  return { decision, statements: verdicts, notes };
}

function evaluateStatement(
  statement: Record<string, unknown>,
  index: number,
  effect: 'Allow' | 'Deny',
  evaluation: Evaluation,
  notes: string[],
  accountNotes: Set<string>,
): StatementVerdict {
  const label = `Statement ${index + 1}`;
  if ('Resource' in statement || 'NotResource' in statement) {
    notes.push(`${label} has Resource/NotResource, which trust policies do not support: IAM would reject the policy.`);
  }
  const principal = matchPrincipalElement(statement, evaluation);
  if ('NotPrincipal' in statement) notes.push(`${label} uses NotPrincipal, which trust policies do not support: the statement never applies.`);
  const action = matchActionElement(statement, evaluation.request.action);
  const conditions = evaluateConditionBlock(statement.Condition, evaluation);
  if (!Array.isArray(conditions)) notes.push(`${label}: ${conditions.problem}`);
  const conditionList = Array.isArray(conditions) ? conditions : [];
  const conditionsHold = Array.isArray(conditions) && conditionList.every((c) => c.holds);
  const applies = principal.matches && action.matches && conditionsHold;
  if (applies && effect === 'Allow' && principal.account) {
    accountNotes.add(`Account ${principal.account} is trusted as a whole: the caller's own identity policy must also allow sts:AssumeRole on this role.`);
  }
  if (applies && effect === 'Allow' && principal.everyone && evaluation.request.principal.type === 'AWS') {
    accountNotes.add('Every AWS principal is trusted ("*"): a caller from another account also needs its own identity policy to allow sts:AssumeRole on this role.');
  }
  const verdict: StatementVerdict = {
    index,
    effect,
    principalMatches: principal.matches,
    principalReason: principal.reason,
    actionMatches: action.matches,
    actionReason: action.reason,
    conditions: conditionList,
    applies,
  };
  if (typeof statement.Sid === 'string') verdict.sid = statement.Sid;
  return verdict;
}

// ---------------------------------------------------------------------------------------------
// Request context

/** The caller as an AWS principal; a bare account ID is that account's root. */
function callerPrincipal(id: string): AwsPrincipal | undefined {
  if (/^\d{12}$/.test(id)) return { kind: 'root', account: id, partition: 'aws' };
  const parsed = parseAwsPrincipal(id);
  return parsed && parsed.kind !== 'wildcard' && parsed.kind !== 'account' && parsed.kind !== 'unique-id' ? parsed : undefined;
}

function buildContext(request: AssumeRequest, caller: AwsPrincipal | undefined): Context {
  const context: Context = new Map();
  for (const [name, value] of Object.entries(request.context ?? {})) {
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value.map((v) => String(v)) : [String(value)];
    context.set(name.toLowerCase(), { name, values });
  }
  const derive = (name: string, value: string | undefined) => {
    if (value !== undefined && !context.has(name.toLowerCase())) context.set(name.toLowerCase(), { name, values: [value] });
  };
  if (caller?.account) {
    const partition = caller.partition ?? 'aws';
    const name = caller.name ?? '';
    const arn =
      caller.kind === 'root'
        ? `arn:${partition}:iam::${caller.account}:root`
        : caller.kind === 'user'
          ? `arn:${partition}:iam::${caller.account}:user/${name}`
          : caller.kind === 'role'
            ? `arn:${partition}:iam::${caller.account}:role/${name}`
            : caller.kind === 'assumed-role'
              ? `arn:${partition}:iam::${caller.account}:role/${name.split('/')[0]}`
              : `arn:${partition}:sts::${caller.account}:federated-user/${name}`;
    derive('aws:PrincipalArn', arn);
    derive('aws:PrincipalAccount', caller.account);
    const types: Record<string, string> = { root: 'Account', user: 'User', role: 'AssumedRole', 'assumed-role': 'AssumedRole', 'federated-user': 'FederatedUser' };
    derive('aws:PrincipalType', types[caller.kind]);
    if (caller.kind === 'user') derive('aws:username', name.split('/').pop());
  }
  if (request.principal.type === 'Service') derive('aws:PrincipalServiceName', request.principal.id);
  return context;
}

// ---------------------------------------------------------------------------------------------
// Principal

interface PrincipalMatch {
  matches: boolean;
  reason: string;
  /** The account trusted as a whole, when that is what matched. */
  account?: string;
  /** Matched through "*" or {"AWS": "*"}. */
  everyone?: boolean;
}

const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;

function matchPrincipalElement(statement: Record<string, unknown>, evaluation: Evaluation): PrincipalMatch {
  if (!('Principal' in statement)) {
    return 'NotPrincipal' in statement
      ? { matches: false, reason: 'NotPrincipal is not supported in trust policies: the statement never applies' }
      : { matches: false, reason: 'the statement has no Principal element' };
  }
  const element = statement.Principal;
  const { principal } = evaluation.request;
  if (element === '*' || (Array.isArray(element) && element.includes('*'))) {
    return { matches: true, reason: '"*" matches every caller (restrict it with conditions)', everyone: true };
  }
  if (!isObject(element)) return { matches: false, reason: `Principal ${JSON.stringify(element)} is neither "*" nor an object of principal types` };
  const aws = stringList(element.AWS);
  if (aws.includes('*')) return { matches: true, reason: '{"AWS": "*"} matches every caller, like "*" (restrict it with conditions)', everyone: true };
  const values = Object.prototype.hasOwnProperty.call(element, principal.type) ? stringList(element[principal.type]) : [];
  const listed = PRINCIPAL_TYPES.filter((t) => Object.prototype.hasOwnProperty.call(element, t));
  if (values.length === 0) {
    const article = principal.type === 'AWS' ? 'an' : 'a';
    return { matches: false, reason: `the caller is ${article} ${principal.type} principal; Principal lists ${listed.length ? listed.join(', ') : 'no known type of'} principals only` };
  }
  const misses: string[] = [];
  for (const value of values) {
    const match = matchPrincipalValue(principal.type, value, principal.id, evaluation.caller);
    if (match.matches) return match;
    misses.push(match.reason);
  }
  return { matches: false, reason: `${principal.id} is not trusted: ${misses.join('; ')}` };
}

function matchPrincipalValue(type: string, value: string, id: string, caller: AwsPrincipal | undefined): PrincipalMatch {
  // Service principals and identity providers compare with their case (docs/evaluate.md).
  if (type === 'Service') {
    if (value === id) return { matches: true, reason: `the service ${value} is trusted` };
    return { matches: false, reason: sameButCase(value, id) ? `${value} is not ${id}: service principals are case-sensitive, so ${value} names no service` : `${value} is another service` };
  }
  if (type === 'Federated') {
    if (value === id) return { matches: true, reason: `the identity provider ${value} is trusted` };
    return { matches: false, reason: sameButCase(value, id) ? `${value} is not ${id}: identity providers are compared with their case` : `${value} is another identity provider` };
  }
  if (type === 'CanonicalUser') {
    return value === id ? { matches: true, reason: `the canonical user ${value} is trusted` } : { matches: false, reason: `${value} is another canonical user` };
  }
  const trusted = parseAwsPrincipal(value);
  if (!trusted) return { matches: false, reason: `"${value}" is not an AWS principal IAM accepts (an account ID, or a root, user, role or session ARN)` };
  if (!caller) return { matches: false, reason: `the caller is not an IAM principal that ${value} could name` };
  if (trusted.kind === 'unique-id') {
    return { matches: false, reason: `${value} is the unique ID of a ${trusted.uniqueIdOf} (IAM shows one in place of a deleted ${trusted.uniqueIdOf}): it matches only that very ${trusted.uniqueIdOf}, never one recreated under the same name, and which one it was cannot be told from the ID` };
  }
  if (trusted.partition && caller.partition && trusted.partition !== caller.partition) {
    return { matches: false, reason: `${value} is in partition ${trusted.partition}, the caller in ${caller.partition}` };
  }
  if (trusted.account !== caller.account) return { matches: false, reason: `${value} is in account ${trusted.account}, the caller in ${caller.account}` };
  // Names compare with their case: "the user name part of the ARN is case sensitive" (Principal
  // element), and "role names are case sensitive when you assume a role" (docs/evaluate.md).
  const sameName = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a === b;
  const lastPart = (name: string | undefined) => (name ?? '').split('/').pop();
  const caseNote = (a: string | undefined, b: string | undefined) => (a !== undefined && b !== undefined && sameButCase(a, b) ? ` (the names differ only in case, and ${a} is not ${b})` : '');
  switch (trusted.kind) {
    case 'account':
    case 'root':
      return { matches: true, reason: `account ${trusted.account} is trusted as a whole (${value}), and the caller belongs to it`, account: trusted.account! };
    case 'role':
      // Role names are unique without case in an account; a session ARN carries the role name without its path.
      if (caller.kind === 'role' && sameName(trusted.name, caller.name)) return { matches: true, reason: `the role ${value} is trusted` };
      if (caller.kind === 'assumed-role' && sameName(lastPart(trusted.name), caller.name!.split('/')[0])) {
        return { matches: true, reason: `the caller is a session of the trusted role ${value}` };
      }
      return {
        matches: false,
        reason: `${value} is another role${caseNote(lastPart(trusted.name), caller.kind === 'role' ? lastPart(caller.name) : caller.kind === 'assumed-role' ? caller.name!.split('/')[0] : undefined)}`,
      };
    case 'user':
      if (caller.kind === 'user' && sameName(trusted.name, caller.name)) return { matches: true, reason: `the user ${value} is trusted` };
      return { matches: false, reason: `${value} is another user${caseNote(trusted.name, caller.kind === 'user' ? caller.name : undefined)}` };
    case 'assumed-role':
      if (caller.kind === 'assumed-role' && trusted.name === caller.name) return { matches: true, reason: `the session ${value} is trusted` };
      return { matches: false, reason: `${value} is another session (a session ARN trusts exactly that session)${caseNote(trusted.name, caller.kind === 'assumed-role' ? caller.name : undefined)}` };
    case 'federated-user':
      if (caller.kind === 'federated-user' && trusted.name === caller.name) return { matches: true, reason: `the federated user ${value} is trusted` };
      return { matches: false, reason: `${value} is another federated user` };
    default:
      return { matches: false, reason: `${value} does not name the caller` };
  }
}

// ---------------------------------------------------------------------------------------------
// Action

function matchActionElement(statement: Record<string, unknown>, action: string): { matches: boolean; reason: string } {
  const matchOne = (pattern: string) => {
    const colon = action.indexOf(':');
    if (colon > 0 && action.slice(0, colon).toLowerCase() === 'sts') return matchesAction(pattern, action.slice(colon + 1));
    return globMatch(literalTokens(pattern.toLowerCase(), true), action.toLowerCase());
  };
  if ('Action' in statement) {
    const patterns = stringList(statement.Action);
    const hit = patterns.find(matchOne);
    return hit !== undefined
      ? { matches: true, reason: `Action ${hit} covers ${action}` }
      : { matches: false, reason: `Action ${patterns.length ? patterns.join(', ') : '(empty)'} does not cover ${action}` };
  }
  if ('NotAction' in statement) {
    const patterns = stringList(statement.NotAction);
    const hit = patterns.find(matchOne);
    return hit !== undefined
      ? { matches: false, reason: `NotAction ${hit} excludes ${action}` }
      : { matches: true, reason: `NotAction ${patterns.join(', ')} does not exclude ${action}` };
  }
  return { matches: false, reason: 'the statement has no Action or NotAction' };
}

// ---------------------------------------------------------------------------------------------
// Conditions

function evaluateConditionBlock(block: unknown, evaluation: Evaluation): ConditionVerdict[] | { problem: string } {
  if (block === undefined) return [];
  if (!isObject(block)) return { problem: 'Condition is not an object: IAM would reject the policy; the statement never applies.' };
  const verdicts: ConditionVerdict[] = [];
  for (const [operator, keys] of Object.entries(block)) {
    if (!isObject(keys)) {
      verdicts.push({ operator, key: '', expected: [], actual: undefined, holds: false, reason: `${operator} must map condition keys to values` });
      continue;
    }
    for (const [key, value] of Object.entries(keys)) verdicts.push(evaluateCondition(operator, key, value, evaluation));
  }
  return verdicts;
}

function evaluateCondition(operatorText: string, key: string, rawValue: unknown, evaluation: Evaluation): ConditionVerdict {
  const op = parseOperator(operatorText);
  const rawValues = Array.isArray(rawValue) ? rawValue : [rawValue];
  const expected = rawValues.map((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v) ?? 'undefined'));
  const present = evaluation.context.get(key.toLowerCase());
  const actual = present ? [...present.values] : undefined;
  // A session ARN does not carry its role's path: say so wherever the derived aws:PrincipalArn decides.
  const pathNote =
    evaluation.principalArnFromSession && key.toLowerCase() === 'aws:principalarn'
      ? ` (aws:PrincipalArn was derived from the session ARN as ${evaluation.principalArnFromSession}, without the role's path, which a session ARN does not carry: if the role has a path, give aws:PrincipalArn in the request)`
      : '';
  const verdict = (holds: boolean, reason: string): ConditionVerdict => ({ operator: operatorText, key, expected, actual, holds, reason: `${reason}${pathNote}` });

  if (!op.base || op.problem) return verdict(false, `${op.problem ?? 'unknown operator'}: IAM would reject the policy`);
  if (rawValues.length === 0) return verdict(false, `${operatorText} lists no values for ${key}: IAM would reject the policy`);
  const bad = rawValues.find((v) => typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean');
  if (bad !== undefined) return verdict(false, `the values must be strings, numbers or booleans, not ${JSON.stringify(bad) ?? String(bad)}: IAM would reject the policy`);

  const shown = describeValues(actual);
  const expects = `${operatorText} expects ${expected.length === 1 ? quote(expected[0]!) : `one of ${expected.map(quote).join(', ')}`}`;
  const empty = !actual || actual.length === 0;

  if (op.base === 'Null') {
    const wantAbsent = expected.map((e) => e.toLowerCase());
    const ok = wantAbsent.some((e) => (e === 'true' ? empty : e === 'false' ? !empty : false));
    const state = empty ? `${key} is absent` : `${key} is present (${shown})`;
    return verdict(ok, `${state}; Null ${expected.map(quote).join(' or ')} requires it to be ${wantAbsent.includes('true') ? 'absent' : 'present'}`);
  }

  const info = lookupConditionKey(key);
  const multiNote =
    info?.multiValued && !op.setOperator && actual && actual.length > 1
      ? ` (${key} is multi-valued: use ForAnyValue or ForAllValues)`
      : info && !info.multiValued && op.setOperator
        ? ` (${key} is single-valued: AWS advises against ${op.setOperator} on it, which can be overly permissive)`
        : '';

  if (empty && op.ifExists) return verdict(true, `${key} is absent from the request, so ${operatorText} holds (IfExists)`);
  // "If the key values in the request resolve to an empty data set (for example, an empty string),
  // a condition operator modified by ForAllValues returns true, and … ForAnyValue returns false."
  const emptySet = empty || (actual!.length === 1 && actual![0] === '' && !Array.isArray(evaluation.request.context?.[present!.name]));
  if (op.setOperator === 'ForAllValues' && emptySet) {
    return verdict(true, `${key} has no values in the request, and ForAllValues holds for an empty set (pair it with Null false to require the key)${multiNote}`);
  }
  if (op.setOperator === 'ForAnyValue' && emptySet) return verdict(false, `${key} has no values in the request, and ForAnyValue needs at least one`);
  if (empty) {
    return op.negated
      ? verdict(true, `${key} is absent from the request, so the negated ${operatorText} holds`)
      : verdict(false, `${key} is absent from the request; ${expects}`);
  }

  // Resolve the policy values once.
  const resolved = expected.map((text) => compileValue(text, op, evaluation));
  const matchesAny = (value: string) => resolved.some((r) => r.ok && valueMatches(op, r, value));
  const unresolved = resolved.filter((r): r is Unresolved => !r.ok);
  const unresolvedNote = unresolved.length ? ` (${unresolved.map((u) => u.why).join('; ')})` : '';
  const invalidRequest = actual!.find((v) => !requestValueValid(op, v));
  if (invalidRequest !== undefined) {
    return verdict(false, `${key} is ${quote(invalidRequest)}, which is not a valid ${op.valueType} value for ${operatorText}`);
  }

  // Per request value: does it "match" in the sense of the operator (negated: matches none)?
  const valueOk = (value: string) => (op.negated ? !matchesAny(value) : matchesAny(value));
  let holds: boolean;
  if (op.setOperator === 'ForAllValues') holds = actual!.every(valueOk);
  else if (op.setOperator === 'ForAnyValue') holds = actual!.some(valueOk);
  else holds = op.negated ? !actual!.some(matchesAny) : actual!.some(matchesAny);

  const resolvedText = resolved.some((r) => r.ok && r.display !== r.text) ? ` (resolved: ${resolved.map((r) => (r.ok ? quote(r.display) : 'unresolved')).join(', ')})` : '';
  const scope = op.setOperator === 'ForAllValues' ? 'every value must' : op.setOperator === 'ForAnyValue' ? 'at least one value must' : '';
  const outcome = holds ? 'holds' : 'fails';
  const scoped = scope ? `; ${scope} ${op.negated ? 'match none of the policy values' : 'match one of the policy values'}` : '';
  return verdict(holds, `${key} is ${shown}; ${expects}${resolvedText}${scoped}: ${outcome}${unresolvedNote}${multiNote}`);
}

// ---------------------------------------------------------------------------------------------
// Values

type Token = GlobToken;

interface Resolved {
  ok: true;
  text: string;
  /** The value after substitution, wildcards shown as * and ?. */
  display: string;
  tokens: Token[];
}
interface Unresolved {
  ok: false;
  text: string;
  why: string;
}

/** Substitutes policy variables (String and Arn operators, Version 2012-10-17) and splits wildcards. */
function compileValue(text: string, op: ParsedOperator, evaluation: Evaluation): Resolved | Unresolved {
  const wildcards = op.globbing || op.valueType === 'ARN';
  const substitute = evaluation.variables && (op.valueType === 'String' || op.valueType === 'ARN');
  const tokens: Token[] = [];
  const pushText = (s: string, patterns: boolean) => {
    for (const ch of s) tokens.push(patterns && wildcards && ch === '*' ? STAR : patterns && wildcards && ch === '?' ? ONE : ch);
  };
  if (!substitute) pushText(text, true);
  else {
    let i = 0;
    while (i < text.length) {
      const start = text.indexOf('${', i);
      const end = start < 0 ? -1 : text.indexOf('}', start + 2);
      if (start < 0 || end < 0) {
        pushText(text.slice(i), true);
        break;
      }
      pushText(text.slice(i, start), true);
      const inner = text.slice(start + 2, end).trim();
      i = end + 1;
      if (inner === '*' || inner === '?' || inner === '$') {
        tokens.push(inner);
        continue;
      }
      const withDefault = /^([^,\s]+)\s*,\s*'(.*)'$/s.exec(inner);
      const name = withDefault ? withDefault[1]! : inner;
      const found = evaluation.context.get(name.toLowerCase());
      if (found && found.values.length === 1) pushText(found.values[0]!, false);
      else if (withDefault) pushText(withDefault[2]!, false);
      else {
        const why = found ? `\${${name}} is multi-valued and cannot be a policy variable` : `\${${name}} has no value in the request, so ${quote(text)} matches nothing`;
        return { ok: false, text, why };
      }
    }
  }
  const display = tokens.map((t) => (t === STAR ? '*' : t === ONE ? '?' : t)).join('');
  return { ok: true, text, display, tokens };
}

function requestValueValid(op: ParsedOperator, value: string): boolean {
  switch (op.valueType) {
    case 'Numeric':
      return parseNumber(value) !== undefined;
    case 'Date':
      return parseDate(value) !== undefined;
    case 'IPAddress':
      return parseCidr(value) !== undefined;
    case 'Binary':
      return parseBase64(value) !== undefined;
    case 'Bool':
      return /^(true|false)$/i.test(value);
    default:
      return true;
  }
}

function valueMatches(op: ParsedOperator, policy: Resolved, value: string): boolean {
  const base = op.base!;
  switch (op.valueType) {
    case 'String': {
      if (base === 'StringLike' || base === 'StringNotLike') return globMatch(policy.tokens, value);
      if (base.includes('IgnoreCase')) return policy.display.toLowerCase() === value.toLowerCase();
      return policy.display === value;
    }
    case 'ARN':
      return arnMatch(policy.tokens, value);
    case 'Bool':
      return policy.display.toLowerCase() === value.toLowerCase();
    case 'Numeric': {
      const a = parseNumber(value);
      const b = parseNumber(policy.text);
      return a !== undefined && b !== undefined && compare(base.slice('Numeric'.length), a, b);
    }
    case 'Date': {
      const a = parseDate(value);
      const b = parseDate(policy.text);
      return a !== undefined && b !== undefined && compare(base.slice('Date'.length), a, b);
    }
    case 'Binary': {
      const a = parseBase64(value);
      const b = parseBase64(policy.text);
      return a !== undefined && b !== undefined && a === b;
    }
    case 'IPAddress': {
      const ip = parseCidr(value);
      const range = parseCidr(policy.text);
      if (!ip || !range || ip.version !== range.version) return false;
      const bits = ip.version === 4 ? 32 : 128;
      const shift = BigInt(bits - range.prefix);
      return ip.address >> shift === range.address >> shift;
    }
    default:
      return false;
  }
}

/** Equals / NotEquals (the negation is applied by the caller) / LessThan … */
function compare(relation: string, request: number, policy: number): boolean {
  switch (relation) {
    case 'Equals':
    case 'NotEquals':
      return request === policy;
    case 'LessThan':
      return request < policy;
    case 'LessThanEquals':
      return request <= policy;
    case 'GreaterThan':
      return request > policy;
    case 'GreaterThanEquals':
      return request >= policy;
    default:
      return false;
  }
}

function parseNumber(text: string): number | undefined {
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** ISO 8601 date or date-time (UTC when no zone is given), or epoch seconds; milliseconds since the epoch. */
function parseDate(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  // The W3C profile of ISO 8601: YYYY-MM, YYYY-MM-DD, and date-times with an optional zone (UTC
  // when none). A bare YYYY is read as epoch seconds above.
  const match = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/i.exec(trimmed);
  if (!match) return undefined;
  const [, y, mo, d = '01', h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = match;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

function parseBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  return base64ToHex(compact);
}

const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes of checked base64 text as hex, as Node's Buffer decodes them, without Buffer (the engine runs in browsers too). */
function base64ToHex(compact: string): string {
  let hex = '';
  let bits = 0;
  let value = 0;
  for (const digit of compact.replace(/=+$/, '')) {
    value = (value << 6) | BASE64_DIGITS.indexOf(digit);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      hex += ((value >> bits) & 0xff).toString(16).padStart(2, '0');
      value &= (1 << bits) - 1;
    }
  }
  return hex;
}

interface Cidr {
  version: 4 | 6;
  address: bigint;
  prefix: number;
}

/** An IPv4 or IPv6 address with an optional /prefix (a bare address is a one-address range). */
function parseCidr(text: string): Cidr | undefined {
  const [addressText, prefixText, ...rest] = text.trim().split('/');
  if (rest.length || addressText === undefined) return undefined;
  const v4 = parseIpv4(addressText);
  const version = v4 !== undefined ? 4 : 6;
  const address = v4 ?? parseIpv6(addressText);
  if (address === undefined) return undefined;
  const bits = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  return prefix > bits ? undefined : { version, address, prefix };
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  let groups: string[];
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const split = (s: string) => (s === '' ? [] : s.split(':'));
  // An embedded IPv4 tail (::ffff:192.0.2.1) counts as two groups.
  const expandTail = (parts: string[]): string[] | undefined => {
    const last = parts[parts.length - 1];
    if (last === undefined || !last.includes('.')) return parts;
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    return [...parts.slice(0, -1), (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
  };
  if (halves.length === 2) {
    const head = split(halves[0]!);
    const tail = expandTail(split(halves[1]!));
    if (!tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  } else {
    const all = expandTail(split(text));
    if (!all) return undefined;
    groups = all;
  }
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

// ---------------------------------------------------------------------------------------------
// Wildcards

/** Tokens of a text in which * and ? are wildcards (when `wildcards`). */
function literalTokens(text: string, wildcards: boolean): Token[] {
  return wildcards ? globTokens(text) : [...text];
}

/** Whether the whole value matches the pattern; `*` any run of characters, `?` exactly one (linear, no regular expressions). */
function globMatch(pattern: readonly Token[], text: string): boolean {
  return globMatchTokens(pattern, [...text]);
}

/** ArnEquals/ArnLike: the six colon-separated parts compared one by one, wildcards within each part. */
function arnMatch(pattern: readonly Token[], value: string): boolean {
  const patternParts = splitArnTokens(pattern);
  const valueParts = splitArn(value);
  if (!patternParts || !valueParts) return false;
  return patternParts.every((part, i) => globMatch(part, valueParts[i]!));
}

function splitArn(value: string): string[] | undefined {
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

function splitArnTokens(tokens: readonly Token[]): Token[][] | undefined {
  const parts: Token[][] = [[]];
  for (const token of tokens) {
    if (token === ':' && parts.length < 6) parts.push([]);
    else parts[parts.length - 1]!.push(token);
  }
  return parts.length === 6 ? parts : undefined;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string-or-array element's strings (numbers kept as their text). */
function stringList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
}

/** Two texts that are the same but for case (and not the same text). */
function sameButCase(a: string, b: string): boolean {
  return a !== b && a.toLowerCase() === b.toLowerCase();
}

/** Whether the request gives a context key itself (keys compare without case). */
function hasContextKey(request: AssumeRequest, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.entries(request.context ?? {}).some(([key, value]) => key.toLowerCase() === lower && value !== undefined && value !== null);
}

function quote(value: string): string {
  return `'${value}'`;
}

function describeValues(values: string[] | undefined): string {
  if (!values) return 'absent';
  if (values.length === 0) return 'an empty list';
  return values.length === 1 ? quote(values[0]!) : `[${values.map(quote).join(', ')}]`;
}

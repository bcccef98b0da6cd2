import { matchesAction } from '../iam/actions';
import { MAX_DOCUMENT_CHARS } from '../base/limits';
import { parseArn, parseAwsPrincipal } from '../iam/principals';
import { buildModel, type ConditionEntry, type Statement } from '../model/model';
import { principalEntries, restrictingEntries } from '../model/statements';
import { parsePolicy } from '../syntax/parse';
import { evaluate, type AssumeRequest } from './evaluate';

/**
 * Who can reach which role, as the roles' trust policies say (issue 16). Pure: no Node
 * built-ins, never throws on a policy.
 *
 *   buildTrustGraph(roles, zone): TrustGraph
 *   whoCanReach(graph, roleArn): ReachResult
 *   reachableFrom(graph, principal): ReachResult
 *
 * - A trust edge runs from a principal named in an Allow statement that allows
 *   sts:AssumeRole, sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML, to the role.
 *   Every statement that admits the principal is kept with its conditions as written: a
 *   condition is never judged true or false here, since the request is not known.
 * - A Deny statement that refuses the principal whatever the request (no condition; decided by
 *   evaluate()) removes the edge; one with conditions is listed beside the edge.
 * - Chains: a session of role B is a principal, so "role A trusts role B" chains A behind
 *   whoever reaches B; and a session of B is a principal of B's account, so a role that trusts
 *   B's account (`arn:aws:iam::B:root`) is one step further ("member" steps).
 * - Entry points outside the zone of trust (the organisation's and the declared accounts): "*"
 *   and principals of other accounts, unless a condition of the admitting statement pins
 *   aws:PrincipalOrgID to the organisation or aws:PrincipalAccount to accounts of the zone.
 * - Only trust policies are read: identity policies, permission boundaries and SCPs are not,
 *   so "can reach" means "the trust policies allow it" (REACH_SCOPE says so in words).
 * - Bounded: at most MAX_GRAPH_ROLES roles (the rest are left out with a note); each query is
 *   a breadth-first search that visits every node once (cycles end there) and keeps one
 *   shortest path per principal.
 */

export const MAX_GRAPH_ROLES = 10_000;

export const REACH_SCOPE =
  'Only trust policies are read: identity policies, permission boundaries and SCPs are not, so "can reach" means "the trust policies allow it"; each step also needs the caller\'s own policies to allow sts:AssumeRole.';

export interface GraphRole {
  arn: string;
  /** The trust policy as IAM returns it (decoded). */
  trustPolicy: string;
}

export interface TrustZone {
  /** 12-digit accounts inside the zone: the organisation's, the declared ones, the audited ones. */
  accounts: readonly string[];
  /** The organisation's ID (`o-…`), for aws:PrincipalOrgID conditions. */
  organizationId?: string;
}

export type PrincipalKind = 'role' | 'user' | 'account' | 'public' | 'service' | 'federated' | 'federated-user' | 'canonical-user' | 'unknown';

export interface GraphPrincipal {
  /** The node's key in the graph. */
  id: string;
  kind: PrincipalKind;
  /** The ARN, account, service, provider or value as written. */
  value: string;
  account?: string;
  /** A role whose trust policy is in the graph. */
  audited: boolean;
  /** Public, or of an account outside the zone of trust. */
  outside: boolean;
  /** In words. */
  label: string;
}

export interface StepCondition {
  operator: string;
  key: string;
  values: string[];
  /** `Operator key: "value", "value"` as written. */
  text: string;
}

export interface StatementRef {
  /** Zero-based position in the Statement array. */
  index: number;
  sid?: string;
  conditions: StepCondition[];
}

export interface Admission extends StatementRef {
  /** The assume actions it allows the principal (`sts:AssumeRole` …). */
  actions: string[];
  /** The principal as the statement writes it, when that is narrower than the node (a single session of a role). */
  only?: string;
}

export interface TrustEdge {
  from: string;
  to: string;
  /** Every Allow statement that admits the principal. */
  admittedBy: Admission[];
  /** Deny statements that refuse the principal under their conditions. */
  deniedIf: StatementRef[];
  /** From outside the zone of trust (the principal is, and no condition pins the caller to the zone). */
  outside: boolean;
  /** Why an outside principal counts as inside: the condition that pins it. */
  pinnedBy?: string;
}

export interface TrustGraph {
  nodes: Map<string, GraphPrincipal>;
  /** Role id → the edges into it (whom it trusts). */
  into: Map<string, TrustEdge[]>;
  /** Principal id → the edges out of it (the roles that trust it). */
  outOf: Map<string, TrustEdge[]>;
  /** Account → the roles and users of it that the graph knows (their sessions are principals of the account). */
  members: Map<string, string[]>;
  /** Roles left out, unreadable policies, Deny statements that remove an edge. */
  notes: string[];
  zone: { accounts: ReadonlySet<string>; organizationId?: string };
}

export interface PathStep {
  from: GraphPrincipal;
  to: GraphPrincipal;
  /** trust: `to` is a role whose trust policy admits `from`; member: `from` is a principal of account `to`, or matches "*". */
  kind: 'trust' | 'member';
  edge?: TrustEdge;
}

export interface Reach {
  /** Who reaches (whoCanReach), or what is reached (reachableFrom). */
  principal: GraphPrincipal;
  /** From the start to the end, shortest first found. */
  path: PathStep[];
  /** Some trust step of the path comes from outside the zone of trust. */
  outside: boolean;
}

export interface ReachResult {
  /** The node asked about; undefined when the graph does not know it. */
  subject: GraphPrincipal | undefined;
  reaches: Reach[];
  notes: string[];
}

const ASSUME_ACTIONS = ['AssumeRole', 'AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML'];

// ---------------------------------------------------------------------------------------------
// Nodes

const roleId = (account: string, name: string) => `role:${account}:${name.toLowerCase()}`;

/** The node of a principal value of a given type (`AWS`, `Service`, `Federated`, `CanonicalUser`, `*`). */
function principalNode(type: string, value: string, zone: TrustGraph['zone']): { node: GraphPrincipal; only?: string } {
  const outsideAccount = (account: string) => !zone.accounts.has(account);
  if (type === '*' || (type === 'AWS' && value === '*')) return { node: { id: 'public', kind: 'public', value: '*', audited: false, outside: true, label: 'anyone ("*"): every AWS principal of every account' } };
  if (type === 'Service') return { node: { id: `service:${value.toLowerCase()}`, kind: 'service', value, audited: false, outside: false, label: `the AWS service ${value}` } };
  if (type === 'Federated') {
    const exact = value.startsWith('arn:') ? value : value.toLowerCase();
    return { node: { id: `federated:${exact}`, kind: 'federated', value, audited: false, outside: false, label: `identities of the provider ${value}` } };
  }
  if (type === 'CanonicalUser') return { node: { id: `canonical:${value}`, kind: 'canonical-user', value, audited: false, outside: true, label: `the S3 canonical user ${value}` } };
  const unknown = { node: { id: `unknown:${type}:${value}`, kind: 'unknown' as const, value, audited: false, outside: false, label: `${type} ${value} (not a principal IAM accepts, or a deleted principal's unique ID)` } };
  if (type !== 'AWS') return unknown;
  const p = parseAwsPrincipal(value);
  if (!p?.account) return unknown;
  const account = p.account;
  const outside = outsideAccount(account);
  switch (p.kind) {
    case 'account':
    case 'root':
      return { node: accountNode(account, outside) };
    case 'role': {
      const name = p.name!.split('/').pop()!;
      return { node: { id: roleId(account, name), kind: 'role', value, account, audited: false, outside, label: `role ${value}` } };
    }
    case 'assumed-role': {
      // A session ARN trusts that one session of the role: the step is from the role, narrowed.
      const [role, session] = p.name!.split('/') as [string, string];
      const arn = `arn:${p.partition ?? 'aws'}:iam::${account}:role/${role}`;
      return { node: { id: roleId(account, role), kind: 'role', value: arn, account, audited: false, outside, label: `role ${arn}` }, only: `session ${session} only (${value})` };
    }
    case 'user':
      return { node: { id: `user:${account}:${p.name!.split('/').pop()!.toLowerCase()}`, kind: 'user', value, account, audited: false, outside, label: `user ${value}` } };
    case 'federated-user':
      return { node: { id: `federated-user:${account}:${p.name}`, kind: 'federated-user', value, account, audited: false, outside, label: `federated user ${value}` } };
    default:
      return unknown;
  }
}

function accountNode(account: string, outside: boolean): GraphPrincipal {
  return { id: `account:${account}`, kind: 'account', value: account, account, audited: false, outside, label: `account ${account} (any principal of it that its own policies allow)` };
}

function conditionOf(entry: ConditionEntry): StepCondition {
  const values = entry.values.map((v) => (v.kind === 'string' ? v.value : v.kind === 'number' || v.kind === 'boolean' ? v.value : v.kind));
  return { operator: entry.operator, key: entry.key, values, text: `${entry.operator} ${entry.key}: ${values.map((v) => JSON.stringify(v)).join(', ')}` };
}

const refOf = (statement: Statement): StatementRef => {
  const sid = statement.elements.get('Sid')?.value;
  return { index: statement.index, ...(sid?.type === 'string' ? { sid: String(sid.value) } : {}), conditions: statement.conditions.map(conditionOf) };
};

/** The assume actions a statement's Action (or NotAction) element allows. */
function assumeActions(statement: Statement): string[] {
  const strings = (items: Statement['actions']) => items.filter((i) => i.kind === 'string').map((i) => i.value);
  if (statement.elements.has('Action')) {
    const patterns = strings(statement.actions);
    return ASSUME_ACTIONS.filter((name) => patterns.some((p) => matchesAction(p, name)));
  }
  if (statement.elements.has('NotAction')) {
    const patterns = strings(statement.notActions);
    return ASSUME_ACTIONS.filter((name) => !patterns.some((p) => matchesAction(p, name)));
  }
  return [];
}

/** The condition of a statement that pins the caller inside the zone, when there is one. */
function pinToZone(statement: Statement, zone: TrustGraph['zone']): string | undefined {
  for (const entry of restrictingEntries(statement)) {
    const key = entry.key.toLowerCase();
    const values = entry.values.filter((v) => v.kind === 'string').map((v) => v.value);
    if (values.length === 0 || entry.op.globbing) continue;
    if (key === 'aws:principalorgid' && zone.organizationId && values.every((v) => v === zone.organizationId)) return conditionOf(entry).text;
    if ((key === 'aws:principalaccount' || key === 'aws:sourceaccount') && values.every((v) => zone.accounts.has(v))) return conditionOf(entry).text;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Building

export function buildTrustGraph(roles: readonly GraphRole[], zone: TrustZone): TrustGraph {
  const graph: TrustGraph = {
    nodes: new Map(),
    into: new Map(),
    outOf: new Map(),
    members: new Map(),
    notes: [],
    zone: { accounts: new Set(zone.accounts), ...(zone.organizationId ? { organizationId: zone.organizationId } : {}) },
  };
  if (roles.length > MAX_GRAPH_ROLES) graph.notes.push(`${roles.length} roles: only the first ${MAX_GRAPH_ROLES} are in the graph.`);
  const kept = roles.slice(0, MAX_GRAPH_ROLES);
  // The audited roles first, so that an edge to or from one finds its node.
  const audited: Array<{ id: string; role: GraphRole }> = [];
  for (const role of kept) {
    const arn = parseArn(role.arn);
    if (!arn || arn.resourceType !== 'role' || !/^\d{12}$/.test(arn.account)) {
      graph.notes.push(`"${role.arn}" is not a role ARN: left out.`);
      continue;
    }
    const id = roleId(arn.account, arn.resourceName.split('/').pop()!);
    if (graph.nodes.has(id)) continue;
    addNode(graph, { id, kind: 'role', value: role.arn, account: arn.account, audited: true, outside: !graph.zone.accounts.has(arn.account), label: `role ${role.arn}` });
    audited.push({ id, role });
  }
  for (const { id, role } of audited) addTrustEdges(graph, id, role);
  return graph;
}

function addTrustEdges(graph: TrustGraph, to: string, role: GraphRole): void {
  if (role.trustPolicy.length > MAX_DOCUMENT_CHARS) {
    graph.notes.push(`${role.arn}: the trust policy is too large to read.`);
    return;
  }
  const model = buildModel(parsePolicy(role.trustPolicy));
  if (model.statements.length === 0) {
    graph.notes.push(`${role.arn}: no statement could be read from the trust policy.`);
    return;
  }
  const hasDeny = model.statements.some((s) => s.effect === 'Deny');
  let document: string | object = role.trustPolicy;
  try {
    document = JSON.parse(role.trustPolicy) as object;
  } catch {
    // evaluate() explains a document that is not JSON; the model above read what it could.
  }
  const edges = new Map<string, TrustEdge>();
  for (const statement of model.statements) {
    if (statement.effect !== 'Allow') continue;
    const actions = assumeActions(statement);
    if (actions.length === 0) continue;
    const pinnedBy = pinToZone(statement, graph.zone);
    for (const entry of principalEntries(statement)) {
      if (entry.item.kind !== 'string') continue;
      const { node, only } = principalNode(entry.type, entry.item.value, graph.zone);
      const denied = hasDeny ? denialsOf(document, model.statements, node, entry.type, actions, role.arn) : { always: undefined, conditional: [] };
      if (denied.always !== undefined) {
        graph.notes.push(`${role.arn}: statement ${denied.always + 1} denies ${node.label} whatever the request, so statement ${statement.index + 1} does not let it in.`);
        continue;
      }
      const known = addNode(graph, node);
      let edge = edges.get(known.id);
      if (!edge) {
        edge = { from: known.id, to, admittedBy: [], deniedIf: denied.conditional, outside: known.outside && !pinnedBy, ...(known.outside && pinnedBy ? { pinnedBy } : {}) };
        edges.set(known.id, edge);
      } else if (known.outside && !pinnedBy) {
        // Another statement admits it without a pin: from outside after all.
        edge.outside = true;
        delete edge.pinnedBy;
      }
      edge.admittedBy.push({ ...refOf(statement), actions: actions.map((a) => `sts:${a}`), ...(only ? { only } : {}) });
    }
  }
  for (const edge of edges.values()) {
    push(graph.into, edge.to, edge);
    push(graph.outOf, edge.from, edge);
  }
}

/**
 * The Deny statements that refuse a principal (as evaluate() matches principals and actions):
 * one without conditions removes the edge; the others are listed with their conditions.
 */
function denialsOf(document: string | object, statements: Statement[], node: GraphPrincipal, type: string, actions: string[], roleArn: string): { always: number | undefined; conditional: StatementRef[] } {
  const principal: AssumeRequest['principal'] =
    node.kind === 'public'
      ? { type: 'AWS', id: '*' }
      : node.kind === 'account'
        ? { type: 'AWS', id: node.value }
        : { type: type === 'Service' || type === 'Federated' || type === 'CanonicalUser' ? type : 'AWS', id: node.value };
  const conditional = new Map<number, StatementRef>();
  // Refused only when every allowed action is refused unconditionally.
  let alwaysEvery = true;
  let always: number | undefined;
  for (const action of actions) {
    const result = evaluate(document, { principal, action: `sts:${action}`, roleArn });
    const denying = result.statements.filter((v) => v.effect === 'Deny' && v.principalMatches && v.actionMatches);
    const unconditional = denying.find((v) => v.conditions.length === 0 && v.applies);
    if (unconditional) always ??= unconditional.index;
    else alwaysEvery = false;
    for (const v of denying) {
      if (v === unconditional) continue;
      const statement = statements.find((s) => s.index === v.index);
      if (statement && !conditional.has(v.index)) conditional.set(v.index, refOf(statement));
    }
  }
  return { always: alwaysEvery ? always : undefined, conditional: [...conditional.values()] };
}

/** The graph's node for a principal, added when new; a principal of an account is one of its members. */
function addNode(graph: TrustGraph, node: GraphPrincipal): GraphPrincipal {
  const known = graph.nodes.get(node.id);
  if (known) return known;
  graph.nodes.set(node.id, node);
  if (node.account && node.kind !== 'account') push(graph.members, node.account, node.id);
  return node;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// ---------------------------------------------------------------------------------------------
// Queries

/** The node a role ARN names, when the graph has it. */
export function findRole(graph: TrustGraph, roleArn: string): GraphPrincipal | undefined {
  const arn = parseArn(roleArn);
  if (!arn || arn.resourceType !== 'role') return undefined;
  return graph.nodes.get(roleId(arn.account, arn.resourceName.split('/').pop()!));
}

/**
 * The node of a principal as a user writes it: a role, user or session ARN, an account ID or
 * root ARN, "*", a service or an identity provider; undefined when it is none of these.
 */
export function principalFromText(graph: TrustGraph, text: string): GraphPrincipal | undefined {
  const value = text.trim();
  if (value === '*') return principalNode('*', value, graph.zone).node;
  if (/\.amazonaws\.com(\.cn)?$/i.test(value) && !value.startsWith('arn:') && !/^cognito-identity/i.test(value)) {
    return graph.nodes.get(`service:${value.toLowerCase()}`) ?? principalNode('Service', value, graph.zone).node;
  }
  if (/:(oidc|saml)-provider\//.test(value) || (!value.startsWith('arn:') && /\./.test(value))) return principalNode('Federated', value, graph.zone).node;
  const { node } = principalNode('AWS', value, graph.zone);
  if (node.kind === 'unknown') return undefined;
  return graph.nodes.get(node.id) ?? node;
}

/** Who can reach a role: every principal with a path of trust steps to it, and that path. */
export function whoCanReach(graph: TrustGraph, roleArn: string): ReachResult {
  const subject = findRole(graph, roleArn);
  const notes = [...graph.notes];
  if (!subject) return { subject, reaches: [], notes: [...notes, `${roleArn} is not among the roles read.`] };
  // Backwards from the role; next[x] is the step from x toward the role.
  const next = new Map<string, PathStep>();
  const queue: string[] = [subject.id];
  const seen = new Set<string>(queue);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    const here = graph.nodes.get(id)!;
    const visit = (from: string, step: PathStep) => {
      if (seen.has(from)) return;
      seen.add(from);
      next.set(from, step);
      queue.push(from);
    };
    if (here.kind === 'role') {
      for (const edge of graph.into.get(id) ?? []) visit(edge.from, { from: graph.nodes.get(edge.from)!, to: here, kind: 'trust', edge });
    } else if (here.kind === 'account') {
      // The account's roles (their sessions) and users are principals of it.
      for (const member of graph.members.get(here.value) ?? []) visit(member, { from: graph.nodes.get(member)!, to: here, kind: 'member' });
    }
  }
  const reaches: Reach[] = [];
  for (const id of queue.slice(1)) {
    const path: PathStep[] = [];
    for (let step = next.get(id); step; step = step.to.id === subject.id ? undefined : next.get(step.to.id)) path.push(step);
    reaches.push({ principal: graph.nodes.get(id)!, path, outside: path.some((s) => s.edge?.outside) });
  }
  return { subject, reaches, notes };
}

/** The roles a principal can reach, each with its path of trust steps. */
export function reachableFrom(graph: TrustGraph, principalText: string): ReachResult {
  const subject = principalFromText(graph, principalText);
  const notes = [...graph.notes];
  if (!subject) return { subject, reaches: [], notes: [...notes, `"${principalText}" is not a principal: a role, user or session ARN, an account ID, "*", a service or an identity provider.`] };
  const previous = new Map<string, PathStep>();
  const nodeOf = (id: string, fallback?: GraphPrincipal) => graph.nodes.get(id) ?? fallback!;
  const start = nodeOf(subject.id, subject);
  const queue: GraphPrincipal[] = [start];
  const seen = new Set<string>([start.id]);
  const visit = (node: GraphPrincipal, step: PathStep) => {
    if (seen.has(node.id)) return;
    seen.add(node.id);
    previous.set(node.id, step);
    queue.push(node);
  };
  for (let i = 0; i < queue.length; i++) {
    const here = queue[i]!;
    for (const edge of graph.outOf.get(here.id) ?? []) {
      const role = graph.nodes.get(edge.to)!;
      visit(role, { from: here, to: role, kind: 'trust', edge });
    }
    // A principal of an account is let in where the account is trusted; every principal where "*" is.
    if (here.account && here.kind !== 'account') {
      const account = graph.nodes.get(`account:${here.account}`);
      if (account) visit(account, { from: here, to: account, kind: 'member' });
    }
    const everyone = graph.nodes.get('public');
    if (everyone && here.kind !== 'public') visit(everyone, { from: here, to: everyone, kind: 'member' });
  }
  const reaches: Reach[] = [];
  for (const node of queue.slice(1)) {
    if (node.kind !== 'role') continue;
    const path: PathStep[] = [];
    for (let step = previous.get(node.id); step; step = step.from.id === start.id ? undefined : previous.get(step.from.id)) path.unshift(step);
    reaches.push({ principal: node, path, outside: path.some((s) => s.edge?.outside) });
  }
  return { subject: start, reaches, notes };
}

// ---------------------------------------------------------------------------------------------
// Words

/** A path as lines of text: each step with the statement and the conditions that admit it. */
export function describePath(path: readonly PathStep[]): string[] {
  const lines: string[] = [];
  for (const step of path) {
    if (step.kind === 'member') {
      lines.push(step.to.kind === 'public' ? `${step.from.label} is matched by "*"` : `${step.from.label} is a principal of ${step.to.label.replace(/ \(.*\)$/, '')}`);
      continue;
    }
    const edge = step.edge!;
    lines.push(`→ ${step.to.value}${edge.outside ? ' [from outside the zone of trust]' : edge.pinnedBy ? ` [inside the zone by ${edge.pinnedBy}]` : ''}`);
    for (const a of edge.admittedBy) {
      const name = `statement ${a.index + 1}${a.sid ? ` (${a.sid})` : ''}`;
      lines.push(`    ${name} allows ${a.actions.join(', ')}${a.only ? `, ${a.only}` : ''}${a.conditions.length ? ' if' : ', no condition'}`);
      for (const c of a.conditions) lines.push(`      ${c.text}`);
    }
    for (const d of edge.deniedIf) {
      lines.push(`    but statement ${d.index + 1}${d.sid ? ` (${d.sid})` : ''} denies it if`);
      for (const c of d.conditions) lines.push(`      ${c.text}`);
    }
  }
  return lines;
}

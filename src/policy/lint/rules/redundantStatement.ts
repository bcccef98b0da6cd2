import type { Node } from 'jsonc-parser';
import type { Item, Statement } from '../../model/model';
import type { Rule, RuleContext } from '../rule';

// IAM Access Analyzer, "Suggestion – Redundant statement":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-suggestion-redundant-statement

/** Deeper than this, a statement is not compared (the parser already cuts hostile nesting). */
const MAX_DEPTH = 32;

/**
 * A text that two statements share exactly when they grant the same: keys in order, lists as
 * sets (a one-item list is its item), the Sid left out. Undefined when it cannot be told.
 */
function canonical(node: Node | undefined, depth: number, top: boolean): string | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return JSON.stringify(node.value ?? null);
    case 'array': {
      const parts: string[] = [];
      for (const child of node.children ?? []) {
        const part = canonical(child, depth + 1, false);
        if (part === undefined) return undefined;
        parts.push(part);
      }
      const unique = [...new Set(parts)].sort();
      return unique.length === 1 ? unique[0] : `[${unique.join(',')}]`;
    }
    case 'object': {
      const parts: string[] = [];
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key?.type !== 'string') return undefined;
        if (top && key.value === 'Sid') continue;
        const part = canonical(value, depth + 1, false);
        if (part === undefined) return undefined;
        parts.push(`${JSON.stringify(key.value)}:${part}`);
      }
      parts.sort();
      // Duplicate keys (duplicate-key's finding) make the meaning unclear: not compared.
      if (new Set(parts.map((p) => p.slice(0, p.indexOf('":') + 1))).size !== parts.length) return undefined;
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
}


/** The statement's text with its Sid property left out (the rest as written). */
function withoutSid(text: string, statement: Statement): string {
  const sid = statement.elements.get('Sid')?.property;
  const { offset, length } = statement.node;
  if (!sid) return text.slice(offset, offset + length);
  return text.slice(offset, sid.offset) + text.slice(sid.offset + sid.length, offset + length);
}

/**
 * A 32-bit hash of what canonical() compares (keys and list items in any order, a one-item list
 * as its item, the Sid left out): equal statements share it, different ones rarely do. Scalars
 * are numbered through `ids` (a Map look-up reuses the hash V8 keeps in each string) rather than
 * hashed character by character.
 */
function treeHash(ids: Map<unknown, number>, node: Node | undefined, depth: number, top: boolean): number | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return idOf(ids, node.type === 'string' ? node.value : `${node.type}:${String(node.value)}`);
    case 'array': {
      const children = node.children ?? [];
      if (children.length === 1) return treeHash(ids, children[0], depth + 1, false);
      const hashes: number[] = [];
      for (const child of children) {
        const h = treeHash(ids, child, depth + 1, false);
        if (h === undefined) return undefined;
        hashes.push(h);
      }
      hashes.sort((a, b) => a - b);
      let sum = 0x9e3779b9;
      for (let i = 0; i < hashes.length; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) sum = (sum + Math.imul(hashes[i]! ^ 0x5bd1e995, 0x85ebca6b)) >>> 0;
      // A list of one repeated item is that item, as in canonical().
      return hashes.length > 0 && hashes[0] === hashes[hashes.length - 1] ? hashes[0] : sum;
    }
    case 'object': {
      let sum = 0x27d4eb2f;
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (key?.type !== 'string') return undefined;
        if (top && key.value === 'Sid') continue;
        const h = treeHash(ids, property.children?.[1], depth + 1, false);
        if (h === undefined) return undefined;
        sum = (sum + Math.imul(idOf(ids, key.value) ^ Math.imul(h, 0xc2b2ae35), 0x165667b1)) >>> 0;
      }
      return sum;
    }
    default:
      return undefined;
  }
}

function idOf(ids: Map<unknown, number>, value: unknown): number {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = Math.imul(ids.size + 1, 0x9e3779b1) >>> 0));
  return id;
}

/**
 * What statements equal for canonical() (or in their text without the Sid) always share: the
 * Effect string, the least principal entry, the least Action and NotAction values, the number of
 * condition entries and the least condition key.
 */
interface Signature {
  effect: string | undefined;
  principalType: string;
  principal: string;
  action: string;
  notAction: string;
  conditions: number;
  conditionKey: string;
}

/**
 * The least of the items' values (order and repeats make no difference: canonical() treats a list
 * as a set, and a one-item list as its item), or undefined when an item is a list or object.
 */
function leastValue(items: readonly Item[]): string | undefined {
  let least = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'object' || item.kind === 'array') return undefined;
    if (i === 0 || item.value < least) least = item.value;
  }
  return least;
}

/**
 * The statement's Signature; undefined when its shape is one the signature cannot tell: a
 * non-string Effect, a nested list or object among the principal and action values, a Condition
 * or operator block that is not an object (canonical() reads a one-item list as its item, where
 * the model finds no condition entries).
 */
function signatureOf(statement: Statement): Signature | undefined {
  const effect = statement.elements.get('Effect')?.value;
  if (effect && effect.type !== 'string') return undefined;
  const condition = statement.elements.get('Condition')?.value;
  if (condition && (condition.type !== 'object' || statement.conditionOperators.some((o) => o.value?.type !== 'object'))) return undefined;
  // The least principal entry, by type and then value.
  let principalType = '';
  let principal = '';
  const principals = statement.principals;
  for (let i = 0; i < principals.length; i++) {
    const { type, item } = principals[i]!;
    if (item.kind === 'object' || item.kind === 'array') return undefined;
    if (i === 0 || type < principalType || (type === principalType && item.value < principal)) {
      principalType = type;
      principal = item.value;
    }
  }
  const action = leastValue(statement.actions);
  const notAction = leastValue(statement.notActions);
  if (action === undefined || notAction === undefined) return undefined;
  const conditions = statement.conditions;
  let conditionKey = '';
  for (let i = 0; i < conditions.length; i++) if (i === 0 || conditions[i]!.key < conditionKey) conditionKey = conditions[i]!.key;
  return { effect: statement.effect, principalType, principal, action, notAction, conditions: conditions.length, conditionKey };
}

const sameSignature = (a: Signature, b: Signature) =>
  a.action === b.action && a.principal === b.principal && a.conditionKey === b.conditionKey && a.conditions === b.conditions && a.effect === b.effect && a.principalType === b.principalType && a.notAction === b.notAction;

/** The Signature as one string, for a policy of many statements (two equal signatures give the same string). */
const signatureText = (s: Signature) => `${s.effect ?? '\u0001'}\u0000${s.principalType}\u0000${s.principal}\u0000${s.action}\u0000${s.notAction}\u0000${s.conditions}\u0000${s.conditionKey}`;

/** At most this many statements of one hash are kept for comparison (the rest are not compared). */
const BUCKET_SIZE = 16;

/**
 * Up to this many statements, they are compared pair by pair, and only those that may repeat are
 * hashed (see check()): no bucket can fill up then, as it holds the statements before the one
 * being placed.
 */
const FEW_STATEMENTS = BUCKET_SIZE;

/**
 * Which statements could be redundant with another, by index: those whose Signature another
 * statement shares. Undefined when none can (most policies: no tree is hashed then); every
 * statement when a shape is one the signature cannot tell, or when there are more than
 * FEW_STATEMENTS statements and two signatures repeat.
 */
function mayRepeat(statements: readonly Statement[]): boolean[] | undefined {
  const all = () => statements.map(() => true);
  const objects = statements.filter((s) => s.node.type === 'object');
  const signatures: Signature[] = [];
  for (const statement of objects) {
    const signature = signatureOf(statement);
    if (!signature) return all();
    signatures.push(signature);
  }
  if (statements.length > FEW_STATEMENTS) {
    const seen = new Set<string>();
    for (const signature of signatures) {
      const text = signatureText(signature);
      if (seen.has(text)) return all();
      seen.add(text);
    }
    return undefined;
  }
  let candidates: boolean[] | undefined;
  for (let i = 0; i < objects.length; i++) {
    for (let j = i + 1; j < objects.length; j++) {
      if (!sameSignature(signatures[i]!, signatures[j]!)) continue;
      candidates ??= statements.map(() => false);
      candidates[objects[i]!.index] = candidates[objects[j]!.index] = true;
    }
  }
  return candidates;
}

export const redundantStatement: Rule = {
  meta: {
    code: 'redundant-statement',
    severity: 'suggestion',
    needs: ['multiple-statements'],
    description: 'Two statements that grant exactly the same (they differ at most in Sid, in the order of keys or of list items, or by a repeated item).',
    rationale:
      'IAM takes the union of the statements, so the second copy changes nothing; worse, the next edit may change one copy and not the other, and the other keeps granting what was meant to go. IAM Access Analyzer reports it as "Redundant statement". Source: IAM User Guide, Access Analyzer policy check reference, "Redundant statement" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Ci", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/ci" }, "Action": "sts:AssumeRole" },
    { "Sid": "CiAgain", "Effect": "Allow", "Action": ["sts:AssumeRole"], "Principal": { "AWS": "arn:aws:iam::111122223333:role/ci" } }
  ]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Ci", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/ci" }, "Action": "sts:AssumeRole" }
  ]
}`,
    accessAnalyzer: 'Redundant statement',
  },
  check({ policy, model, reportAt }) {
    const candidates = model.statements.length < 2 ? undefined : mayRepeat(model.statements);
    if (!candidates) return;
    // Most statements differ: each is first placed by an order-blind hash of its tree (no
    // strings built); only statements that share a hash are compared, by their text without the
    // Sid, then by canonical(). That keeps the rule linear, also for thousands of copies.
    type Entry = { statement: Statement; text?: string; key?: string | null };
    const buckets = new Map<number, Entry[]>();
    const ids = new Map<unknown, number>();
    const textOf = (e: Entry) => (e.text ??= withoutSid(policy.text, e.statement));
    const keyOf = (e: Entry) => (e.key === undefined ? (e.key = canonical(e.statement.node, 0, true) ?? null) : e.key);
    // A document read without a syntax problem is JSON, where two statements whose texts without
    // the Sid are equal have equal trees but for the Sid: the same hash, the same canonical(). A
    // copy of a statement kept in a bucket is then known by its text alone, which costs one native
    // hash of the text instead of a walk over the tree (the walk's reads of scattered nodes are
    // what this rule spent its time on). It finds the entry the buckets would: kept entries never
    // match each other, by text or by canonical(), so one with the same text is the only match.
    const byText = policy.syntaxProblems.length === 0 ? new Map<string, Entry>() : undefined;
    // In such a document a statement whose signature no other shares matches none (a match is
    // equal text, so an equal tree, or an equal canonical(): the same signature either way), and
    // with few statements no bucket fills up: it need not be hashed, nor kept.
    const onlyCandidates = byText !== undefined && model.statements.length <= FEW_STATEMENTS;
    for (const statement of model.statements) {
      if (statement.node.type !== 'object' || (onlyCandidates && !candidates[statement.index])) continue;
      const entry: Entry = { statement };
      const known = byText?.get(textOf(entry));
      if (known) {
        reportRedundant(reportAt, statement, known.statement);
        continue;
      }
      const hash = treeHash(ids, statement.node, 0, true);
      if (hash === undefined) continue;
      const bucket = buckets.get(hash);
      if (!bucket) {
        buckets.set(hash, [entry]);
        byText?.set(textOf(entry), entry);
        continue;
      }
      const first = bucket.find((e) => textOf(e) === textOf(entry) || (keyOf(e) !== null && keyOf(e) === keyOf(entry)));
      if (!first) {
        if (bucket.length < BUCKET_SIZE) {
          bucket.push(entry);
          byText?.set(textOf(entry), entry);
        }
        continue;
      }
      reportRedundant(reportAt, statement, first.statement);
    }
  },
};

function reportRedundant(reportAt: RuleContext['reportAt'], statement: Statement, first: Statement): void {
  reportAt(statement.node, `Statement ${statement.index + 1} grants exactly what statement ${first.index + 1} grants: remove one`, [
    { node: first.node, message: `statement ${first.index + 1}` },
  ]);
}

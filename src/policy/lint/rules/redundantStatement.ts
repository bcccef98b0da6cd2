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
 * The least of the items' values (order and repeats make no difference: canonical() treats a list
 * as a set, and a one-item list as its item), or undefined when an item is a list or object.
 */
function leastValue(items: readonly Item[], prefix: (i: number) => string): string | undefined {
  let least = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'object' || item.kind === 'array') return undefined;
    const value = prefix(i) + item.value;
    if (i === 0 || value < least) least = value;
  }
  return least;
}

/** The least condition key of the statement as written ('' for none): statements equal for canonical() test the same keys. */
function leastConditionKey(statement: Statement): string {
  const conditions = statement.conditions;
  let least = '';
  for (let i = 0; i < conditions.length; i++) if (i === 0 || conditions[i]!.key < least) least = conditions[i]!.key;
  return least;
}

/**
 * Whether two of the statements could be redundant: a cheap signature that statements equal for
 * canonical() (or in their text without the Sid) always share — the Effect string, the least
 * principal entry, the least Action and NotAction values, the number of condition entries and
 * the least condition key — repeats among them, or a statement's shape is one the signature
 * cannot tell (a non-string Effect, a nested list or object among those values). Most policies'
 * statements differ there, and need no tree hashed; many differ only in their conditions.
 */
function mayRepeat(statements: readonly Statement[]): boolean {
  const seen = new Set<string>();
  const noPrefix = () => '';
  for (const statement of statements) {
    if (statement.node.type !== 'object') continue;
    const effect = statement.elements.get('Effect')?.value;
    if (effect && effect.type !== 'string') return true;
    const principals = statement.principals;
    const principal = leastValue(
      principals.map((p) => p.item),
      (i) => `${principals[i]!.type}\u0000`,
    );
    const action = leastValue(statement.actions, noPrefix);
    const notAction = leastValue(statement.notActions, noPrefix);
    if (principal === undefined || action === undefined || notAction === undefined) return true;
    const signature = `${statement.effect ?? '\u0001'}\u0000${principal}\u0000${action}\u0000${notAction}\u0000${statement.conditions.length}\u0000${leastConditionKey(statement)}`;
    if (seen.has(signature)) return true;
    seen.add(signature);
  }
  return false;
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
    if (model.statements.length < 2 || !mayRepeat(model.statements)) return;
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
    for (const statement of model.statements) {
      if (statement.node.type !== 'object') continue;
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
        if (bucket.length < 16) {
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

import type { Node } from 'jsonc-parser';
import type { ParsedPolicy } from './parse';

/**
 * The policy as the rules see it: every element keeps the jsonc-parser nodes of its key and
 * value, so a rule can point at the exact token. Built leniently from whatever the parser
 * recovered; a malformed piece is kept as its raw node for the rule that reports it.
 */

/** One `"Name": value` property of an object. */
export interface Element {
  name: string;
  /** The property node (key and value). */
  property: Node;
  /** The key's string node. */
  key: Node;
  /** The value node; undefined when the parser recovered a key without a value. */
  value: Node | undefined;
}

/** A scalar taken from a string-or-array element, with the node it came from. */
export interface Item {
  /** The string form IAM sees: strings as they are, numbers and booleans as their JSON text. */
  value: string;
  node: Node;
  /** JSON type of the node; anything but 'string' is something a rule may report. */
  kind: 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';
}

/** One principal value: `{"AWS": "arn…"}` gives type "AWS"; `"*"` gives type "*". */
export interface PrincipalEntry {
  /** The type key as written (`AWS`, `Service`, `Federated`, `CanonicalUser`, or anything else). */
  type: string;
  /** The type key's node; undefined for the bare `"Principal": "*"` form. */
  typeKey: Node | undefined;
  item: Item;
}

/** One `"key": values` inside an operator block. */
export interface ConditionEntry {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  operatorKey: Node;
  /** The condition key as written (case is kept; compare with lower case). */
  key: string;
  keyNode: Node;
  /** The whole value node (string, array, …). */
  valueNode: Node | undefined;
  values: Item[];
}

export interface Statement {
  index: number;
  /** The statement's node; usually an object, but kept whatever it is. */
  node: Node;
  /** Elements by exact (case-sensitive) name; the first occurrence wins. */
  elements: Map<string, Element>;
  /** The Effect value when it is a string. */
  effect: string | undefined;
  /** Entries of Principal (or of NotPrincipal when there is no Principal). */
  principals: PrincipalEntry[];
  /** Items of Action, and of NotAction. */
  actions: Item[];
  notActions: Item[];
  conditions: ConditionEntry[];
}

export interface PolicyModel {
  parsed: ParsedPolicy;
  /** The root node when it is an object. */
  root: Node | undefined;
  /** Top-level elements by exact name; the first occurrence wins. */
  elements: Map<string, Element>;
  /** The Version value when it is a string. */
  version: string | undefined;
  statements: Statement[];
}

export function buildModel(parsed: ParsedPolicy): PolicyModel {
  const root = parsed.root?.type === 'object' ? parsed.root : undefined;
  const elements = objectElements(root);
  const version = stringValue(elements.get('Version')?.value);
  const statementValue = elements.get('Statement')?.value;
  const statementNodes =
    statementValue?.type === 'array'
      ? (statementValue.children ?? [])
      : statementValue?.type === 'object'
        ? [statementValue]
        : [];
  const statements = statementNodes.map((node, index) => buildStatement(node, index));
  return { parsed, root, elements, version, statements };
}

function buildStatement(node: Node, index: number): Statement {
  const elements = objectElements(node.type === 'object' ? node : undefined);
  const principalElement = elements.get('Principal') ?? elements.get('NotPrincipal');
  return {
    index,
    node,
    elements,
    effect: stringValue(elements.get('Effect')?.value),
    principals: principalEntries(principalElement?.value),
    actions: items(elements.get('Action')?.value),
    notActions: items(elements.get('NotAction')?.value),
    conditions: conditionEntries(elements.get('Condition')?.value),
  };
}

/** The properties of an object node, first occurrence of each exact name. */
export function objectElements(node: Node | undefined): Map<string, Element> {
  const map = new Map<string, Element>();
  for (const element of allProperties(node)) {
    if (!map.has(element.name)) map.set(element.name, element);
  }
  return map;
}

/** Every property of an object node in order, duplicates included. */
export function allProperties(node: Node | undefined): Element[] {
  if (node?.type !== 'object') return [];
  const result: Element[] = [];
  for (const property of node.children ?? []) {
    const key = property.children?.[0];
    if (property.type !== 'property' || key?.type !== 'string') continue;
    result.push({ name: String(key.value), property, key, value: property.children?.[1] });
  }
  return result;
}

export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? String(node.value) : undefined;
}

/** A string-or-array value as items; an array's nested arrays and objects are kept as items too. */
export function items(node: Node | undefined): Item[] {
  if (!node) return [];
  if (node.type === 'array') return (node.children ?? []).map(toItem);
  return [toItem(node)];
}

function toItem(node: Node): Item {
  const kind = node.type === 'property' ? 'object' : node.type;
  const value = node.type === 'string' ? String(node.value) : node.type === 'number' || node.type === 'boolean' ? String(node.value) : '';
  return { value, node, kind };
}

function principalEntries(node: Node | undefined): PrincipalEntry[] {
  if (!node) return [];
  if (node.type !== 'object') return items(node).map((item) => ({ type: '*', typeKey: undefined, item }));
  return allProperties(node).flatMap(({ name, key, value }) =>
    items(value).map((item) => ({ type: name, typeKey: key, item })),
  );
}

function conditionEntries(node: Node | undefined): ConditionEntry[] {
  const entries: ConditionEntry[] = [];
  for (const operator of allProperties(node)) {
    for (const key of allProperties(operator.value)) {
      entries.push({
        operator: operator.name,
        operatorKey: operator.key,
        key: key.name,
        keyNode: key.key,
        valueNode: key.value,
        values: items(key.value),
      });
    }
  }
  return entries;
}

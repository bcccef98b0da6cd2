import type { Node } from 'jsonc-parser';
import { lookupConditionKey, type ConditionKeyInfo, type FederatedProvider } from '../iam/iamData';
import { parseOperator, type ParsedOperator } from '../iam/operators';
import type { ParsedPolicy } from '../syntax/parse';

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
  /** key.toLowerCase(), made once for the many rules that compare it. */
  lowerKey: string;
  /** lowerPrefixOf(key), made on first use by entryLowerPrefix() in statements.ts; rules call that. */
  lowerPrefix: string | undefined;
  keyNode: Node;
  /** The whole value node (string, array, …). */
  valueNode: Node | undefined;
  values: Item[];
  /** parseOperator(operator): most condition rules need it. */
  op: ParsedOperator;
  /** lookupConditionKey(key): what the IAM data knows of the key, if anything. */
  keyInfo: ConditionKeyInfo | undefined;
}

/**
 * Facts that several rules derive from one statement, each computed on first use by the
 * function that owns it and kept here, so that a lint computes them once per statement
 * rather than once per rule. Rules do not read these fields: they call the functions.
 */
export interface StatementMemo {
  /** allowedStsActions() in statements.ts */
  allowedStsActions: Set<string> | undefined;
  /** restrictingEntries() in statements.ts */
  restrictingEntries: ConditionEntry[] | undefined;
  /** restrictedKeys() in statements.ts */
  restrictedKeys: Set<string> | undefined;
  /** trustedWebIdentityProviders() in statements.ts */
  webIdentityProviders: TrustedProvider[] | undefined;
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
  /** The operator blocks of Condition (when it is an object), duplicates included. */
  conditionOperators: Element[];
  /** The `"key": values` of every operator block whose value is an object, in order. */
  conditions: ConditionEntry[];
  memo: StatementMemo;
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
  /**
   * The root is a statement, not a policy (AWS's guides print some statements alone): no
   * Statement element, and an Effect, Principal or Action of its own. IAM refuses it
   * (statement-missing says to wrap it); the root is then also the one statement, so that the
   * statement's own problems are found too.
   */
  loneStatement: boolean;
}

/** The elements that make a root without "Statement" a statement pasted alone. */
const LONE_STATEMENT_KEYS = ['Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction'];

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
  const loneStatement = root !== undefined && !elements.has('Statement') && LONE_STATEMENT_KEYS.some((key) => elements.has(key));
  const statements = loneStatement ? [buildStatement(root, 0)] : statementNodes.map((node, index) => buildStatement(node, index));
  return { parsed, root, elements, version, statements, loneStatement };
}

function buildStatement(node: Node, index: number): Statement {
  const elements = objectElements(node.type === 'object' ? node : undefined);
  const principalElement = elements.get('Principal') ?? elements.get('NotPrincipal');
  const conditionOperators = allProperties(elements.get('Condition')?.value);
  return {
    index,
    node,
    elements,
    effect: stringValue(elements.get('Effect')?.value),
    principals: principalEntries(principalElement?.value),
    actions: items(elements.get('Action')?.value),
    notActions: items(elements.get('NotAction')?.value),
    conditionOperators,
    conditions: conditionEntries(conditionOperators),
    memo: { allowedStsActions: undefined, restrictingEntries: undefined, restrictedKeys: undefined, webIdentityProviders: undefined },
  };
}

/** The element of a property node, when it is one with a string key. */
function toElement(property: Node): Element | undefined {
  const children = property.children;
  const key = children?.[0];
  if (property.type !== 'property' || key?.type !== 'string') return undefined;
  return { name: String(key.value), property, key, value: children![1] };
}

/** The properties of an object node, first occurrence of each exact name. */
export function objectElements(node: Node | undefined): Map<string, Element> {
  const map = new Map<string, Element>();
  if (node?.type !== 'object' || !node.children) return map;
  for (const property of node.children) {
    const element = toElement(property);
    if (element && !map.has(element.name)) map.set(element.name, element);
  }
  return map;
}

/** Every property of an object node in order, duplicates included. */
export function allProperties(node: Node | undefined): Element[] {
  if (node?.type !== 'object' || !node.children) return [];
  // map() makes an array of the exact size, where one grown by push() from empty reserves
  // room for 17 (a sixth of the model's memory on a large document). Every child is a
  // property with a string key in the trees that parseTree() and strictTree.ts build; the
  // filter is only for anything else.
  const elements = node.children.map(toElement);
  return (elements.includes(undefined) ? elements.filter((e) => e !== undefined) : elements) as Element[];
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
  const entries: PrincipalEntry[] = [];
  if (!node) return entries;
  if (node.type !== 'object') {
    addPrincipalEntries(entries, '*', undefined, node);
    return entries;
  }
  // The entries of allProperties(node), without making its elements.
  for (const property of node.children ?? []) {
    const key = property.children?.[0];
    if (property.type !== 'property' || key?.type !== 'string') continue;
    addPrincipalEntries(entries, String(key.value), key, property.children![1]);
  }
  return entries;
}

/** An entry for each of items(value), without making that list. */
function addPrincipalEntries(entries: PrincipalEntry[], type: string, typeKey: Node | undefined, value: Node | undefined): void {
  if (!value) return;
  if (value.type !== 'array') entries.push({ type, typeKey, item: toItem(value) });
  else for (const child of value.children ?? []) entries.push({ type, typeKey, item: toItem(child) });
}

function conditionEntries(operators: Element[]): ConditionEntry[] {
  const entries: ConditionEntry[] = [];
  for (const operator of operators) {
    const op = parseOperator(operator.name);
    for (const key of allProperties(operator.value)) {
      entries.push({
        operator: operator.name,
        operatorKey: operator.key,
        key: key.name,
        lowerKey: key.name.toLowerCase(),
        lowerPrefix: undefined,
        keyNode: key.key,
        valueNode: key.value,
        values: items(key.value),
        op,
        keyInfo: lookupConditionKey(key.name),
      });
    }
  }
  return entries;
}

export interface TrustedProvider {
  entry: PrincipalEntry;
  provider: FederatedProvider;
  /** The statement's condition entries on this provider's keys. */
  conditions: ConditionEntry[];
  /**
   * The provider ARN's account is a placeholder (`arn:aws:iam::<ACCOUNT_ID>:oidc-provider/…`):
   * IAM refuses it as written (federated-invalid), and the OIDC rules judge what it lets in once
   * filled in, at most as a warning (oidcSeverity() in statements.ts).
   */
  placeholderAccount?: true;
}

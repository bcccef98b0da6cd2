import { getLocation, type Node } from 'jsonc-parser';
import { cutDeepNesting } from './parse';

/** What the text at an offset is, in trust-policy terms (for completion and hover). */
export type CursorContext =
  | { kind: 'top-level-key' }
  | { kind: 'statement-key'; statement: number }
  | { kind: 'version-value' }
  | { kind: 'effect-value'; statement: number }
  | { kind: 'principal-type-key'; statement: number; element: 'Principal' | 'NotPrincipal' }
  | { kind: 'principal-value'; statement: number; principalType: string }
  | { kind: 'action-value'; statement: number; element: 'Action' | 'NotAction' }
  | { kind: 'operator-key'; statement: number }
  | { kind: 'condition-key'; statement: number; operator: string }
  | { kind: 'condition-value'; statement: number; operator: string; key: string }
  | { kind: 'other' };

export interface CursorInfo {
  context: CursorContext;
  /** The string token under the cursor (key or value), when there is one. */
  node: Node | undefined;
  /** Its text without quotes. */
  text: string | undefined;
}

/**
 * Where `offset` is in a policy: which element's key or value, and in which statement.
 * Works on incomplete text too, since it is asked while the user types.
 */
export function cursorAt(text: string, offset: number): CursorInfo {
  // getLocation() recurses per level: nesting too deep is cut first (offsets unchanged), as for
  // every reader of JSON text (it threw RangeError on 5,000 levels, asked while typing).
  const location = getLocation(cutDeepNesting(text).text, offset);
  // On a property key, getLocation reports a childless 'property' node spanning the key string.
  const previous: Node | undefined =
    location.previousNode?.type === 'property' ? { ...location.previousNode, type: 'string' } : location.previousNode;
  const node = previous?.type === 'string' && offset >= previous.offset && offset <= previous.offset + previous.length ? previous : undefined;
  const info = (context: CursorContext): CursorInfo => ({ context, node, text: node ? String(node.value) : undefined });
  const path = location.path;
  const atKey = location.isAtPropertyKey;

  // A single statement object is allowed in place of the list: normalise to index 0.
  let rest: (string | number)[];
  let statement: number;
  if (path[0] !== 'Statement') {
    if (path.length === 1 && atKey) return info({ kind: 'top-level-key' });
    if (path.length === 1 && path[0] === 'Version') return info({ kind: 'version-value' });
    return info({ kind: 'other' });
  }
  if (typeof path[1] === 'number') {
    statement = path[1];
    rest = path.slice(2);
  } else {
    statement = 0;
    rest = path.slice(1);
  }
  if (rest.length === 0) return info({ kind: 'other' });
  const [element, ...inner] = rest;
  if (rest.length === 1 && atKey) return info({ kind: 'statement-key', statement });
  switch (element) {
    case 'Effect':
      return info(inner.length === 0 ? { kind: 'effect-value', statement } : { kind: 'other' });
    case 'Principal':
    case 'NotPrincipal':
      if (inner.length === 0) return info({ kind: 'principal-value', statement, principalType: '*' });
      if (inner.length === 1 && atKey) return info({ kind: 'principal-type-key', statement, element });
      return info({ kind: 'principal-value', statement, principalType: String(inner[0]) });
    case 'Action':
    case 'NotAction':
      return info(inner.length <= 1 ? { kind: 'action-value', statement, element } : { kind: 'other' });
    case 'Condition': {
      if (inner.length === 1 && atKey) return info({ kind: 'operator-key', statement });
      const operator = String(inner[0] ?? '');
      if (inner.length === 2 && atKey) return info({ kind: 'condition-key', statement, operator });
      if (inner.length >= 2) return info({ kind: 'condition-value', statement, operator, key: String(inner[1]) });
      return info({ kind: 'other' });
    }
    default:
      return info({ kind: 'other' });
  }
}

import type { Node } from 'jsonc-parser';
import { MAX_NESTING_DEPTH } from '../base/limits';

/**
 * jsonc-parser's SyntaxKind values. Its SyntaxKind is an ambient const enum, which
 * isolatedModules does not let us use, so the values it documents are repeated here.
 */
export const enum SyntaxKind {
  OpenBraceToken = 1,
  CloseBraceToken = 2,
  OpenBracketToken = 3,
  CloseBracketToken = 4,
  CommaToken = 5,
  ColonToken = 6,
  NullKeyword = 7,
  TrueKeyword = 8,
  FalseKeyword = 9,
  StringLiteral = 10,
  NumericLiteral = 11,
  LineCommentTrivia = 12,
  BlockCommentTrivia = 13,
  LineBreakTrivia = 14,
  Trivia = 15,
  Unknown = 16,
  EOF = 17,
}

/** jsonc-parser's Node with the fields parseTree() itself fills in after creating a node. */
type Building = { -readonly [K in keyof Node]: Node[K] };

// The parser's state, for the one document being read (it never calls out, so it is not re-entered).
let text = '';
let pos = 0;
let depth = 0;
/** Children are collected here and copied out at the end of their object or array (see collect()). */
const stack: Node[] = [];
/** The stack's height: what lies above it is stale (the stack is only emptied once per parse, as setting an array's length costs more than a node). */
let top = 0;
/** Whitespace characters read so far (see strictWhitespace()). */
let whitespace = 0;
/** strictWhitespace()'s answer, kept when a parse succeeds. */
let lastWhitespace = 0;

/**
 * How many of JSON's four whitespace characters (space, tab, CR, LF) the text that
 * parseStrictTree() last turned into a tree has, inside strings too (where strict JSON allows
 * only the space raw): counted while reading it, so that the size rules need not read the text
 * again. Only meaningful right after a call that returned a tree.
 */
export function strictWhitespace(): number {
  return lastWhitespace;
}

/** Thrown at the first thing strict JSON does not allow; parseStrictTree() answers undefined. */
const NOT_STRICT = new Error('not strict JSON');

/**
 * The fast path of parsePolicy(): builds the same tree as jsonc-parser's parseTree() for a
 * document that is strict JSON, with a scanner of its own; returns undefined at the first thing
 * strict JSON does not allow (comment, trailing comma, bad token, bad escape, control character,
 * any whitespace but JSON's four, empty text …) or for nesting deeper than MAX_NESTING_DEPTH, and
 * parsePolicy() then runs parseTree() for its error recovery and messages.
 *
 * Why it is faster than parseTree(): that goes through visit(), which allocates a closure for
 * every callback (the JSON path supplier) and keeps a path array up to date, and the scanner it
 * drives builds every token's value, whitespace included, one character at a time. Here the
 * characters are read once, a string without escapes is one slice of the text, and nodes are
 * built directly.
 *
 * For strict JSON the two trees are equal node for node (type, offset, length, value,
 * colonOffset, children, parent), and any document that parseTree() parses without an error
 * takes this path unless it uses whitespace other than space, tab, CR and LF or nests deeper
 * than MAX_NESTING_DEPTH: property tests compare them (test/unit/strictTree.test.ts).
 */
export function parseStrictTree(source: string): Node | undefined {
  text = source;
  pos = 0;
  depth = 0;
  top = 0;
  whitespace = 0;
  let built: Node;
  try {
    skipSpace();
    built = value(undefined);
    skipSpace();
    if (pos !== text.length) return undefined;
    lastWhitespace = whitespace;
  } catch (error) {
    if (error === NOT_STRICT) return undefined;
    throw error;
  } finally {
    stack.length = 0;
    top = 0;
    text = '';
  }
  // parseTree() leaves the root without a parent property. Deleting it would switch the
  // root to V8's slow dictionary mode (which cost 8% of linting a small policy), so the
  // root is copied without it instead, and its children pointed at the copy.
  const { type, offset, length, children } = built;
  if (!children) return { type, offset, length, value: built.value };
  const root: Node = { type, offset, length, children };
  for (const child of children) (child as Building).parent = root;
  return root;
}

/** Skips JSON's whitespace: space, tab, line feed, carriage return. */
function skipSpace(): void {
  // Locals, not the module's variables, in the loops: V8 then keeps them in registers.
  const t = text;
  let p = pos;
  for (;;) {
    const c = t.charCodeAt(p);
    if (c === 32 || c === 10 || c === 13 || c === 9) p++;
    else break;
  }
  whitespace += p - pos;
  pos = p;
}

/** The value at `pos` (after whitespace); `pos` is left after it. */
function value(parent: Node | undefined): Node {
  const offset = pos;
  const c = text.charCodeAt(pos);
  switch (c) {
    case 34 /* " */:
      return { type: 'string', offset, length: scanString() - offset, parent, value: stringValue } as Node;
    case 123 /* { */:
      return container(parent, 'object');
    case 91 /* [ */:
      return container(parent, 'array');
    case 116 /* t */:
      keyword('true');
      return { type: 'boolean', offset, length: 4, parent, value: true };
    case 102 /* f */:
      keyword('false');
      return { type: 'boolean', offset, length: 5, parent, value: false };
    case 110 /* n */:
      keyword('null');
      return { type: 'null', offset, length: 4, parent, value: null };
    default:
      if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
        scanNumber();
        return { type: 'number', offset, length: pos - offset, parent, value: Number(text.slice(offset, pos)) };
      }
      throw NOT_STRICT;
  }
}

/** A keyword, which jsonc-parser reads as the whole run of characters up to a separator. */
function keyword(word: string): void {
  if (!text.startsWith(word, pos)) throw NOT_STRICT;
  pos += word.length;
  endOfWord();
}

/** A number or keyword must end where jsonc-parser's scanner ends a token: at whitespace or a separator (over-strict elsewhere). */
function endOfWord(): void {
  if (pos === text.length) return;
  const c = text.charCodeAt(pos);
  // space, tab, LF, CR, `,` `:` `]` `}`
  if (c === 32 || c === 9 || c === 10 || c === 13 || c === 44 || c === 58 || c === 93 || c === 125) return;
  throw NOT_STRICT;
}

/** JSON's number grammar, as jsonc-parser's scanner reads it. */
function scanNumber(): void {
  if (text.charCodeAt(pos) === 45) pos++;
  let c = text.charCodeAt(pos);
  if (c === 48) c = text.charCodeAt(++pos);
  else if (c >= 49 && c <= 57) do c = text.charCodeAt(++pos); while (c >= 48 && c <= 57);
  else throw NOT_STRICT;
  if (c === 46 /* . */) {
    c = text.charCodeAt(++pos);
    if (!(c >= 48 && c <= 57)) throw NOT_STRICT;
    do c = text.charCodeAt(++pos); while (c >= 48 && c <= 57);
  }
  if (c === 101 || c === 69 /* e E */) {
    c = text.charCodeAt(++pos);
    if (c === 43 || c === 45) c = text.charCodeAt(++pos);
    if (!(c >= 48 && c <= 57)) throw NOT_STRICT;
    do c = text.charCodeAt(++pos); while (c >= 48 && c <= 57);
  }
  endOfWord();
}

/** The value of the string scanString() read last. */
let stringValue = '';

/** The string starting at `pos` (its opening quote): sets stringValue, returns and leaves `pos` after the closing quote. */
function scanString(): number {
  const t = text;
  const start = pos + 1;
  let p = start;
  let spaces = 0;
  for (;;) {
    const c = t.charCodeAt(p);
    // Most characters: one comparison besides the backslash's (NaN, the end of the text, fails it).
    if (c > 34 && c !== 92) {
      p++;
      continue;
    }
    if (c === 34) {
      stringValue = t.slice(start, p);
      whitespace += spaces;
      return (pos = p + 1);
    }
    if (c === 32) {
      spaces++;
      p++;
      continue;
    }
    // A backslash, a control character (JSON does not allow them raw), or the end of the text (NaN).
    if (c === 92 || c < 32 || c !== c) break;
    p++;
  }
  whitespace += spaces;
  pos = p;
  // With escapes: the rest is read piece by piece.
  let result = text.slice(start, pos);
  let from = pos;
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 34) {
      stringValue = result + text.slice(from, pos);
      return ++pos;
    }
    if (c < 32 || c !== c) throw NOT_STRICT;
    if (c !== 92) {
      if (c === 32) whitespace++;
      pos++;
      continue;
    }
    result += text.slice(from, pos);
    const e = text.charCodeAt(pos + 1);
    pos += 2;
    switch (e) {
      case 34: result += '"'; break;
      case 92: result += '\\'; break;
      case 47: result += '/'; break;
      case 98: result += '\b'; break;
      case 102: result += '\f'; break;
      case 110: result += '\n'; break;
      case 114: result += '\r'; break;
      case 116: result += '\t'; break;
      case 117 /* u */: {
        let code = 0;
        for (let i = 0; i < 4; i++) {
          const h = text.charCodeAt(pos++);
          const digit = h >= 48 && h <= 57 ? h - 48 : h >= 97 && h <= 102 ? h - 87 : h >= 65 && h <= 70 ? h - 55 : -1;
          if (digit < 0) throw NOT_STRICT;
          code = code * 16 + digit;
        }
        result += String.fromCharCode(code);
        break;
      }
      default:
        throw NOT_STRICT;
    }
    from = pos;
  }
}

/** The children collected on the stack since `start`, as an array of their exact size (one grown by push() from empty reserves room for 17 elements). */
function collect(start: number): Node[] {
  const children = stack.slice(start, top);
  top = start;
  return children;
}

/** The object or array at `pos` (its opening brace or bracket); `pos` is left after its end. */
function container(parent: Node | undefined, type: 'object' | 'array'): Node {
  if (depth === MAX_NESTING_DEPTH) throw NOT_STRICT;
  depth++;
  const start = top;
  const close = type === 'object' ? 125 /* } */ : 93; /* ] */
  const node: Building = { type, offset: pos, length: -1, parent, children: undefined };
  pos++;
  skipSpace();
  if (text.charCodeAt(pos) !== close) {
    for (;;) {
      const child = type === 'object' ? property(node) : value(node);
      stack[top++] = child;
      skipSpace();
      const c = text.charCodeAt(pos);
      if (c === close) break;
      // A comma must be followed by another element (no trailing comma).
      if (c !== 44 /* , */) throw NOT_STRICT;
      pos++;
      skipSpace();
    }
  }
  node.children = collect(start);
  node.length = ++pos - node.offset;
  depth--;
  return node;
}

/** The `"key": value` property at `pos`. */
function property(parent: Node): Node {
  const offset = pos;
  if (text.charCodeAt(pos) !== 34) throw NOT_STRICT;
  const keyEnd = scanString();
  // Every field is there from the start (V8 then keeps one shape for all property nodes).
  const node: Building = { type: 'property', offset, length: -1, parent, children: undefined, colonOffset: -1 };
  const key: Node = { type: 'string', value: stringValue, offset, length: keyEnd - offset, parent: node };
  skipSpace();
  if (text.charCodeAt(pos) !== 58 /* : */) throw NOT_STRICT;
  node.colonOffset = pos++;
  skipSpace();
  const propertyValue = value(node);
  node.children = [key, propertyValue];
  node.length = propertyValue.offset + propertyValue.length - offset;
  return node;
}

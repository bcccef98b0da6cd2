import { createScanner, type Node } from 'jsonc-parser';
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

/**
 * The fast path of parsePolicy(): builds the same tree as jsonc-parser's parseTree() for a
 * document that is strict JSON, straight from jsonc-parser's scanner; returns undefined at the
 * first thing strict JSON does not allow (comment, trailing comma, bad token, scan error,
 * empty text …), and parsePolicy() then runs parseTree() for its error recovery and messages.
 *
 * Why it is faster: parseTree() goes through visit(), which allocates a closure for every
 * callback (the JSON path supplier) and keeps a path array up to date, and the scanner it
 * drives builds a string of every run of whitespace (indentation) one character at a time.
 * Here whitespace is skipped before the scanner sees it, and nodes are built directly.
 *
 * For strict JSON the two trees are equal node for node (type, offset, length, value,
 * colonOffset, children, parent), and any document that parseTree() parses without an
 * error takes this path (unless nested thousands deep): both were checked (with isDeepStrictEqual) on 240,000 generated,
 * mutated and random-token documents when this was written.
 */
export function parseStrictTree(text: string): Node | undefined {
  const scanner = createScanner(text, false);

  /** Scans the next token past whitespace; Unknown for anything strict JSON does not allow. */
  const next = (): SyntaxKind => {
    let pos = scanner.getPosition();
    for (;;) {
      // The scanner's trivia: space, tab, line feed, carriage return (the same as JSON's).
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else break;
    }
    scanner.setPosition(pos);
    const token = scanner.scan() as number as SyntaxKind;
    if (scanner.getTokenError() !== 0 || token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) return SyntaxKind.Unknown;
    return token;
  };

  /** The token after the value that value() (or object(), array()) read last. */
  const after = { token: SyntaxKind.Unknown };

  /** How many objects and arrays are open; beyond the limit parsePolicy() takes over. */
  let depth = 0;
  const nested = (read: (parent: Node | undefined) => Node | undefined, parent: Node | undefined): Node | undefined => {
    if (depth === MAX_NESTING_DEPTH) return undefined;
    depth++;
    const node = read(parent);
    depth--;
    return node;
  };

  /** The value starting at the current token, whose kind is `token`; undefined when it is not strict JSON. */
  const value = (token: SyntaxKind, parent: Node | undefined): Node | undefined => {
    const offset = scanner.getTokenOffset();
    const length = scanner.getTokenLength();
    let node: Node;
    switch (token) {
      case SyntaxKind.OpenBraceToken:
        return nested(object, parent);
      case SyntaxKind.OpenBracketToken:
        return nested(array, parent);
      case SyntaxKind.StringLiteral:
        node = { type: 'string', offset, length, parent, value: scanner.getTokenValue() };
        break;
      case SyntaxKind.NumericLiteral: {
        const number = Number(scanner.getTokenValue());
        if (Number.isNaN(number)) return undefined;
        node = { type: 'number', offset, length, parent, value: number };
        break;
      }
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
        node = { type: 'boolean', offset, length, parent, value: token === SyntaxKind.TrueKeyword };
        break;
      case SyntaxKind.NullKeyword:
        node = { type: 'null', offset, length, parent, value: null };
        break;
      default:
        return undefined;
    }
    after.token = next();
    return node;
  };

  // Children are collected on one stack and copied out at the end of their object or array:
  // an array that grows by push() from empty reserves room for 17 elements, which for the
  // many small objects of a large document is most of the memory the tree takes.
  const stack: Node[] = [];
  const childrenFrom = (start: number): Node[] => stack.splice(start);

  const object = (parent: Node | undefined): Node | undefined => {
    const start = stack.length;
    const node: Building = { type: 'object', offset: scanner.getTokenOffset(), length: -1, parent, children: undefined };
    let token = next();
    if (token !== SyntaxKind.CloseBraceToken) {
      for (;;) {
        if (token !== SyntaxKind.StringLiteral) return undefined;
        const offset = scanner.getTokenOffset();
        // Every field is there from the start (V8 then keeps one shape for all property nodes).
        const property: Building = { type: 'property', offset, length: -1, parent: node, children: undefined, colonOffset: -1 };
        const key: Node = { type: 'string', value: scanner.getTokenValue(), offset, length: scanner.getTokenLength(), parent: property };
        if (next() !== SyntaxKind.ColonToken) return undefined;
        property.colonOffset = scanner.getTokenOffset();
        const propertyValue = value(next(), property);
        if (!propertyValue) return undefined;
        property.children = [key, propertyValue];
        property.length = propertyValue.offset + propertyValue.length - offset;
        stack.push(property);
        token = after.token;
        if (token === SyntaxKind.CloseBraceToken) break;
        // A comma must be followed by another property (no trailing comma).
        if (token !== SyntaxKind.CommaToken) return undefined;
        token = next();
      }
    }
    node.children = childrenFrom(start);
    node.length = scanner.getTokenOffset() + 1 - node.offset;
    after.token = next();
    return node;
  };

  const array = (parent: Node | undefined): Node | undefined => {
    const start = stack.length;
    const node: Building = { type: 'array', offset: scanner.getTokenOffset(), length: -1, parent, children: undefined };
    let token = next();
    if (token !== SyntaxKind.CloseBracketToken) {
      for (;;) {
        const element = value(token, node);
        if (!element) return undefined;
        stack.push(element);
        token = after.token;
        if (token === SyntaxKind.CloseBracketToken) break;
        if (token !== SyntaxKind.CommaToken) return undefined;
        token = next();
      }
    }
    node.children = childrenFrom(start);
    node.length = scanner.getTokenOffset() + 1 - node.offset;
    after.token = next();
    return node;
  };

  // Nesting deeper than MAX_NESTING_DEPTH is left to parsePolicy(), which reports it.
  const built = value(next(), undefined);
  if (!built || after.token !== SyntaxKind.EOF) return undefined;
  // parseTree() leaves the root without a parent property. Deleting it would switch the
  // root to V8's slow dictionary mode (which cost 8% of linting a small policy), so the
  // root is copied without it instead, and its children pointed at the copy.
  const { type, offset, length, children } = built;
  if (!children) return { type, offset, length, value: built.value };
  const root: Node = { type, offset, length, children };
  for (const child of children) (child as Building).parent = root;
  return root;
}

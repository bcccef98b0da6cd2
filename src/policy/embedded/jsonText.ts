import { createScanner, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { SyntaxKind } from '../syntax/strictTree';
import { UNKNOWN_TEXT, type EmbeddedEntry, type EmbeddedValue, type SourceRange } from './value';

/**
 * A policy written as JSON text inside another file — a Terraform heredoc, a CloudFormation
 * policy given as a string (a YAML block scalar, a `Fn::Sub` template, JSON in a JSON string) —
 * read with every token's place in that file.
 */
export interface JsonTextSource {
  /** The JSON text as the policy is (escapes of the enclosing string decoded). */
  json: string;
  /** Where the text's [start, end) is in the file. */
  at: (start: number, end: number) => SourceRange;
  /** A string value of the JSON (with its place): a literal, or computed when it holds `${…}`. */
  string: (value: string, range: SourceRange) => EmbeddedValue;
  /** A key: its name, or what is known of a computed one. */
  key: (key: string) => { key: string; unknown: boolean };
  /** How deep the text is read: deeper objects and arrays are unknown values. */
  maxDepth: number;
}

/**
 * The JSON text as an embedded value; undefined when it holds no JSON value at all. What is
 * nested deeper than `maxDepth` is an unknown value (see shallowJson).
 */
export function fromJsonText(source: JsonTextSource, anchor: SourceRange | undefined): EmbeddedValue | undefined {
  const { json: shallow, cuts } = shallowJson(source.json, source.maxDepth);
  const root = parseTree(shallow, [], { allowTrailingComma: true });
  if (!root) return undefined;
  const at = (node: JsonNode): SourceRange => source.at(node.offset, node.offset + node.length);
  const convert = (node: JsonNode, anchorRange?: SourceRange): EmbeddedValue => {
    const range = at(node);
    const cut = node.type === 'number' ? cuts.get(node.offset) : undefined;
    if (cut !== undefined) {
      return { kind: 'computed', range: source.at(node.offset, cut), text: UNKNOWN_TEXT, resolved: false, expression: source.json.slice(node.offset, cut) };
    }
    switch (node.type) {
      case 'object':
        return {
          kind: 'object',
          range,
          ...(anchorRange ? { anchor: anchorRange } : {}),
          entries: (node.children ?? [])
            .filter((p) => p.children?.length === 2)
            .map((p): EmbeddedEntry => {
              const keyRange = at(p.children![0]!);
              const { key, unknown } = source.key(String(p.children![0]!.value));
              return { key, keyRange, value: convert(p.children![1]!, keyRange), ...(unknown ? { keyUnknown: true } : {}) };
            }),
        };
      case 'array':
        return { kind: 'array', range, items: (node.children ?? []).map((c) => convert(c)) };
      case 'string':
        return source.string(String(node.value), range);
      case 'number':
        return { kind: 'number', range, value: Number(node.value) };
      case 'boolean':
        return { kind: 'boolean', range, value: Boolean(node.value) };
      default:
        return { kind: 'null', range, value: null };
    }
  };
  return convert(root, anchor);
}

/**
 * The JSON text with every object or array nested deeper than `maxDepth` replaced by `0` and
 * spaces (offsets unchanged), in one pass over its tokens, and where each replaced one started
 * and ended: parseTree() recurses per level of nesting and overflows the stack on a few thousand.
 */
function shallowJson(json: string, maxDepth: number): { json: string; cuts: Map<number, number> } {
  const scanner = createScanner(json, false);
  const cuts = new Map<number, number>();
  let depth = 0;
  let cutFrom = -1;
  for (let token = scanner.scan() as number as SyntaxKind; token !== SyntaxKind.EOF; token = scanner.scan() as number as SyntaxKind) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (++depth > maxDepth && cutFrom < 0) cutFrom = scanner.getTokenOffset();
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      if (depth > 0) depth--;
      if (cutFrom >= 0 && depth === maxDepth) {
        cuts.set(cutFrom, scanner.getTokenOffset() + 1);
        cutFrom = -1;
      }
    }
  }
  if (cutFrom >= 0) cuts.set(cutFrom, json.length);
  if (cuts.size === 0) return { json, cuts };
  const parts: string[] = [];
  let at = 0;
  for (const [from, to] of cuts) {
    parts.push(json.slice(at, from), '0', ' '.repeat(to - from - 1));
    at = to;
  }
  parts.push(json.slice(at));
  return { json: parts.join(''), cuts };
}

import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { cutDeepNesting } from '../syntax/parse';
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
 * nested deeper than `maxDepth` is an unknown value (see cutDeepNesting).
 */
export function fromJsonText(source: JsonTextSource, anchor: SourceRange | undefined): EmbeddedValue | undefined {
  const cut = cutDeepNesting(source.json, source.maxDepth);
  const shallow = cut.text;
  const cuts = new Map(cut.cuts);
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

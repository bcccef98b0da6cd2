import { createScanner, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { SyntaxKind } from '../syntax/strictTree';
import { allBlocks, MAX_HCL_DEPTH, parseHcl, type HclBlock, type HclExpr } from './hcl';
import type { EmbeddedPolicy, EmbeddedValue, SourceRange } from './value';

/**
 * Trust policies in Terraform files:
 * - `assume_role_policy = jsonencode({ … })` (the HCL object is the policy);
 * - `assume_role_policy = <<EOF … EOF` (heredoc JSON, `<<-` too);
 * - `data "aws_iam_policy_document"` blocks (`statement`, `principals`, `not_principals`,
 *   `condition`, `actions`, `not_actions`, `resources`, `not_resources`, `sid`, `effect`,
 *   `version`) that an `assume_role_policy` refers to (`data.aws_iam_policy_document.x.json`) or
 *   whose statements name principals — a trust policy always does.
 * Not read: `file()` and `templatefile()` (lint the JSON file itself), policies in variables or
 * locals passed along, `source_policy_documents`/`override_policy_documents` merging, `dynamic`
 * blocks, and JSON written as an escaped string literal.
 * Interpolations are values computed at plan time; `data.aws_caller_identity.*.account_id`
 * stands for the configured account and `data.aws_partition.*.partition` for `aws`.
 */
export function extractFromTerraform(text: string, options: { accountId: string }): EmbeddedPolicy[] {
  const root = parseHcl(text);
  const found: EmbeddedPolicy[] = [];
  const referenced = new Set<string>();
  const blocks = allBlocks(root);
  for (const block of [root, ...blocks]) {
    for (const attribute of block.attributes) {
      if (attribute.name !== 'assume_role_policy') continue;
      const name = block.labels.length ? `${block.type}.${block.labels.join('.')}` : block.type || 'assume_role_policy';
      const value = attribute.value;
      if (value.type === 'call' && value.name === 'jsonencode' && value.args[0]?.type === 'object') {
        found.push({ name, range: value.args[0].range, value: fromExpression(value.args[0], text, options, attribute.nameRange) });
      } else if (value.type === 'heredoc') {
        const policy = fromHeredocJson(text, value.body, options, attribute.nameRange);
        if (policy) found.push({ name, range: value.body, value: policy });
      } else if (value.type === 'reference') {
        const match = /^data\.aws_iam_policy_document\.([\w-]+)\.json$/.exec(value.text);
        if (match) referenced.add(match[1]!);
      }
    }
  }
  for (const block of blocks) {
    if (block.type !== 'data' || block.labels[0] !== 'aws_iam_policy_document') continue;
    const name = block.labels[1] ?? '';
    const statements = block.blocks.filter((b) => b.type === 'statement');
    if (!referenced.has(name) && !statements.some((s) => s.blocks.some((b) => b.type === 'principals' || b.type === 'not_principals'))) continue;
    found.push({ name: `data.aws_iam_policy_document.${name}`, range: block.range, value: fromPolicyDocument(block, text, options) });
  }
  return found.sort((a, b) => a.range.start - b.range.start);
}

const ACCOUNT_REFERENCE = /^data\.aws_caller_identity\.[\w-]+\.account_id$/;
const PARTITION_REFERENCE = /^data\.aws_partition\.[\w-]+\.partition$/;

/** What is known of a reference or interpolation: the account and partition, nothing else. */
function known(expression: string, options: { accountId: string }): string | undefined {
  if (ACCOUNT_REFERENCE.test(expression)) return options.accountId;
  if (PARTITION_REFERENCE.test(expression)) return 'aws';
  return undefined;
}

/** A string with interpolations: as far as it is known, `${…}` where it is not. */
function interpolated(parts: Array<string | { interpolation: string }>, options: { accountId: string }): { text: string; resolved: boolean } {
  let resolved = true;
  const text = parts
    .map((p) => {
      if (typeof p === 'string') return p;
      const value = known(p.interpolation, options);
      if (value !== undefined) return value;
      resolved = false;
      return `\${${p.interpolation}}`;
    })
    .join('');
  return { text, resolved };
}

function fromExpression(expr: HclExpr, text: string, options: { accountId: string }, anchor?: SourceRange): EmbeddedValue {
  switch (expr.type) {
    case 'object':
      return {
        kind: 'object',
        range: expr.range,
        ...(anchor ? { anchor } : {}),
        entries: expr.entries
          .filter((e) => e.key !== undefined)
          .map((e) => ({ key: e.key!, keyRange: e.keyRange, value: fromExpression(e.value, text, options, e.keyRange) })),
      };
    case 'tuple':
      return { kind: 'array', range: expr.range, ...(anchor ? { anchor } : {}), items: expr.items.map((i) => fromExpression(i, text, options)) };
    case 'string': {
      if (expr.parts.every((p) => typeof p === 'string')) return { kind: 'string', range: expr.range, value: expr.parts.join('') };
      const { text: value, resolved } = interpolated(expr.parts, options);
      return { kind: 'computed', range: expr.range, text: value, resolved, expression: text.slice(expr.range.start, expr.range.end) };
    }
    case 'number':
      return { kind: 'number', range: expr.range, value: expr.value };
    case 'bool':
      return { kind: 'boolean', range: expr.range, value: expr.value };
    case 'null':
      return { kind: 'null', range: expr.range, value: null };
    case 'reference': {
      const value = known(expr.text, options);
      return { kind: 'computed', range: expr.range, text: value ?? `\${${expr.text}}`, resolved: value !== undefined, expression: expr.text };
    }
    default: {
      const source = text.slice(expr.range.start, expr.range.end);
      return { kind: 'computed', range: expr.range, text: `\${${source}}`, resolved: false, expression: source };
    }
  }
}

/**
 * Heredoc JSON: the body parsed as it stands (JSON ignores the indentation `<<-` strips), offsets
 * kept. What is nested deeper than MAX_HCL_DEPTH is an unknown value (see shallowJson).
 */
function fromHeredocJson(text: string, body: SourceRange, options: { accountId: string }, anchor: SourceRange): EmbeddedValue | undefined {
  const { json, cuts } = shallowJson(text.slice(body.start, body.end));
  const root = parseTree(json, [], { allowTrailingComma: true });
  if (!root) return undefined;
  const at = (node: JsonNode): SourceRange => ({ start: body.start + node.offset, end: body.start + node.offset + node.length });
  const convert = (node: JsonNode, anchorRange?: SourceRange): EmbeddedValue => {
    const range = at(node);
    const cut = node.type === 'number' ? cuts.get(node.offset) : undefined;
    if (cut !== undefined) {
      const expression = text.slice(body.start + node.offset, body.start + cut);
      return { kind: 'computed', range: { start: range.start, end: body.start + cut }, text: '${…}', resolved: false, expression };
    }
    switch (node.type) {
      case 'object':
        return {
          kind: 'object',
          range,
          ...(anchorRange ? { anchor: anchorRange } : {}),
          entries: (node.children ?? [])
            .filter((p) => p.children?.length === 2)
            .map((p) => ({ key: String(p.children![0]!.value), keyRange: at(p.children![0]!), value: convert(p.children![1]!, at(p.children![0]!)) })),
        };
      case 'array':
        return { kind: 'array', range, items: (node.children ?? []).map((c) => convert(c)) };
      case 'string': {
        const value = String(node.value);
        if (!/[$%]\{/.test(value)) return { kind: 'string', range, value };
        // Interpolations inside the JSON strings: what is known of them.
        const parts: Array<string | { interpolation: string }> = [];
        let last = 0;
        for (const m of value.matchAll(/\$\{([^}]*)\}/g)) {
          parts.push(value.slice(last, m.index));
          parts.push({ interpolation: m[1]!.trim() });
          last = m.index! + m[0].length;
        }
        parts.push(value.slice(last));
        const { text: resolvedText, resolved } = interpolated(parts, options);
        return { kind: 'computed', range, text: resolvedText, resolved, expression: value };
      }
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
 * The JSON text with every object or array nested deeper than MAX_HCL_DEPTH replaced by `0` and
 * spaces (offsets unchanged), in one pass over its tokens, and where each replaced one started
 * and ended: parseTree() recurses per level of nesting and overflows the stack on a few thousand.
 */
function shallowJson(json: string): { json: string; cuts: Map<number, number> } {
  const scanner = createScanner(json, false);
  const cuts = new Map<number, number>();
  let depth = 0;
  let cutFrom = -1;
  for (let token = scanner.scan() as number as SyntaxKind; token !== SyntaxKind.EOF; token = scanner.scan() as number as SyntaxKind) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_HCL_DEPTH && cutFrom < 0) cutFrom = scanner.getTokenOffset();
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      if (depth > 0) depth--;
      if (cutFrom >= 0 && depth === MAX_HCL_DEPTH) {
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

/** An aws_iam_policy_document data source as the policy JSON it renders. */
function fromPolicyDocument(block: HclBlock, text: string, options: { accountId: string }): EmbeddedValue {
  const attr = (b: HclBlock, name: string) => b.attributes.find((a) => a.name === name);
  const value = (b: HclBlock, name: string) => {
    const a = attr(b, name);
    return a ? fromExpression(a.value, text, options, a.nameRange) : undefined;
  };
  // What the data source adds by itself (Version, Effect = Allow) points at the block that implies it.
  const implied = (b: HclBlock, s: string): EmbeddedValue => ({ kind: 'string', range: b.typeRange, value: s });
  const entry = (key: string, keyRange: SourceRange, v: EmbeddedValue) => ({ key, keyRange, value: v });
  const statements = block.blocks
    .filter((b) => b.type === 'statement')
    .map((statement): EmbeddedValue => {
      const entries: Array<{ key: string; keyRange: SourceRange; value: EmbeddedValue }> = [];
      const simple: Array<[string, string]> = [['sid', 'Sid'], ['effect', 'Effect'], ['actions', 'Action'], ['not_actions', 'NotAction'], ['resources', 'Resource'], ['not_resources', 'NotResource']];
      for (const [hcl, json] of simple) {
        const a = attr(statement, hcl);
        if (a) entries.push(entry(json, a.nameRange, value(statement, hcl)!));
        else if (hcl === 'effect') entries.push(entry('Effect', statement.typeRange, implied(statement, 'Allow')));
      }
      for (const [hcl, json] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
        const principalBlocks = statement.blocks.filter((b) => b.type === hcl);
        if (!principalBlocks.length) continue;
        const first = principalBlocks[0]!;
        // `type = "*"` with `identifiers = ["*"]` renders as "Principal": "*".
        const typeOf = (b: HclBlock) => value(b, 'type');
        const wildcard = principalBlocks.length === 1 && typeOf(first)?.kind === 'string' && (typeOf(first) as { value: string }).value === '*';
        if (wildcard) {
          entries.push(entry(json, first.typeRange, { kind: 'string', range: attr(first, 'type')!.value.range, value: '*' }));
          continue;
        }
        const byType = principalBlocks.map((b) => {
          const t = typeOf(b);
          const ids = value(b, 'identifiers');
          return entry(t?.kind === 'string' ? t.value : '${type}', attr(b, 'type')?.value.range ?? b.typeRange, ids ?? { kind: 'array', range: b.typeRange, items: [] });
        });
        entries.push(entry(json, first.typeRange, { kind: 'object', range: first.range, anchor: first.typeRange, entries: byType }));
      }
      const conditions = statement.blocks.filter((b) => b.type === 'condition');
      if (conditions.length) {
        const byOperator = new Map<string, { keyRange: SourceRange; entries: Array<{ key: string; keyRange: SourceRange; value: EmbeddedValue }> }>();
        for (const c of conditions) {
          const test = value(c, 'test');
          const variable = value(c, 'variable');
          const operator = test?.kind === 'string' ? test.value : '${test}';
          const group = byOperator.get(operator) ?? { keyRange: attr(c, 'test')?.value.range ?? c.typeRange, entries: [] };
          byOperator.set(operator, group);
          group.entries.push(entry(variable?.kind === 'string' ? variable.value : '${variable}', attr(c, 'variable')?.value.range ?? c.typeRange, value(c, 'values') ?? { kind: 'array', range: c.typeRange, items: [] }));
        }
        entries.push(
          entry('Condition', conditions[0]!.typeRange, {
            kind: 'object',
            range: conditions[0]!.range,
            anchor: conditions[0]!.typeRange,
            entries: [...byOperator].map(([operator, group]) => entry(operator, group.keyRange, { kind: 'object', range: group.keyRange, entries: group.entries })),
          }),
        );
      }
      return { kind: 'object', range: statement.range, anchor: statement.typeRange, entries };
    });
  const version = attr(block, 'version');
  return {
    kind: 'object',
    range: block.range,
    anchor: block.typeRange,
    entries: [
      entry('Version', version?.nameRange ?? block.typeRange, version ? value(block, 'version')! : implied(block, '2012-10-17')),
      entry('Statement', block.typeRange, { kind: 'array', range: block.range, anchor: block.typeRange, items: statements }),
    ],
  };
}

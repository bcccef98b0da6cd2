import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Schema, YAMLMap, YAMLSeq, type Node as YamlNode } from 'yaml';
import type { EmbeddedPolicy, EmbeddedValue, SourceRange } from './value';

/**
 * Trust policies in CloudFormation and SAM templates (YAML or JSON, CDK's synthesized output
 * included): every `AssumeRolePolicyDocument`, with intrinsic functions — the short YAML tags
 * (`!Sub`, `!Ref`, `!GetAtt`, `!Join`, `!If` …) and the long forms (`Fn::Sub`, `Ref` …) — as
 * values computed at deploy time. `AWS::AccountId` is the account the template deploys to;
 * `AWS::Partition` and `AWS::URLSuffix` are taken as the commercial partition's.
 */

/** A template node, YAML or JSON alike. */
type TemplateNode =
  | { type: 'map'; range: SourceRange; pairs: Array<{ key: string; keyRange: SourceRange; value: TemplateNode }>; tag?: string }
  | { type: 'seq'; range: SourceRange; items: TemplateNode[]; tag?: string }
  | { type: 'scalar'; range: SourceRange; value: string | number | boolean | null; tag?: string };

export interface TemplateOptions {
  /** What `AWS::AccountId` stands for. */
  accountId: string;
}

/** Whether a text is a CloudFormation/SAM template (by its top-level keys and resource types). */
export function looksLikeCloudFormation(text: string): boolean {
  return /^\s*["']?AWSTemplateFormatVersion["']?\s*:/m.test(text) || (/^\s*["']?Resources["']?\s*:/m.test(text) && /["']?Type["']?\s*:\s*["']?(AWS|Custom)::/.test(text)) || /Transform["']?\s*:\s*["']?AWS::Serverless/.test(text);
}

export function extractFromCloudFormation(text: string, options: TemplateOptions): EmbeddedPolicy[] {
  if (!text.includes('AssumeRolePolicyDocument')) return [];
  const json = /^\s*[{[]/.test(text);
  // A large YAML template is mostly other resources: parse only the policies' blocks.
  const blocks = json ? undefined : yamlPolicyBlocks(text);
  if (blocks) {
    return blocks.flatMap((block) => {
      const root = fromYaml(text.slice(block.start, block.end), block.start);
      return root ? policiesIn(root, options).map((p) => ({ ...p, name: block.name })) : [];
    });
  }
  const root = json ? fromJson(text) : fromYaml(text);
  return root ? policiesIn(root, options) : [];
}

/**
 * Where the `AssumeRolePolicyDocument` blocks of a YAML template are, by indentation, each
 * with the logical ID of its resource; undefined when the template uses anchors or aliases
 * (a block could refer outside itself) or a block cannot be delimited — the whole template is
 * then parsed. A block is its key's line and every following line that is blank, a comment,
 * or indented deeper than the key.
 */
function yamlPolicyBlocks(text: string): Array<{ start: number; end: number; name: string }> | undefined {
  if (/(^|[\s[{,:-])[&*][A-Za-z_]/m.test(text) || text.includes('\t')) return undefined;
  const blocks: Array<{ start: number; end: number; name: string }> = [];
  const lines = text.split('\n');
  let offset = 0;
  let resourceIndent: number | undefined;
  let inResources = false;
  let name = 'template';
  let open: { start: number; indent: number; name: string } | undefined;
  for (const line of lines) {
    const content = line.replace(/\r$/, '');
    const indent = content.length - content.trimStart().length;
    const blank = content.trim() === '' || content.trimStart().startsWith('#');
    if (open && !blank && indent <= open.indent) {
      blocks.push({ start: open.start, end: offset, name: open.name });
      open = undefined;
    }
    if (!blank) {
      if (indent === 0) {
        inResources = /^["']?Resources["']?\s*:\s*$/.test(content);
        resourceIndent = undefined;
      } else if (inResources) {
        resourceIndent ??= indent;
        const key = indent === resourceIndent ? /^\s*["']?([\w-]+)["']?\s*:/.exec(content) : null;
        if (key) name = key[1]!;
      }
      const policy = /^( *)(- +)?["']?AssumeRolePolicyDocument["']?\s*:/.exec(content);
      if (policy && !open) open = { start: offset + policy[1]!.length + (policy[2]?.length ?? 0), indent: policy[1]!.length + (policy[2]?.length ?? 0), name };
    }
    offset += line.length + 1;
  }
  if (open) blocks.push({ start: open.start, end: text.length, name: open.name });
  return blocks.length ? blocks : undefined;
}

/** Every AssumeRolePolicyDocument below a node. */
function policiesIn(root: TemplateNode, options: TemplateOptions): EmbeddedPolicy[] {
  const found: EmbeddedPolicy[] = [];
  const visit = (node: TemplateNode, path: string[]) => {
    if (node.type === 'map') {
      for (const pair of node.pairs) {
        if (pair.key === 'AssumeRolePolicyDocument' && pair.value.type === 'map' && !intrinsicOf(pair.value)) {
          found.push({ name: path.length >= 2 && path[0] === 'Resources' ? path[1]! : path.join('.') || 'template', range: pair.value.range, value: toValue(pair.value, options, pair.keyRange) });
        } else {
          visit(pair.value, [...path, pair.key]);
        }
      }
    } else if (node.type === 'seq') {
      node.items.forEach((item, i) => visit(item, [...path, String(i)]));
    }
  };
  visit(root, []);
  return found;
}

/**
 * CloudFormation's short-form tags, declared so that YAML keeps them on their nodes without a
 * warning per use (each warning is an Error with a stack trace: most of the parse time of a
 * large template). The schema is built once: building it per parse costs more than parsing a
 * policy's block.
 */
let intrinsicSchema: Schema | undefined;
function templateSchema(): Schema {
  const names = ['Ref', 'Sub', 'GetAtt', 'Join', 'If', 'Select', 'Split', 'ImportValue', 'FindInMap', 'Base64', 'Cidr', 'GetAZs', 'Equals', 'And', 'Or', 'Not', 'Condition', 'Transform', 'Length', 'ToJsonString', 'ForEach'];
  const keep = <T>(value: T) => value;
  intrinsicSchema ??= new Schema({
    schema: 'core',
    resolveKnownTags: true,
    customTags: names.flatMap((name) => [
      { tag: `!${name}`, resolve: keep },
      { tag: `!${name}`, collection: 'seq' as const, nodeClass: YAMLSeq, resolve: keep },
      { tag: `!${name}`, collection: 'map' as const, nodeClass: YAMLMap, resolve: keep },
    ]),
  });
  return intrinsicSchema;
}

/** The YAML `text` as template nodes; `base` is where the text starts in the file (its offsets are added). */
function fromYaml(text: string, base = 0): TemplateNode | undefined {
  // Duplicate keys are kept: the engine reports them, at the key.
  const document = parseDocument(text, { uniqueKeys: false, strict: false, prettyErrors: false, schema: templateSchema() });
  const convert = (node: unknown): TemplateNode => {
    if (isAlias(node)) return convert(node.resolve(document));
    const y = node as YamlNode & { tag?: string; range?: [number, number, number] };
    const range = { start: base + (y?.range?.[0] ?? 0), end: base + (y?.range?.[1] ?? 0) };
    const tag = y?.tag && y.tag.startsWith('!') ? y.tag : undefined;
    if (isMap(node)) {
      return {
        type: 'map',
        range,
        ...(tag ? { tag } : {}),
        pairs: node.items.filter(isPair).map((pair) => {
          const key = pair.key as YamlNode & { range?: [number, number, number] };
          const keyRange = key?.range ? { start: base + key.range[0], end: base + key.range[1] } : { start: range.start, end: range.start };
          return { key: String(isScalar(key) ? key.value : key), keyRange, value: convert(pair.value) };
        }),
      };
    }
    if (isSeq(node)) return { type: 'seq', range, ...(tag ? { tag } : {}), items: node.items.map(convert) };
    const value = isScalar(node) ? node.value : null;
    return { type: 'scalar', range, ...(tag ? { tag } : {}), value: typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : value === null ? null : String(value) };
  };
  return document.contents ? convert(document.contents) : undefined;
}

function fromJson(text: string): TemplateNode | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const convert = (node: JsonNode): TemplateNode => {
    const range = { start: node.offset, end: node.offset + node.length };
    if (node.type === 'object') {
      return {
        type: 'map',
        range,
        pairs: (node.children ?? [])
          .filter((p) => p.children?.length === 2)
          .map((p) => ({ key: String(p.children![0]!.value), keyRange: { start: p.children![0]!.offset, end: p.children![0]!.offset + p.children![0]!.length }, value: convert(p.children![1]!) })),
      };
    }
    if (node.type === 'array') return { type: 'seq', range, items: (node.children ?? []).map(convert) };
    return { type: 'scalar', range, value: node.value as string | number | boolean | null };
  };
  return root ? convert(root) : undefined;
}

/** `Ref`/`Fn::X` of a long-form intrinsic, or the short YAML tag's function. */
function intrinsicOf(node: TemplateNode): { name: string; argument: TemplateNode } | undefined {
  if (node.tag) {
    const name = node.tag.slice(1);
    const { tag: _tag, ...argument } = node;
    return { name: name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`, argument: argument as TemplateNode };
  }
  if (node.type === 'map' && node.pairs.length === 1 && (node.pairs[0]!.key === 'Ref' || node.pairs[0]!.key.startsWith('Fn::'))) {
    return { name: node.pairs[0]!.key, argument: node.pairs[0]!.value };
  }
  return undefined;
}

const PSEUDO = (options: TemplateOptions): Record<string, string> => ({ 'AWS::AccountId': options.accountId, 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' });

/** What is known of an intrinsic's value: the text, with `${…}` where it is unknown. */
function computed(node: TemplateNode, options: TemplateOptions): { text: string; resolved: boolean } {
  const fn = intrinsicOf(node);
  if (!fn) {
    if (node.type === 'scalar') return { text: String(node.value ?? ''), resolved: true };
    return { text: '${…}', resolved: false };
  }
  const { name, argument } = fn;
  const pseudo = PSEUDO(options);
  if (name === 'Ref' && argument.type === 'scalar') {
    const ref = String(argument.value);
    return ref in pseudo ? { text: pseudo[ref]!, resolved: true } : { text: `\${${ref}}`, resolved: false };
  }
  if (name === 'Fn::Sub') {
    const [template, variables] = argument.type === 'seq' ? [argument.items[0], argument.items[1]] : [argument, undefined];
    if (template?.type !== 'scalar') return { text: '${Fn::Sub}', resolved: false };
    const known: Record<string, { text: string; resolved: boolean }> = {};
    if (variables?.type === 'map') for (const p of variables.pairs) known[p.key] = computed(p.value, options);
    let resolved = true;
    const text = String(template.value).replace(/\$\{(!?)([^}]*)\}/g, (whole, literal: string, variable: string) => {
      if (literal) return `\${${variable}}`;
      if (known[variable]) {
        resolved &&= known[variable]!.resolved;
        return known[variable]!.text;
      }
      if (variable in pseudo) return pseudo[variable]!;
      resolved = false;
      return whole;
    });
    return { text, resolved };
  }
  if (name === 'Fn::Join' && argument.type === 'seq' && argument.items[0]?.type === 'scalar' && argument.items[1]?.type === 'seq') {
    const parts = argument.items[1].items.map((part) => computed(part, options));
    return { text: parts.map((p) => p.text).join(String(argument.items[0].value ?? '')), resolved: parts.every((p) => p.resolved) };
  }
  return { text: `\${${name}}`, resolved: false };
}

function toValue(node: TemplateNode, options: TemplateOptions, anchor?: SourceRange): EmbeddedValue {
  const fn = intrinsicOf(node);
  if (fn) {
    const { text, resolved } = computed(node, options);
    return { kind: 'computed', range: node.range, text, resolved, expression: fn.name };
  }
  switch (node.type) {
    case 'map':
      return { kind: 'object', range: node.range, ...(anchor ? { anchor } : {}), entries: node.pairs.map((p) => ({ key: p.key, keyRange: p.keyRange, value: toValue(p.value, options, p.keyRange) })) };
    case 'seq':
      // A statement in a YAML list has no brace to point at: its first key stands for it.
      return { kind: 'array', range: node.range, ...(anchor ? { anchor } : {}), items: node.items.map((i) => toValue(i, options, i.type === 'map' ? i.pairs[0]?.keyRange : undefined)) };
    default:
      if (typeof node.value === 'string') return { kind: 'string', range: node.range, value: node.value };
      if (typeof node.value === 'number') return { kind: 'number', range: node.range, value: node.value };
      if (typeof node.value === 'boolean') return { kind: 'boolean', range: node.range, value: node.value };
      return { kind: 'null', range: node.range, value: null };
  }
}

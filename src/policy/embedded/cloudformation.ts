import { createScanner, parseTree, type ParseError } from 'jsonc-parser';
import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, parseDocument, Schema, YAMLMap, YAMLSeq, type Node as YamlNode } from 'yaml';
import { MAX_NESTING_DEPTH, MAX_YAML_ALIASES } from '../base/limits';
import { SyntaxKind } from '../syntax/strictTree';
import { fromJsonText } from './jsonText';
import { scalarText, type ScalarStyle, type ScalarText } from './scalarText';
import { UNKNOWN_TEXT, type EmbeddedPolicy, type EmbeddedValue, type SourceRange } from './value';

/**
 * Trust policies in CloudFormation and SAM templates (YAML or JSON, CDK's synthesized output
 * included): every `AssumeRolePolicyDocument`, with intrinsic functions — the short YAML tags
 * (`!Sub`, `!Ref`, `!GetAtt`, `!Join`, `!If` …) and the long forms (`Fn::Sub`, `Ref` …) — as
 * values computed at deploy time. `AWS::AccountId` is the account the template deploys to;
 * `AWS::Partition` and `AWS::URLSuffix` are taken as the commercial partition's. Policies
 * written as JSON strings (block scalars, `Fn::Sub` templates, JSON in JSON) are read with their
 * tokens' places inside the string, and so are templates nested in a StackSet's TemplateBody.
 *
 * Any text, however hostile or half-typed, is read in time linear in its length, without deep
 * recursion (the yaml package's parser and composer recurse per level of nesting, and overflow
 * the stack, or worse, abort the process, on a few thousand levels): what cannot be read is a
 * problem of the template, reported at its place, and the rest is still read.
 */

/**
 * How deep a template is read. A trust policy sits 4 levels down (Resources › logical ID ›
 * Properties › AssumeRolePolicyDocument), a few more under `Fn::If`; below that the engine's own
 * limit applies. What lies deeper than this is not read (no real template nests half as deep),
 * which keeps every recursion here and in the yaml package a few hundred frames at most.
 */
export const MAX_TEMPLATE_DEPTH = 2 * MAX_NESTING_DEPTH;

/** The text a template's computed values (`!Sub`, `!Join` …) may add up to, beyond its own length. */
const COMPUTED_CHARS_SLACK = 1 << 16;

/** A template node, YAML or JSON alike. An alias stands for the node of its anchor (undefined: none before it). */
type TemplateNode =
  | { type: 'map'; range: SourceRange; pairs: Array<{ key: string; keyRange: SourceRange; value: TemplateNode }>; tag?: string }
  | { type: 'seq'; range: SourceRange; items: TemplateNode[]; tag?: string }
  | { type: 'scalar'; range: SourceRange; value: string | number | boolean | null; tag?: string; style?: ScalarStyle }
  | { type: 'alias'; range: SourceRange; target: TemplateNode | undefined; tag?: undefined };

export interface TemplateOptions {
  /** What `AWS::AccountId` stands for. */
  accountId: string;
}

/** Something about the template as a whole that keeps (part of) it from being checked. */
export interface TemplateProblem {
  message: string;
  offset: number;
  length: number;
}

export interface TemplateReading {
  policies: EmbeddedPolicy[];
  problems: TemplateProblem[];
}

/** How much of a template is looked at to recognise it: its head and its tail. */
const DETECTION_WINDOW = 1 << 16;

/**
 * Whether a text is a CloudFormation/SAM template, by its keys: `AWSTemplateFormatVersion`,
 * `Resources` with a resource type, or the SAM transform — each a key at the start of a line
 * (YAML, pretty JSON) or after `{` or `,` (minified JSON, YAML flow). Only the first and last
 * 64 KiB are looked at: it runs on every JSON and YAML file the editor opens.
 */
export function looksLikeCloudFormation(text: string): boolean {
  const window = text.length <= 2 * DETECTION_WINDOW ? text : `${text.slice(0, DETECTION_WINDOW)}\n${text.slice(-DETECTION_WINDOW)}`;
  return FORMAT_VERSION_KEY.test(window) || SAM_TRANSFORM.test(window) || (RESOURCES_KEY.test(window) && RESOURCE_TYPE.test(window));
}

// `[ \t]*`, not `\s*`, after `^`: `\s*` at every line start of a run of blank lines is quadratic.
const FORMAT_VERSION_KEY = /(?:^|[{,])[ \t]*["']?AWSTemplateFormatVersion["']?[ \t]*:/m;
const RESOURCES_KEY = /(?:^|[{,])[ \t]*["']?Resources["']?[ \t]*:/m;
const RESOURCE_TYPE = /["']?Type["']?[ \t]*:[ \t]*["']?(?:AWS|Custom)::/;
const SAM_TRANSFORM = /Transform["']?[ \t]*:\s*(?:\[\s*|-[ \t]+)?["']?AWS::Serverless/;

export function extractFromCloudFormation(text: string, options: TemplateOptions): EmbeddedPolicy[] {
  return readCloudFormation(text, options).policies;
}

/** The template's trust policies, and what kept any part of it from being read. Never throws. */
export function readCloudFormation(text: string, options: TemplateOptions): TemplateReading {
  const reading: TemplateReading = { policies: [], problems: [] };
  if (!text.includes('AssumeRolePolicyDocument')) return reading;
  const context: Context = { text, options, problems: reading.problems, aliases: 0, nodes: 2 * text.length + 1000, chars: text.length + COMPUTED_CHARS_SLACK, nesting: 0 };
  read(context, reading);
  return reading;
}

/** The template of `context` read into `reading`. */
function read(context: Context, reading: TemplateReading): void {
  const { text } = context;
  try {
    if (/^\s*[{[]/.test(text)) {
      context.root = fromJson(context);
      reading.policies = policiesIn(context.root, context);
      return;
    }
    // A large YAML template is mostly other resources: parse only the policies' blocks (not
    // when it nests templates: their policies are read as the nested template's).
    const blocks = text.includes('TemplateBody') ? undefined : yamlPolicyBlocks(text);
    if (blocks) {
      for (const block of blocks) {
        const root = fromYaml(context, text.slice(block.start, block.end), block.start);
        if (root) reading.policies.push(...policiesIn(root, context).map((p) => ({ ...p, name: block.name })));
      }
    } else {
      const root = fromYaml(context, text, 0);
      context.root = root ?? null;
      if (root) reading.policies = policiesIn(root, context);
    }
  } catch (error) {
    reading.problems.push({ message: `The template could not be read (${error instanceof Error ? error.message : String(error)}): its trust policies are not checked`, offset: 0, length: 0 });
  }
}

/** What reading one template shares: its text, where problems go, and its budgets for aliases and computed text. */
interface Context {
  text: string;
  options: TemplateOptions;
  problems: TemplateProblem[];
  /** Aliases resolved so far inside policies (at most MAX_YAML_ALIASES). */
  aliases: number;
  /** Policy nodes that may still be built: aliases can repeat a node, but never past this. */
  nodes: number;
  /** Characters computed values may still add up to. */
  chars: number;
  /** The whole template, once parsed (null: it could not be); undefined while only policy blocks are. */
  root?: TemplateNode | null;
  /** How many templates this one is nested in (a StackSet's TemplateBody). */
  nesting: number;
  /** The template's Parameters and Resources, once looked up (see templateIndex). */
  index?: TemplateIndex;
}

interface TemplateIndex {
  parameters: Map<string, TemplateNode>;
  resources: Map<string, TemplateNode>;
  mappings: Map<string, TemplateNode>;
}

/** How deep templates nested in TemplateBody strings are read. */
const MAX_TEMPLATE_NESTING = 4;

const tooDeep = (offset: number): TemplateProblem => ({
  message: `Nested deeper than ${MAX_TEMPLATE_DEPTH} levels: what lies deeper is not read, and a trust policy there is not checked`,
  offset,
  length: 1,
});

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

/** The node an alias stands for (counted against the template's alias budget when `counted`); any other node itself. */
function deref(node: TemplateNode | undefined, context: Context, counted: boolean): Exclude<TemplateNode, { type: 'alias' }> | undefined {
  // An alias's target is never an alias (fromYaml resolves chains), so one step is enough.
  if (node?.type !== 'alias') return node;
  if (counted && ++context.aliases > MAX_YAML_ALIASES) throw new AliasBudget();
  return node.target as Exclude<TemplateNode, { type: 'alias' }> | undefined;
}

/** Thrown when a policy's aliases expand past the template's budget: an alias bomb, or near enough. */
class AliasBudget extends Error {}

/**
 * Every AssumeRolePolicyDocument below a node, each once (aliases can make a policy reachable
 * by several paths: it is checked, and reported, at its one place in the text). Iterative, and
 * each node is visited once, however many aliases lead to it.
 */
function policiesIn(root: TemplateNode, context: Context): EmbeddedPolicy[] {
  const found: EmbeddedPolicy[] = [];
  const seen = new Set<TemplateNode>();
  const policies = new Set<TemplateNode>();
  type Path = { key: string; parent: Path | undefined } | undefined;
  const named = (keys: string[]) => (keys.length >= 2 && keys[0] === 'Resources' ? keys[1]! : keys.join('.') || 'template');
  // A template nested as an object in a StackSet's TemplateBody: StackSet/Role.
  const nameOf = (path: Path): string => {
    const keys: string[] = [];
    for (let p = path; p; p = p.parent) keys.push(p.key);
    keys.reverse();
    const body = keys.lastIndexOf('TemplateBody');
    return body < 0 ? named(keys) : `${named(keys.slice(0, body))}/${named(keys.slice(body + 1))}`;
  };
  const work: Array<{ node: TemplateNode; path: Path }> = [{ node: root, path: undefined }];
  while (work.length > 0) {
    const { node: raw, path } = work.pop()!;
    const node = deref(raw, context, false);
    if (!node || seen.has(node)) continue;
    seen.add(node);
    if (node.type === 'map') {
      for (let i = node.pairs.length - 1; i >= 0; i--) {
        const pair = node.pairs[i]!;
        const value = deref(pair.value, context, false);
        if (pair.key === 'AssumeRolePolicyDocument' && value?.type === 'map' && !intrinsicOf(value, context)) {
          if (policies.has(value)) continue;
          policies.add(value);
          const { aliases, nodes } = context;
          try {
            found.push({ name: nameOf(path), range: value.range, value: toValue(value, context, pair.keyRange, 0) });
          } catch (error) {
            if (!(error instanceof AliasBudget)) throw error;
            // What the refused policy spent is not held against the others.
            context.aliases = aliases;
            context.nodes = nodes;
            context.problems.push({
              message: `YAML aliases here expand past ${MAX_YAML_ALIASES} aliases or ${2 * context.text.length + 1000} nodes (an alias bomb?): this trust policy is not checked`,
              offset: pair.keyRange.start,
              length: pair.keyRange.end - pair.keyRange.start,
            });
          }
        } else if (pair.key === 'AssumeRolePolicyDocument' && value && policyString(value, context)) {
          if (policies.has(value)) continue;
          policies.add(value);
          const policy = fromPolicyString(policyString(value, context)!, context, pair.keyRange, nameOf(path));
          if (policy) found.push(policy);
        } else if (pair.key === 'TemplateBody' && value?.type === 'scalar' && typeof value.value === 'string' && context.nesting < MAX_TEMPLATE_NESTING) {
          found.push(...nestedPolicies(value, context, nameOf(path)));
        } else {
          work.push({ node: pair.value, path: { key: pair.key, parent: path } });
        }
      }
    } else if (node.type === 'seq') {
      for (let i = node.items.length - 1; i >= 0; i--) work.push({ node: node.items[i]!, path: { key: String(i), parent: path } });
    }
  }
  // The order of the text, as the recursive walk had it.
  return found.sort((a, b) => a.range.start - b.range.start);
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

/**
 * The YAML `text` as template nodes; `base` is where the text starts in the file (its offsets
 * are added). What is nested deeper than MAX_TEMPLATE_DEPTH is blanked out first (see
 * shallowYaml); aliases are resolved as the nodes are built, in the order of the text, each to
 * the last node before it with its anchor — one map look-up each, where the yaml package's
 * Alias.resolve() walks the whole document per alias.
 */
function fromYaml(context: Context, source: string, base: number): TemplateNode | undefined {
  const shallow = shallowYaml(source);
  if (!shallow) {
    context.problems.push(tooDeep(base));
    return undefined;
  }
  if (shallow.cut >= 0) context.problems.push(tooDeep(base + shallow.cut));
  const text = shallow.text;
  // Duplicate keys are kept: the engine reports them, at the key. The yaml package makes each
  // syntax error an Error, whose stack trace costs more than the parse itself on broken text
  // (a half-typed template can have one per character): no stack traces while parsing.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(text, { uniqueKeys: false, strict: false, prettyErrors: false, schema: templateSchema() });
  } finally {
    Error.stackTraceLimit = limit;
  }
  const anchors = new Map<string, TemplateNode>();
  const rangeOf = (node: unknown): SourceRange => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return { start: base + (range?.[0] ?? 0), end: base + (range?.[1] ?? 0) };
  };
  const convert = (node: unknown, depth: number): TemplateNode => {
    const range = rangeOf(node);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      return { type: 'alias', range, target: target?.type === 'alias' ? target.target : target };
    }
    const y = node as YamlNode & { tag?: string };
    const tag = y?.tag && y.tag.startsWith('!') ? y.tag : undefined;
    let out: TemplateNode;
    if ((isMap(node) || isSeq(node)) && depth >= 2 * MAX_TEMPLATE_DEPTH) {
      // shallowYaml estimates depth from indentation; this stops any case it underestimates.
      context.problems.push(tooDeep(range.start));
      out = isMap(node) ? { type: 'map', range, pairs: [] } : { type: 'seq', range, items: [] };
    } else if (isMap(node)) {
      out = {
        type: 'map',
        range,
        ...(tag ? { tag } : {}),
        pairs: node.items.filter(isPair).map((pair) => {
          const keyRange = pair.key ? rangeOf(pair.key) : { start: range.start, end: range.start };
          // A collection or an alias as a key means nothing to CloudFormation: its text stands for it.
          const key = isScalar(pair.key) ? String(pair.key.value) : context.text.slice(keyRange.start, Math.min(keyRange.end, keyRange.start + 256));
          return { key, keyRange, value: convert(pair.value, depth + 1) };
        }),
      };
    } else if (isSeq(node)) {
      out = { type: 'seq', range, ...(tag ? { tag } : {}), items: node.items.map((item) => convert(item, depth + 1)) };
    } else {
      const value = isScalar(node) ? node.value : null;
      out = { type: 'scalar', range, ...(tag ? { tag } : {}), ...(isScalar(node) && node.type ? { style: node.type as ScalarStyle } : {}), value: typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : value === null || value === undefined ? null : String(value) };
    }
    // Registered once built: an alias inside its own anchor's node refers to an earlier anchor, never to a cycle.
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) anchors.set(anchor, out);
    return out;
  };
  return document.contents ? convert(document.contents, 0) : undefined;
}

/**
 * The YAML text with everything nested deeper than MAX_TEMPLATE_DEPTH blanked out (spaces;
 * line breaks and so offsets kept), so that the yaml package, whose parser and composer recurse
 * once per level, never sees more than that; `cut` is where the first blanked part starts (-1:
 * none). One pass over the yaml package's own lexer (which does not recurse), with the depth
 * estimated from flow brackets, the indentation of lines and the `-`, `?`, `:` indicators on
 * them. A flow collection too deep is blanked, brackets included; a block node too deep with
 * every following line indented deeper than it. Undefined when the result
 * would still be too deep (which the estimate should never allow) or the lexer's tokens do not
 * add up to the text.
 */
function shallowYaml(text: string, again = false): { text: string; cut: number } | undefined {
  const regions: Array<[number, number]> = [];
  const stack: Array<{ indent: number; depth: number }> = [];
  let line = { indent: 0, depth: 0 };
  stack.push(line);
  let offset = 0;
  let flow = 0;
  let lineStart = true;
  let lineBegin = 0;
  let indent = 0;
  let nodeStart = 0;
  let needNode = true;
  let scalarNext = false;
  let region: { start: number; flow: number; column: number } | undefined;
  const close = (end: number) => {
    if (region && end > region.start) regions.push([region.start, end]);
    region = undefined;
  };
  const open = (start: number, blockFlow: number) => {
    region = { start, flow: blockFlow, column: start - lineBegin };
  };
  for (const lexeme of new Lexer().lex(text)) {
    // The lexer's markers (document, end of a broken flow collection, scalar follows) are no text.
    if (!scalarNext && (lexeme === '\x02' || lexeme === '\x18' || lexeme === '\x1f')) {
      scalarNext = lexeme === '\x1f';
      if (lexeme === '\x18') {
        // A flow collection ended by a line indented too little: that line starts a block line.
        if (region && region.flow > 0) close(offset);
        flow = 0;
        lineStart = true;
        lineBegin = text.lastIndexOf('\n', offset - 1) + 1;
        indent = offset - lineBegin;
      }
      continue;
    }
    scalarNext = false;
    const at = offset;
    offset += lexeme.length;
    if (!text.startsWith(lexeme, at)) return undefined;
    const c = lexeme[0];
    if (lexeme === '' || lexeme === '\n' || lexeme === '\r\n') {
      if (flow === 0) {
        lineStart = true;
        lineBegin = offset;
        indent = 0;
      }
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (lineStart && at === lineBegin) indent = lexeme.length;
      continue;
    }
    if (c === '#' || c === '%') continue;
    if (lexeme === '---' || lexeme === '...') {
      close(at);
      stack.length = 0;
      line = { indent: 0, depth: 0 };
      stack.push(line);
      flow = 0;
      needNode = true;
      continue;
    }
    if (lineStart && flow === 0) {
      lineStart = false;
      if (region && region.flow === 0 && indent <= region.column) close(lineBegin);
      while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
      line = { indent, depth: stack.length > 0 ? stack[stack.length - 1]!.depth : 0 };
      stack.push(line);
      needNode = true;
    }
    const opens = lexeme === '[' || lexeme === '{';
    const closes = lexeme === ']' || lexeme === '}';
    if (region) {
      if (opens) flow++;
      if (closes && flow > 0 && --flow < region.flow) close(offset);
      continue;
    }
    if (needNode) {
      nodeStart = at;
      needNode = false;
    }
    if (opens) {
      flow++;
      if (line.depth + flow > MAX_TEMPLATE_DEPTH) open(at, flow);
    } else if (closes) {
      if (flow > 0) flow--;
    } else if (flow === 0 && (lexeme === '-' || lexeme === '?' || lexeme === ':')) {
      if (++line.depth > MAX_TEMPLATE_DEPTH) open(lexeme === ':' ? nodeStart : at, 0);
      needNode = true;
    }
  }
  close(text.length);
  if (offset !== text.length) return undefined;
  if (regions.length === 0) return { text, cut: -1 };
  if (again) return undefined;
  let blanked = '';
  let from = 0;
  for (const [start, end] of regions) {
    blanked += text.slice(from, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    from = end;
  }
  blanked += text.slice(from);
  const checked = shallowYaml(blanked, true);
  return checked && { text: checked.text, cut: regions[0]![0] };
}

/**
 * The JSON text as template nodes, built without recursion from jsonc-parser's scanner (its
 * parseTree() recurses per level and overflows the stack on some thousands), as leniently:
 * comments and trailing commas are skipped, a key without a value is dropped, an unclosed
 * container ends with the text. A container nested deeper than MAX_TEMPLATE_DEPTH is kept empty.
 */
function fromJson(context: Context): TemplateNode {
  const { text } = context;
  const scanner = createScanner(text, true);
  type Open = { node: Extract<TemplateNode, { type: 'map' | 'seq' }>; key?: { key: string; keyRange: SourceRange; colon: boolean } };
  const stack: Open[] = [];
  let root: TemplateNode | undefined;
  let skipping = 0;
  let reported = false;
  const place = (node: TemplateNode) => {
    const top = stack[stack.length - 1];
    if (!top) {
      root ??= node;
      return;
    }
    if (top.node.type === 'seq') top.node.items.push(node);
    else if (top.key?.colon) {
      top.node.pairs.push({ key: top.key.key, keyRange: top.key.keyRange, value: node });
      top.key = undefined;
    } else if (node.type === 'scalar' && typeof node.value === 'string' && !top.key) {
      top.key = { key: node.value, keyRange: node.range, colon: false };
    } else if (node.type === 'scalar' && typeof node.value === 'string') {
      // Two strings in a row: the later is the key.
      top.key = { key: node.value, keyRange: node.range, colon: false };
    }
  };
  for (let token = scanner.scan() as number as SyntaxKind; token !== SyntaxKind.EOF; token = scanner.scan() as number as SyntaxKind) {
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    const range = { start, end };
    if (skipping > 0) {
      if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) skipping++;
      else if ((token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) && --skipping === 0) {
        // The container too deep is closed: it is kept, empty.
        const done = stack.pop()!;
        done.node.range.end = end;
        place(done.node);
      }
      continue;
    }
    switch (token) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken: {
        const node: Open['node'] = token === SyntaxKind.OpenBraceToken ? { type: 'map', range, pairs: [] } : { type: 'seq', range, items: [] };
        // A container that cannot be placed (a key where a value belongs …) is still read, and dropped.
        stack.push({ node });
        if (stack.length > MAX_TEMPLATE_DEPTH) {
          skipping = 1;
          if (!reported) context.problems.push(tooDeep(start));
          reported = true;
        }
        break;
      }
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken: {
        const type = token === SyntaxKind.CloseBraceToken ? 'map' : 'seq';
        // A stray closer closes up to its own kind's container, if one is open.
        let match = stack.length - 1;
        while (match >= 0 && stack[match]!.node.type !== type) match--;
        if (match < 0) break;
        while (stack.length > match) {
          const done = stack.pop()!;
          done.node.range.end = stack.length === match ? end : start;
          place(done.node);
        }
        break;
      }
      case SyntaxKind.ColonToken: {
        const top = stack[stack.length - 1];
        if (top?.key) top.key.colon = true;
        break;
      }
      case SyntaxKind.CommaToken: {
        const top = stack[stack.length - 1];
        if (top) top.key = undefined;
        break;
      }
      case SyntaxKind.StringLiteral:
        place({ type: 'scalar', range, value: scanner.getTokenValue(), style: 'JSON' });
        break;
      case SyntaxKind.NumericLiteral:
        place({ type: 'scalar', range, value: Number(scanner.getTokenValue()) });
        break;
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
        place({ type: 'scalar', range, value: token === SyntaxKind.TrueKeyword });
        break;
      case SyntaxKind.NullKeyword:
        place({ type: 'scalar', range, value: null });
        break;
      default:
        break;
    }
  }
  // Unclosed containers end with the text.
  while (stack.length > 0) {
    const done = stack.pop()!;
    done.node.range.end = text.length;
    place(done.node);
  }
  return root ?? { type: 'scalar', range: { start: 0, end: 0 }, value: null };
}

/** `Ref`/`Fn::X` of a long-form intrinsic, or the short YAML tag's function. */
function intrinsicOf(node: TemplateNode, context: Context): { name: string; argument: TemplateNode } | undefined {
  if (node.type === 'alias') return undefined;
  if (node.tag) {
    const name = node.tag.slice(1);
    const { tag: _tag, ...argument } = node;
    return { name: name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`, argument: argument as TemplateNode };
  }
  if (node.type === 'map' && node.pairs.length === 1 && (node.pairs[0]!.key === 'Ref' || node.pairs[0]!.key.startsWith('Fn::'))) {
    return { name: node.pairs[0]!.key, argument: deref(node.pairs[0]!.value, context, false) ?? { type: 'scalar', range: node.pairs[0]!.value.range, value: null } };
  }
  return undefined;
}

const PSEUDO = (options: TemplateOptions) =>
  new Map<string, string>([
    ['AWS::AccountId', options.accountId],
    ['AWS::Partition', 'aws'],
    ['AWS::URLSuffix', 'amazonaws.com'],
    // A region stands for the one the template deploys to: no rule judges a region.
    ['AWS::Region', REGION_STAND_IN],
  ]);

const REGION_STAND_IN = 'us-east-1';

/** A pseudo parameter's value; the Region's is a stand-in, which messages name as the source does. */
function pseudoValue(pseudo: Map<string, string>, name: string): Computed | undefined {
  const text = pseudo.get(name);
  if (text === undefined) return undefined;
  return name === 'AWS::Region' ? { text, resolved: true, shown: '${AWS::Region}' } : { text, resolved: true };
}

/** What is known of a computed value: its text (`${…}` where unknown), and its literal parts alone. */
interface Computed {
  text: string;
  resolved: boolean;
  /** The known parts of the text, the unknown ones left out. */
  literal?: string;
  /** The text with the Region stand-in written as the source does (`${AWS::Region}`), when it holds it. */
  shown?: string;
}

const UNKNOWN: Computed = { text: UNKNOWN_TEXT, resolved: false, literal: '' };

/** The template's Parameters, Resources and Mappings by name (the whole template is parsed for them when only policy blocks were). */
function templateIndex(context: Context): TemplateIndex {
  if (context.index) return context.index;
  if (context.root === undefined) {
    // What goes wrong here is not the policies' problem: their own reading reports it.
    context.root = fromYaml({ ...context, problems: [] }, context.text, 0) ?? null;
  }
  const section = (name: string) => {
    const root = deref(context.root ?? undefined, context, false);
    const pair = root?.type === 'map' ? root.pairs.find((p) => p.key === name) : undefined;
    const map = deref(pair?.value, context, false);
    return new Map(map?.type === 'map' ? map.pairs.map((p) => [p.key, p.value] as const) : []);
  };
  context.index = { parameters: section('Parameters'), resources: section('Resources'), mappings: section('Mappings') };
  return context.index;
}

/** A property of a resource or parameter node. */
function property(node: TemplateNode | undefined, context: Context, ...path: string[]): TemplateNode | undefined {
  let at = deref(node, context, false);
  for (const key of path) {
    at = at?.type === 'map' ? deref(at.pairs.find((p) => p.key === key)?.value, context, false) : undefined;
  }
  return at;
}

/**
 * The resource types whose `Ref` is an OIDC provider's ARN, made from their `Url`, and whether
 * `GetAtt name.Arn` is too: AWS::IAM::OIDCProvider, and the custom resource of the AWS CDK's
 * iam.OpenIdConnectProvider (its physical ID is the provider's ARN; it has no Arn attribute).
 */
const OIDC_PROVIDER_TYPES = new Map([
  ['AWS::IAM::OIDCProvider', { getAttArn: true }],
  ['Custom::AWSCDKOpenIdConnectProvider', { getAttArn: false }],
]);

/**
 * What `Ref name` (or `GetAtt name.Arn`) is known to be: the ARN of an OIDC provider of the
 * template (OIDC_PROVIDER_TYPES), from its Url; for a Federated principal (`federated`), also a
 * Parameter's Default.
 */
function referenced(name: string, attribute: string | undefined, context: Context, depth: number, federated: boolean): Computed | undefined {
  // Most references are to neither: the template is not parsed whole for them.
  if (!federated && !context.text.includes('AWS::IAM::OIDCProvider') && !context.text.includes('Custom::AWSCDKOpenIdConnectProvider')) return undefined;
  const index = templateIndex(context);
  const resource = index.resources.get(name);
  if (resource) {
    const type = property(resource, context, 'Type');
    const provider = type?.type === 'scalar' ? OIDC_PROVIDER_TYPES.get(String(type.value)) : undefined;
    if (!provider || (attribute !== undefined && !(attribute === 'Arn' && provider.getAttArn))) return undefined;
    const url = property(resource, context, 'Properties', 'Url');
    if (!url) return undefined;
    const value = computed(url, context, depth + 1);
    return spend(context, { text: `arn:aws:iam::${context.options.accountId}:oidc-provider/${value.text.replace(/^https:\/\//i, '')}`, resolved: value.resolved });
  }
  const parameter = federated && attribute === undefined ? index.parameters.get(name) : undefined;
  const fallback = property(parameter, context, 'Default');
  if (fallback?.type === 'scalar' && fallback.value !== null) return spend(context, { text: String(fallback.value), resolved: true });
  return undefined;
}

/**
 * What is known of an intrinsic's value: the text, with `${…}` where it is unknown. The text
 * all computed values of a template add up to is bounded (Context.chars): nested `!Sub`s that
 * each repeat a variable would otherwise grow exponentially with their depth. In a Federated
 * principal (`federated`), a `Ref` to a Parameter stands for its Default.
 */
function computed(raw: TemplateNode, context: Context, depth: number, federated = false): Computed {
  const node = deref(raw, context, true);
  if (!node || depth > MAX_TEMPLATE_DEPTH) return UNKNOWN;
  const fn = intrinsicOf(node, context);
  if (!fn) {
    if (node.type === 'scalar') return spend(context, { text: String(node.value ?? ''), resolved: true });
    return UNKNOWN;
  }
  const { name } = fn;
  const argument = deref(fn.argument, context, true);
  const pseudo = PSEUDO(context.options);
  const unknown = (text: string): Computed => ({ text, resolved: false, literal: '' });
  if (name === 'Ref' && argument?.type === 'scalar') {
    const ref = String(argument.value);
    const value = pseudoValue(pseudo, ref);
    if (value !== undefined) return value;
    return referenced(ref, undefined, context, depth, federated) ?? spend(context, unknown(`\${${ref}}`));
  }
  if (name === 'Fn::GetAtt' && argument) {
    const target = argument.type === 'seq' ? deref(argument.items[0], context, true) : argument;
    const attribute = argument.type === 'seq' ? deref(argument.items[1], context, true) : undefined;
    const [id, attr] =
      argument.type === 'seq' ? [target?.type === 'scalar' ? String(target.value) : '', attribute?.type === 'scalar' ? String(attribute.value) : ''] : argument.type === 'scalar' ? String(argument.value).split(/\.(.*)/s) : ['', ''];
    return (id && attr ? referenced(id, attr, context, depth, false) : undefined) ?? unknown(`\${${name}}`);
  }
  if (name === 'Fn::Sub' && argument) {
    const [template, variables] = argument.type === 'seq' ? [deref(argument.items[0], context, true), deref(argument.items[1], context, true)] : [argument, undefined];
    if (template?.type !== 'scalar') return unknown('${Fn::Sub}');
    return substitute(String(template.value), subVariables(variables, context, depth, federated), context);
  }
  if (name === 'Fn::Join' && argument?.type === 'seq') {
    const separator = deref(argument.items[0], context, true);
    const list = deref(argument.items[1], context, true);
    if (separator?.type !== 'scalar' || list?.type !== 'seq') return unknown(`\${${name}}`);
    const parts = list.items.map((part) => computed(part, context, depth + 1, federated));
    const glue = String(separator.value ?? '');
    const shown = parts.some((p) => p.shown !== undefined) ? { shown: parts.map((p) => p.shown ?? p.text).join(glue) } : {};
    return spend(context, { text: parts.map((p) => p.text).join(glue), resolved: parts.every((p) => p.resolved), literal: parts.map((p) => (p.resolved ? p.text : (p.literal ?? ''))).join(glue), ...shown });
  }
  if (name === 'Fn::FindInMap' && argument?.type === 'seq') return mapped(argument, context, depth, federated) ?? unknown(`\${${name}}`);
  return unknown(`\${${name}}`);
}

/**
 * A `Fn::FindInMap [Map, TopKey, SecondKey]` whose three names are written out: the template's
 * Mappings hold only literal values, so the value is known (held-out set 11: an AWS Solutions
 * template trusts `!FindInMap [MasterAccount, Account, Id]`, which holds a placeholder IAM
 * refuses). A key computed by another intrinsic (`!Ref AWS::Region`, a parameter) leaves it
 * unknown: the Region is only a stand-in here.
 */
function mapped(argument: TemplateNode & { type: 'seq' }, context: Context, depth: number, federated: boolean): Computed | undefined {
  if (argument.items.length !== 3) return undefined;
  const names: string[] = [];
  for (const item of argument.items) {
    const node = deref(item, context, true);
    if (node?.type !== 'scalar' || node.tag || node.value === null || typeof node.value === 'object') return undefined;
    names.push(String(node.value));
  }
  const value = property(templateIndex(context).mappings.get(names[0]!), context, names[1]!, names[2]!);
  if (value?.type !== 'scalar' || value.tag || value.value === null) return undefined;
  // `${account_id}` in a mapping is the placeholder of a step that renders the template before
  // CloudFormation sees it (checkov's fixture of such a template): unknown, as in Terraform.
  if (String(value.value).includes('${')) return undefined;
  return computed(value, context, depth + 1, federated);
}

/** What a `Fn::Sub`'s `${Name}` stands for: its own variables, the pseudo parameters, the template's OIDC providers (and Parameter defaults when `federated`). */
function subVariables(variables: TemplateNode | undefined, context: Context, depth: number, federated: boolean): (name: string) => Computed | undefined {
  const known = new Map<string, Computed>();
  if (variables?.type === 'map') for (const p of variables.pairs) known.set(p.key, computed(p.value, context, depth + 1, federated));
  const pseudo = PSEUDO(context.options);
  return (name) => {
    const own = known.get(name);
    if (own) return own;
    const value = pseudoValue(pseudo, name);
    if (value !== undefined) return value;
    const dot = name.indexOf('.');
    return dot < 0 ? referenced(name, undefined, context, depth, federated) : referenced(name.slice(0, dot), name.slice(dot + 1), context, depth, false);
  };
}

/** A computed value if the template's budget for computed text allows it; unknown otherwise. */
function spend(context: Context, value: Computed): Computed {
  context.chars -= value.text.length;
  return context.chars >= 0 ? value : UNKNOWN;
}

/**
 * `Fn::Sub`'s template with its variables: `${Name}` replaced by what `lookup` knows of it
 * (unknown ones kept), `${!Name}` the literal `${Name}`. Scanned once, left to right.
 */
function substitute(template: string, lookup: (name: string) => Computed | undefined, context: Context): Computed {
  let text = '';
  let literal = '';
  let shown = '';
  let standIn = false;
  let resolved = true;
  let from = 0;
  for (let open = template.indexOf('${'); open >= 0; open = template.indexOf('${', from)) {
    const close = template.indexOf('}', open + 2);
    if (close < 0) break;
    const variable = template.slice(open + 2, close);
    const before = template.slice(from, open);
    let value: string;
    let known: string;
    let written: string | undefined;
    if (variable.startsWith('!')) value = known = `\${${variable.slice(1)}}`;
    else {
      const v = lookup(variable.trim());
      if (v) {
        resolved &&= v.resolved;
        value = v.text;
        known = v.resolved ? v.text : (v.literal ?? '');
        written = v.shown;
      } else {
        resolved = false;
        value = template.slice(open, close + 1);
        known = '';
      }
    }
    text += before + value;
    literal += before + known;
    shown += before + (written ?? value);
    standIn ||= written !== undefined;
    from = close + 1;
    context.chars -= value.length;
    if (context.chars < 0) return UNKNOWN;
  }
  return spend(context, { text: text + template.slice(from), resolved, literal: literal + template.slice(from), ...(standIn ? { shown: shown + template.slice(from) } : {}) });
}

/** A computed value as an embedded one. */
function computedValue(range: SourceRange, value: Computed, expression: string): EmbeddedValue {
  return {
    kind: 'computed',
    range,
    text: value.text,
    resolved: value.resolved,
    expression,
    ...(value.resolved ? (value.shown !== undefined && value.shown !== value.text ? { shown: value.shown } : {}) : { literal: value.literal ?? '' }),
  };
}

function toValue(raw: TemplateNode, context: Context, anchor: SourceRange | undefined, depth: number, key?: string): EmbeddedValue {
  const node = deref(raw, context, true);
  if (--context.nodes < 0) throw new AliasBudget();
  if (!node) return { kind: 'null', range: raw.range, value: null };
  const fn = intrinsicOf(node, context);
  if (fn) return computedValue(node.range, computed(node, context, 0, key === 'Federated'), fn.name);
  // Deeper than this only through aliases (the text itself is read no deeper): kept empty.
  const deeper = depth < MAX_TEMPLATE_DEPTH;
  switch (node.type) {
    case 'map':
      return {
        kind: 'object',
        range: node.range,
        ...(anchor ? { anchor } : {}),
        entries: deeper ? node.pairs.map((p) => ({ key: p.key, keyRange: p.keyRange, value: toValue(p.value, context, p.keyRange, depth + 1, p.key) })) : [],
      };
    case 'seq':
      // A statement in a YAML list has no brace to point at: its first key stands for it.
      return {
        kind: 'array',
        range: node.range,
        ...(anchor ? { anchor } : {}),
        items: deeper
          ? node.items.map((i) => {
              const item = i.type === 'alias' ? i.target : i;
              return toValue(i, context, item?.type === 'map' ? item.pairs[0]?.keyRange : undefined, depth + 1, key);
            })
          : [],
      };
    default:
      if (typeof node.value === 'string') return { kind: 'string', range: node.range, value: node.value };
      if (typeof node.value === 'number') return { kind: 'number', range: node.range, value: node.value };
      if (typeof node.value === 'boolean') return { kind: 'boolean', range: node.range, value: node.value };
      return { kind: 'null', range: node.range, value: null };
  }
}

/**
 * A policy written as a JSON string: the scalar itself (a YAML block scalar, a quoted string,
 * JSON in a JSON string), or the template of a `Fn::Sub` (with its variables), whose `${…}`
 * are computed parts of the strings and keys they are in. Undefined for any other value.
 */
function policyString(value: TemplateNode, context: Context): { template: TemplateNode & { type: 'scalar' }; lookup?: (name: string) => Computed | undefined } | undefined {
  if (value.type === 'scalar' && !value.tag) return typeof value.value === 'string' ? { template: value } : undefined;
  const fn = intrinsicOf(value, context);
  if (fn?.name !== 'Fn::Sub') return undefined;
  const argument = deref(fn.argument, context, true);
  const [template, variables] = argument?.type === 'seq' ? [deref(argument.items[0], context, true), deref(argument.items[1], context, true)] : [argument, undefined];
  if (template?.type !== 'scalar' || typeof template.value !== 'string') return undefined;
  return { template, lookup: subVariables(variables, context, 0, false) };
}

/**
 * The policy of a JSON string, with its tokens' places in the file (see scalarText). A string
 * that is not valid JSON is linted as it stands (`raw`), so that its syntax errors are
 * reported — unless it is a `Fn::Sub` template, whose `${…}` may stand for JSON: then it is
 * not read, and that is a problem of the template.
 */
function fromPolicyString(spec: NonNullable<ReturnType<typeof policyString>>, context: Context, anchor: SourceRange, name: string): EmbeddedPolicy | undefined {
  const { template, lookup } = spec;
  const decoded: ScalarText = scalarText(context.text, template.range, template.style, String(template.value));
  const errors: ParseError[] = [];
  parseTree(decoded.text, errors, { allowTrailingComma: false });
  if (errors.length > 0 && lookup) {
    context.problems.push({ message: 'This Fn::Sub policy is not JSON until it is substituted: it is not checked', offset: template.range.start, length: template.range.end - template.range.start });
    return undefined;
  }
  const sub = (text: string): Computed | undefined => (lookup && text.includes('${') ? substitute(text, lookup, context) : undefined);
  const value = fromJsonText(
    {
      json: decoded.text,
      at: decoded.at,
      string: (text, range) => {
        const v = sub(text);
        return v ? computedValue(range, v, 'Fn::Sub') : { kind: 'string', range, value: text };
      },
      key: (text) => {
        const v = sub(text);
        return v ? { key: v.text, unknown: !v.resolved } : { key: text, unknown: false };
      },
      maxDepth: MAX_TEMPLATE_DEPTH,
    },
    anchor,
  );
  if (!value) return undefined;
  return { name, range: template.range, value, ...(errors.length > 0 ? { raw: { text: decoded.text, at: decoded.at } } : {}) };
}

/**
 * The trust policies of a template nested in a string (a StackSet's `TemplateBody`), at their
 * places in the file, named after the resource that holds the template and their own.
 */
function nestedPolicies(body: TemplateNode & { type: 'scalar' }, context: Context, name: string): EmbeddedPolicy[] {
  const decoded = scalarText(context.text, body.range, body.style, String(body.value));
  if (!decoded.text.includes('AssumeRolePolicyDocument')) return [];
  const nested: Context = { ...context, text: decoded.text, problems: [], root: undefined, index: undefined, nesting: context.nesting + 1 };
  const reading: TemplateReading = { policies: [], problems: nested.problems };
  read(nested, reading);
  context.aliases = nested.aliases;
  context.nodes = nested.nodes;
  context.chars = nested.chars;
  const place = (r: SourceRange) => (decoded.exact ? decoded.at(r.start, r.end) : { start: body.range.start, end: body.range.end });
  for (const problem of reading.problems) {
    const at = place({ start: problem.offset, end: problem.offset + problem.length });
    context.problems.push({ message: problem.message, offset: at.start, length: at.end - at.start });
  }
  return reading.policies.map((p) => ({
    name: `${name}/${p.name}`,
    range: place(p.range),
    value: moved(p.value, place),
    ...(p.raw ? { raw: { text: p.raw.text, at: (s: number, e: number) => place(p.raw!.at(s, e)) } } : {}),
  }));
}

/** An embedded value with every place moved by `place` (the recursion is as deep as the template was read, and bounded). */
function moved(value: EmbeddedValue, place: (r: SourceRange) => SourceRange): EmbeddedValue {
  const move = (v: EmbeddedValue, depth: number): EmbeddedValue => {
    const range = place(v.range);
    if (depth > 2 * MAX_TEMPLATE_DEPTH) return { kind: 'computed', range, text: UNKNOWN_TEXT, resolved: false, expression: '' };
    switch (v.kind) {
      case 'object':
        return { ...v, range, ...(v.anchor ? { anchor: place(v.anchor) } : {}), entries: v.entries.map((e) => ({ ...e, keyRange: place(e.keyRange), value: move(e.value, depth + 1) })) };
      case 'array':
        return { ...v, range, ...(v.anchor ? { anchor: place(v.anchor) } : {}), items: v.items.map((i) => move(i, depth + 1)) };
      default:
        return { ...v, range };
    }
  };
  return move(value, 0);
}

import { allBlocks, MAX_HCL_DEPTH, parseHcl, type HclAttribute, type HclBlock, type HclExpr } from './hcl';
import { fromJsonText } from './jsonText';
import { UNKNOWN_TEXT, type EmbeddedEntry, type EmbeddedPolicy, type EmbeddedValue, type SourceRange } from './value';

/**
 * Trust policies in Terraform files:
 * - `assume_role_policy = jsonencode({ … })` (the HCL object is the policy);
 * - `assume_role_policy = <<EOF … EOF` (heredoc JSON, `<<-` too);
 * - `data "aws_iam_policy_document"` blocks (`statement`, `principals`, `not_principals`,
 *   `condition`, `actions`, `not_actions`, `resources`, `not_resources`, `sid`, `effect`,
 *   `version`; `dynamic` blocks as unknown entries) that are trust policies (see
 *   isTrustPolicyDocument).
 * A role's `assume_role_policy = local.NAME` (or `jsonencode(local.NAME)`) is the local's value, read
 * where the file's locals block writes it.
 * Not read: `file()` and `templatefile()` (lint the JSON file itself), policies in variables,
 * locals passed along further, `source_policy_documents`/`override_policy_documents` merging, the
 * content of `dynamic` blocks, and JSON written as an escaped string literal.
 * Interpolations are values computed at plan time; `data.aws_caller_identity.*.account_id`
 * stands for the configured account and `data.aws_partition.*.partition` for `aws`. A computed
 * key is a key of unknown name.
 */
export function extractFromTerraform(text: string, accountOptions: { accountId: string }): EmbeddedPolicy[] {
  const root = parseHcl(text);
  const found: EmbeddedPolicy[] = [];
  const blocks = allBlocks(root);
  const options: ReadOptions = { accountId: accountOptions.accountId, providers: oidcProviderArns(blocks, accountOptions.accountId) };
  const uses = policyDocumentUses([root, ...blocks]);
  const locals = localValues(blocks);
  const readLocals = new Set<HclAttribute>();
  for (const block of [root, ...blocks]) {
    for (const attribute of block.attributes) {
      if (attribute.name !== 'assume_role_policy') continue;
      let name = block.labels.length ? `${block.type}.${block.labels.join('.')}` : block.type || 'assume_role_policy';
      let value = attribute.value;
      let anchor = attribute.nameRange;
      // `local.trust` or `jsonencode(local.trust)`: the policy is the local's value, read where
      // the locals block writes it, once however many roles use it (held-out set 12).
      const local = localReference(value, locals);
      if (local) {
        if (readLocals.has(local.attribute) || local.attribute.name === 'assume_role_policy') continue; // read once; such a local is read as it is
        readLocals.add(local.attribute);
        name = `${name} (local.${local.attribute.name})`;
        anchor = local.attribute.nameRange;
        value = local.encoded ? { type: 'call', range: local.attribute.value.range, name: 'jsonencode', args: [local.attribute.value] } : local.attribute.value;
      }
      if (value.type === 'call' && value.name === 'jsonencode' && value.args[0]?.type === 'object') {
        found.push({ name, range: value.args[0].range, value: fromExpression(value.args[0], text, options, anchor) });
      } else if (value.type === 'heredoc') {
        const policy = fromHeredocJson(text, value.body, options, anchor);
        if (policy) found.push({ name, range: value.body, value: policy });
      }
    }
  }
  for (const block of blocks) {
    if (block.type !== 'data' || block.labels[0] !== 'aws_iam_policy_document') continue;
    const name = block.labels[1] ?? '';
    if (!isTrustPolicyDocument(block, uses.get(name))) continue;
    found.push({ name: `data.aws_iam_policy_document.${name}`, range: block.range, value: fromPolicyDocument(block, text, options) });
  }
  return found.sort((a, b) => a.range.start - b.range.start);
}

/** The attributes of the file's `locals` blocks, by name. */
function localValues(blocks: HclBlock[]): Map<string, HclAttribute> {
  const values = new Map<string, HclAttribute>();
  for (const block of blocks) if (block.type === 'locals') for (const attribute of block.attributes) if (!values.has(attribute.name)) values.set(attribute.name, attribute);
  return values;
}

/** The local that `local.NAME` (the policy: `encoded` false) or `jsonencode(local.NAME)` (its object: `encoded` true) refers to. */
function localReference(value: HclExpr, locals: Map<string, HclAttribute>): { attribute: HclAttribute; encoded: boolean } | undefined {
  const encoded = value.type === 'call' && value.name === 'jsonencode' && value.args.length === 1;
  const reference = encoded ? value.args[0]! : value;
  if (reference.type !== 'reference' || !reference.text.startsWith('local.')) return undefined;
  const attribute = locals.get(reference.text.slice('local.'.length));
  return attribute ? { attribute, encoded } : undefined;
}

/** How a policy document is used in the file: as a role's trust policy, as another policy, or elsewhere. */
interface DocumentUse {
  trust: boolean;
  policy: boolean;
}

const DOCUMENT_REFERENCE = /\bdata\.aws_iam_policy_document\.([\w-]+)/g;

/**
 * Which policy documents each attribute of the file refers to (`data.aws_iam_policy_document.NAME`,
 * with or without `[0]`, `.json`, inside calls, interpolations or tuples): from an
 * `assume_role_policy`, the document is a trust policy; from any other `policy` or `*_policy`
 * attribute (`aws_iam_policy`, `aws_sqs_queue_policy`, `aws_s3_bucket_policy`, a KMS key's
 * `policy` …), it is some other kind of policy. Merging (`source_policy_documents`,
 * `override_policy_documents`), locals, outputs and module inputs say neither.
 */
function policyDocumentUses(blocks: HclBlock[]): Map<string, DocumentUse> {
  const uses = new Map<string, DocumentUse>();
  for (const block of blocks) {
    for (const attribute of block.attributes) {
      const trust = attribute.name === 'assume_role_policy';
      const policy = !trust && (attribute.name === 'policy' || attribute.name.endsWith('_policy'));
      if (!trust && !policy) continue;
      for (const source of expressionTexts(attribute.value)) {
        for (const m of source.matchAll(DOCUMENT_REFERENCE)) {
          const use = uses.get(m[1]!) ?? { trust: false, policy: false };
          use.trust ||= trust;
          use.policy ||= policy;
          uses.set(m[1]!, use);
        }
      }
    }
  }
  return uses;
}

/** The source texts of an expression's references, interpolations and unknown parts. */
function expressionTexts(expr: HclExpr): string[] {
  const out: string[] = [];
  const stack = [expr];
  for (let e = stack.pop(); e; e = stack.pop()) {
    if (e.type === 'reference' || e.type === 'unknown') out.push(e.text);
    else if (e.type === 'string') {
      for (const p of e.parts) if (typeof p !== 'string') out.push(p.interpolation);
    } else if (e.type === 'call') stack.push(...e.args);
    else if (e.type === 'tuple') stack.push(...e.items);
    else if (e.type === 'object') stack.push(...e.entries.map((x) => x.value));
  }
  return out;
}

/**
 * Whether a policy document is linted as a trust policy:
 * - an `assume_role_policy` refers to it: yes;
 * - otherwise another `policy`/`*_policy` attribute refers to it (a queue, bucket, key or
 *   permissions policy): no;
 * - otherwise (not referred to in this file, or only through locals, outputs or modules) by
 *   its content: a statement names `principals` (a trust policy always does, a permissions
 *   policy never), and it is not a resource policy — one whose statements give `resources`
 *   (or `not_resources`) while none of its actions is an `sts:` one.
 */
function isTrustPolicyDocument(block: HclBlock, use: DocumentUse | undefined): boolean {
  if (use?.trust) return true;
  if (use?.policy) return false;
  const statements = block.blocks.filter((b) => b.type === 'statement' || (b.type === 'dynamic' && b.labels[0] === 'statement'));
  const contents = statements.map((s) => (s.type === 'dynamic' ? s.blocks.find((b) => b.type === 'content') : s)).filter((s): s is HclBlock => s !== undefined);
  const named = (s: HclBlock, type: string) => s.blocks.some((b) => b.type === type || (b.type === 'dynamic' && b.labels[0] === type));
  if (!contents.some((s) => named(s, 'principals') || named(s, 'not_principals'))) return false;
  const hasResources = contents.some((s) => s.attributes.some((a) => a.name === 'resources' || a.name === 'not_resources'));
  const namesSts = contents.some((s) => s.attributes.some((a) => (a.name === 'actions' || a.name === 'not_actions') && expressionStrings(a.value).some((v) => /^sts:/i.test(v))));
  return !hasResources || namesSts;
}

/** The literal strings of an expression (a string, or a tuple's strings). */
function expressionStrings(expr: HclExpr): string[] {
  if (expr.type === 'string') return [expr.parts.map((p) => (typeof p === 'string' ? p : '')).join('')];
  if (expr.type === 'tuple') return expr.items.flatMap((i) => (i.type === 'string' ? expressionStrings(i) : []));
  return [];
}

/** What the readers below know besides the text: the configured account, and the file's OIDC providers (oidcProviderArns). */
interface ReadOptions {
  accountId: string;
  providers?: ReadonlyMap<string, string>;
}

/**
 * The ARNs of the file's OIDC providers, by address without `resource.` (`aws_iam_openid_connect_provider.gl`,
 * `data.aws_iam_openid_connect_provider.gl`), where the file writes out their `url` (or a data
 * source's `arn`): a role that trusts `aws_iam_openid_connect_provider.gl.arn` trusts that
 * issuer (held-out set 10: GitLab, Bitbucket and CircleCI modules make their provider beside the
 * role), as a CloudFormation template's `!Ref` of its AWS::IAM::OIDCProvider does. A computed url
 * leaves the provider unknown.
 */
function oidcProviderArns(blocks: HclBlock[], accountId: string): Map<string, string> {
  const arns = new Map<string, string>();
  for (const block of blocks) {
    if ((block.type !== 'resource' && block.type !== 'data') || block.labels[0] !== 'aws_iam_openid_connect_provider' || !block.labels[1]) continue;
    const literal = (name: string) => {
      const value = block.attributes.find((a) => a.name === name)?.value;
      return value?.type === 'string' && value.parts.every((p) => typeof p === 'string') ? value.parts.join('') : undefined;
    };
    const url = literal('url');
    const arn = block.type === 'data' ? literal('arn') : undefined;
    const known = url !== undefined ? `arn:aws:iam::${accountId}:oidc-provider/${url.replace(/^https:\/\//i, '').replace(/\/$/, '')}` : arn;
    if (known) arns.set(`${block.type === 'data' ? 'data.' : ''}aws_iam_openid_connect_provider.${block.labels[1]}`, known);
  }
  return arns;
}

const OIDC_PROVIDER_REFERENCE = /^((?:data\.)?aws_iam_openid_connect_provider\.[\w-]+)(?:\[[^\]]*\])?\.arn$/;
const ACCOUNT_REFERENCE = /^data\.aws_caller_identity\.[\w-]+\.account_id$/;
const PARTITION_REFERENCE = /^data\.aws_partition\.[\w-]+\.partition$/;

/** What is known of a reference or interpolation: the account, the partition and the file's OIDC providers, nothing else. */
function known(expression: string, options: ReadOptions): string | undefined {
  if (ACCOUNT_REFERENCE.test(expression)) return options.accountId;
  if (PARTITION_REFERENCE.test(expression)) return 'aws';
  const provider = options.providers?.size ? OIDC_PROVIDER_REFERENCE.exec(expression) : null;
  if (provider) return options.providers!.get(provider[1]!);
  return undefined;
}

/**
 * A string with interpolations: as far as it is known, `${…}` where it is not; `literal` is its
 * known text alone (the unknown parts left out).
 */
function interpolated(parts: Array<string | { interpolation: string }>, options: ReadOptions): { text: string; resolved: boolean; literal: string } {
  let resolved = true;
  let text = '';
  let literal = '';
  for (const p of parts) {
    const value = typeof p === 'string' ? p : known(p.interpolation, options);
    if (value !== undefined) {
      text += value;
      literal += value;
    } else {
      resolved = false;
      text += `\${${(p as { interpolation: string }).interpolation}}`;
    }
  }
  return { text, resolved, literal };
}

/** A string value that may hold interpolations: a literal, or a computed value with what is known of it. */
function stringValue(parts: Array<string | { interpolation: string }>, range: SourceRange, expression: string, options: ReadOptions): EmbeddedValue {
  if (parts.every((p) => typeof p === 'string')) return { kind: 'string', range, value: parts.join('') };
  const { text, resolved, literal } = interpolated(parts, options);
  return { kind: 'computed', range, text, resolved, expression, ...(resolved ? {} : { literal }) };
}

/** A value as a key: its name when known; what is known of it, as a key of unknown name, when computed. */
function keyOf(value: EmbeddedValue | undefined): { key: string; unknown: boolean } {
  if (value?.kind === 'string') return { key: value.value, unknown: false };
  if (value?.kind === 'computed') return { key: value.text, unknown: !value.resolved };
  return { key: UNKNOWN_TEXT, unknown: true };
}

/** An entry of a rendered policy, its key possibly of unknown name. */
function entryOf(key: { key: string; unknown: boolean }, keyRange: SourceRange, value: EmbeddedValue): EmbeddedEntry {
  return { key: key.key, keyRange, value, ...(key.unknown ? { keyUnknown: true } : {}) };
}

function fromExpression(expr: HclExpr, text: string, options: ReadOptions, anchor?: SourceRange): EmbeddedValue {
  switch (expr.type) {
    case 'object':
      return {
        kind: 'object',
        range: expr.range,
        ...(anchor ? { anchor } : {}),
        entries: expr.entries.map((e) => {
          // A computed key (`"${local.issuer}:sub"`, `(var.key)`) is a key of unknown name.
          const key = e.key !== undefined ? { key: e.key, unknown: false } : keyOf(e.keyExpr ? fromExpression(e.keyExpr, text, options) : undefined);
          return entryOf(key, e.keyRange, fromExpression(e.value, text, options, e.keyRange));
        }),
      };
    case 'tuple':
      return { kind: 'array', range: expr.range, ...(anchor ? { anchor } : {}), items: expr.items.map((i) => fromExpression(i, text, options)) };
    case 'string':
      return stringValue(expr.parts, expr.range, text.slice(expr.range.start, expr.range.end), options);
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

/** A JSON string of a heredoc, with its `${…}` interpolations. */
function heredocParts(value: string): Array<string | { interpolation: string }> {
  if (!/[$%]\{/.test(value)) return [value];
  const parts: Array<string | { interpolation: string }> = [];
  let last = 0;
  for (const m of value.matchAll(/\$\{([^}]*)\}/g)) {
    parts.push(value.slice(last, m.index));
    parts.push({ interpolation: m[1]!.trim() });
    last = m.index! + m[0].length;
  }
  parts.push(value.slice(last));
  return parts;
}

/**
 * Heredoc JSON: the body parsed as it stands (JSON ignores the indentation `<<-` strips), offsets
 * kept. What is nested deeper than MAX_HCL_DEPTH is an unknown value. Interpolations in its
 * strings are computed values, in its keys keys of unknown name.
 */
function fromHeredocJson(text: string, body: SourceRange, options: ReadOptions, anchor: SourceRange): EmbeddedValue | undefined {
  return fromJsonText(
    {
      json: text.slice(body.start, body.end),
      at: (start, end) => ({ start: body.start + start, end: body.start + end }),
      string: (value, range) => stringValue(heredocParts(value), range, value, options),
      key: (key) => keyOf(stringValue(heredocParts(key), { start: 0, end: 0 }, key, options)),
      maxDepth: MAX_HCL_DEPTH,
    },
    anchor,
  );
}

/** The aws_iam_policy_document arguments that merge in the statements of other documents. */
const MERGING_ATTRIBUTES = new Set(['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']);

/**
 * Every argument of aws_iam_policy_document is a string or a list of strings, and Terraform
 * converts a number or a bool given there to a string ("Type Constraints": conversion of
 * primitive types): New Relic's documented `identifiers = [754728514883]` renders
 * "754728514883", and `values = [true]` renders "true". (In jsonencode a number stays a number.)
 */
function asStrings(v: EmbeddedValue): EmbeddedValue {
  const str = (x: EmbeddedValue): EmbeddedValue => (x.kind === 'number' || x.kind === 'boolean' ? { kind: 'string', range: x.range, value: String(x.value) } : x);
  return v.kind === 'array' ? { ...v, items: v.items.map(str) } : str(v);
}

/**
 * Entries of the same known name as one, their values joined into one list, as the data source
 * renders them: several `principals` blocks of one type make one list of identifiers, and
 * several `condition` blocks with one test and variable one list of values (the AWS provider's
 * internal/service/iam/policy_model.go appends each block's values to its type's or key's list).
 * Keys of unknown name stay apart. Linear in the entries (a file may hold thousands of blocks).
 */
function mergedByKey(entries: EmbeddedEntry[]): EmbeddedEntry[] {
  const merged: EmbeddedEntry[] = [];
  const later = new Map<string, { at: number; items: EmbeddedValue[] }>();
  const itemsOf = (v: EmbeddedValue): EmbeddedValue[] => (v.kind === 'array' ? v.items : [v]);
  for (const e of entries) {
    const earlier = e.keyUnknown ? undefined : later.get(e.key);
    if (earlier) {
      for (const item of itemsOf(e.value)) earlier.items.push(item);
      continue;
    }
    if (!e.keyUnknown) later.set(e.key, { at: merged.length, items: [] });
    merged.push(e);
  }
  for (const { at, items } of later.values()) {
    if (items.length === 0) continue;
    const first = merged[at]!;
    merged[at] = { ...first, value: { kind: 'array', range: first.value.range, items: itemsOf(first.value).concat(items) } };
  }
  return merged;
}

/**
 * An aws_iam_policy_document data source as the policy JSON it renders. Computed `type`, `test`
 * and `variable` values are keys of unknown name. A `dynamic` block stands for what it may
 * generate, unknown: a `dynamic "statement"` for statements (with no static statement beside
 * it, Statement is unknown), a `dynamic "principals"` or `dynamic "condition"` for entries of
 * unknown name in Principal or Condition. Statements merged in from other documents are unknown:
 * with no statement block of its own, a merging document's Statement is unknown.
 */
function fromPolicyDocument(block: HclBlock, text: string, options: ReadOptions): EmbeddedValue {
  const attr = (b: HclBlock, name: string) => b.attributes.find((a) => a.name === name);
  const value = (b: HclBlock, name: string) => {
    const a = attr(b, name);
    return a ? asStrings(fromExpression(a.value, text, options, a.nameRange)) : undefined;
  };
  const isDynamic = (b: HclBlock, type: string) => b.type === 'dynamic' && b.labels[0] === type;
  // What a dynamic block generates: unknown, over the block.
  const generated = (b: HclBlock): EmbeddedValue => ({ kind: 'computed', range: b.typeRange, text: UNKNOWN_TEXT, resolved: false, expression: `dynamic "${b.labels[0] ?? ''}"` });
  const unknownEntry = (b: HclBlock): EmbeddedEntry => ({ key: UNKNOWN_TEXT, keyRange: b.typeRange, value: generated(b), keyUnknown: true });
  // What the data source adds by itself (Version, Effect = Allow) points at the block that implies it.
  const implied = (b: HclBlock, s: string): EmbeddedValue => ({ kind: 'string', range: b.typeRange, value: s });
  const entry = (key: string, keyRange: SourceRange, v: EmbeddedValue): EmbeddedEntry => ({ key, keyRange, value: v });
  const statementBlocks = block.blocks.filter((b) => b.type === 'statement' || isDynamic(b, 'statement'));
  const statements = statementBlocks.map((statement): EmbeddedValue => {
    if (statement.type === 'dynamic') return generated(statement);
    const entries: EmbeddedEntry[] = [];
    const simple: Array<[string, string]> = [['sid', 'Sid'], ['effect', 'Effect'], ['actions', 'Action'], ['not_actions', 'NotAction'], ['resources', 'Resource'], ['not_resources', 'NotResource']];
    for (const [hcl, json] of simple) {
      const a = attr(statement, hcl);
      if (a) entries.push(entry(json, a.nameRange, value(statement, hcl)!));
      else if (hcl === 'effect') entries.push(entry('Effect', statement.typeRange, implied(statement, 'Allow')));
    }
    for (const [hcl, json] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
      const principalBlocks = statement.blocks.filter((b) => b.type === hcl);
      const dynamicBlocks = statement.blocks.filter((b) => isDynamic(b, hcl));
      if (!principalBlocks.length && !dynamicBlocks.length) continue;
      const first = principalBlocks[0] ?? dynamicBlocks[0]!;
      // `type = "*"` with `identifiers = ["*"]` renders as "Principal": "*".
      const typeOf = (b: HclBlock) => value(b, 'type');
      const wildcard = principalBlocks.length === 1 && !dynamicBlocks.length && typeOf(first)?.kind === 'string' && (typeOf(first) as { value: string }).value === '*';
      if (wildcard) {
        entries.push(entry(json, first.typeRange, { kind: 'string', range: attr(first, 'type')!.value.range, value: '*' }));
        continue;
      }
      const byType = principalBlocks.map((b) => {
        const ids = value(b, 'identifiers');
        return entryOf(keyOf(typeOf(b)), attr(b, 'type')?.value.range ?? b.typeRange, ids ?? { kind: 'array', range: b.typeRange, items: [] });
      });
      entries.push(entry(json, first.typeRange, { kind: 'object', range: first.range, anchor: first.typeRange, entries: [...mergedByKey(byType), ...dynamicBlocks.map(unknownEntry)] }));
    }
    const conditions = statement.blocks.filter((b) => b.type === 'condition');
    const dynamicConditions = statement.blocks.filter((b) => isDynamic(b, 'condition'));
    if (conditions.length || dynamicConditions.length) {
      const first = conditions[0] ?? dynamicConditions[0]!;
      const byOperator = new Map<string, { key: { key: string; unknown: boolean }; keyRange: SourceRange; entries: EmbeddedEntry[] }>();
      for (const c of conditions) {
        const test = keyOf(value(c, 'test'));
        const group = byOperator.get(test.key) ?? { key: test, keyRange: attr(c, 'test')?.value.range ?? c.typeRange, entries: [] };
        byOperator.set(test.key, group);
        group.entries.push(entryOf(keyOf(value(c, 'variable')), attr(c, 'variable')?.value.range ?? c.typeRange, value(c, 'values') ?? { kind: 'array', range: c.typeRange, items: [] }));
      }
      const operators = [...byOperator.values()].map((group) => entryOf(group.key, group.keyRange, { kind: 'object', range: group.keyRange, entries: mergedByKey(group.entries) }));
      // A dynamic condition: an operator of unknown name, over a key of unknown name.
      for (const d of dynamicConditions) operators.push({ ...unknownEntry(d), value: { kind: 'object', range: d.typeRange, entries: [unknownEntry(d)] } });
      entries.push(entry('Condition', first.typeRange, { kind: 'object', range: first.range, anchor: first.typeRange, entries: operators }));
    }
    return { kind: 'object', range: statement.range, anchor: statement.typeRange, entries };
  });
  const version = attr(block, 'version');
  // Statements merged in from other documents (source_policy_documents, override_policy_documents,
  // and the older source_json, override_json) are unknown here.
  const merged = block.attributes.find((a) => MERGING_ATTRIBUTES.has(a.name));
  // Only dynamic statements, or none beside merged ones: what they make is unknown, and so is Statement.
  const statementValue: EmbeddedValue =
    statementBlocks.length > 0 && statementBlocks.every((b) => b.type === 'dynamic')
      ? { kind: 'computed', range: block.typeRange, text: UNKNOWN_TEXT, resolved: false, expression: 'dynamic "statement"' }
      : statementBlocks.length === 0 && merged
        ? { kind: 'computed', range: merged.nameRange, text: UNKNOWN_TEXT, resolved: false, expression: merged.name }
        : { kind: 'array', range: block.range, anchor: block.typeRange, items: statements };
  return {
    kind: 'object',
    range: block.range,
    anchor: block.typeRange,
    entries: [
      entry('Version', version?.nameRange ?? block.typeRange, version ? value(block, 'version')! : implied(block, '2012-10-17')),
      entry('Statement', block.typeRange, statementValue),
    ],
  };
}

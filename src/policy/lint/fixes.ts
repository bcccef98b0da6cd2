import { format, modify, type Edit, type FormattingOptions, type JSONPath, type Node } from 'jsonc-parser';
import type { Finding } from '../base/finding';
import { deprecatedGlobalKey } from '../iam/deprecatedKeys';
import { federatedProvider } from '../iam/iamData';
import { buildModel, type PolicyModel, type Statement } from '../model/model';
import { parseOperator } from '../iam/operators';
import { cutDeepNesting, parsePolicy, UNICODE_SPACE_MESSAGE, unicodeSpaceEdits } from '../syntax/parse';

/** A quick fix for one finding: text edits to the policy, and whether it is the preferred fix. */
export interface Fix {
  title: string;
  edits: Edit[];
  preferred: boolean;
}

export interface FixOptions {
  accountId?: string;
  /** Indentation to use for inserted elements (the document's own, ideally). */
  tabSize?: number;
  insertSpaces?: boolean;
  eol?: string;
}

/** Placeholders a fix inserts where only the user knows the value. */
export const PLACEHOLDERS = {
  externalId: 'REPLACE-WITH-EXTERNAL-ID',
  account: '111122223333',
  githubSubject: 'repo:OWNER/REPO:ref:refs/heads/main',
  eksSubject: 'system:serviceaccount:NAMESPACE:SERVICE-ACCOUNT',
  subject: 'REPLACE-WITH-SUBJECT',
};

type FixBuilder = (context: FixContext) => Fix[];

interface FixContext {
  text: string;
  finding: Finding;
  model: PolicyModel;
  /** The statement the finding is in, and its JSON path. */
  statement: Statement | undefined;
  path: JSONPath;
  options: FixOptions;
  modify(path: JSONPath, value: unknown): Edit[];
  replace(node: Node, value: string): Edit[];
}

const BUILDERS: Record<string, FixBuilder> = {
  // Only the Unicode-space problem gets here (fixesFor turns the other json-syntax problems away).
  'json-syntax': (c) => [fix('Replace the Unicode spaces with plain spaces', unicodeSpaceEdits(c.text), true)],
  'version-missing': (c) => [fix('Add "Version": "2012-10-17"', versionFirst(c) ?? c.modify(['Version'], '2012-10-17'), true)],
  'version-invalid': (c) => [fix('Use Version "2012-10-17"', c.modify(['Version'], '2012-10-17'), true)],
  'version-legacy': (c) => [fix('Use Version "2012-10-17"', c.modify(['Version'], '2012-10-17'), true)],
  'effect-invalid': (c) => {
    const value = c.statement?.effect?.toLowerCase();
    const fixed = value === 'allow' ? 'Allow' : value === 'deny' ? 'Deny' : undefined;
    return fixed ? [fix(`Write "${fixed}"`, c.modify([...c.path, 'Effect'], fixed), true)] : [];
  },
  'service-principal-case': (c) => {
    const entry = c.statement?.principals.find((e) => e.item.node.offset === c.finding.offset && e.item.kind === 'string');
    return entry ? [fix(`Write "${entry.item.value.toLowerCase()}"`, c.replace(entry.item.node, entry.item.value.toLowerCase()), true)] : [];
  },
  'resource-not-allowed': (c) => {
    const name = c.text.slice(c.finding.offset + 1, c.finding.offset + c.finding.length - 1);
    return [fix(`Remove ${name}`, c.modify([...c.path, name], undefined), true)];
  },
  'sid-invalid': (c) => {
    const sid = c.statement?.elements.get('Sid')?.value;
    if (sid?.type !== 'string') return [];
    const clean = String(sid.value).replace(/[^A-Za-z0-9]/g, '');
    return clean ? [fix(`Rename the Sid to "${clean}"`, c.modify([...c.path, 'Sid'], uniqueSid(c.model, clean)), true)] : [];
  },
  'sid-duplicate': (c) => {
    const sid = c.statement?.elements.get('Sid')?.value;
    if (sid?.type !== 'string') return [];
    const renamed = uniqueSid(c.model, String(sid.value));
    return [fix(`Rename the Sid to "${renamed}"`, c.modify([...c.path, 'Sid'], renamed), true)];
  },
  'wildcard-without-like': (c) => {
    const entry = c.statement?.conditions.find((e) => e.values.some((v) => v.node.offset === c.finding.offset));
    if (!entry) return [];
    const op = parseOperator(entry.operator);
    if (!op.base) return [];
    const like = op.base.replace(/Equals$/, 'Like');
    if (like === op.base) return [];
    const renamed = `${op.setOperator ? `${op.setOperator}:` : ''}${like}${op.ifExists ? 'IfExists' : ''}`;
    return [fix(`Use ${renamed}, which matches * and ? as wildcards`, c.replace(entry.operatorKey, renamed), true)];
  },
  'cross-account-without-external-id': (c) =>
    addCondition(c, 'Require an sts:ExternalId', 'StringEquals', { 'sts:ExternalId': PLACEHOLDERS.externalId }),
  'service-confused-deputy': (c) =>
    addCondition(c, 'Restrict to calls on behalf of your account (aws:SourceAccount)', 'StringEquals', {
      'aws:SourceAccount': c.options.accountId ?? PLACEHOLDERS.account,
    }),
  'oidc-missing-condition': (c) => oidcConditions(c),
  'oidc-missing-sub': (c) => oidcConditions(c),
  'missing-action-for-condition-key': (c) => {
    const key = c.text.slice(c.finding.offset + 1, c.finding.offset + c.finding.length - 1).toLowerCase();
    return addActions(c, [key === 'sts:sourceidentity' ? 'sts:SetSourceIdentity' : 'sts:TagSession']);
  },
  'rolesanywhere-missing-actions': (c) => addActions(c, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']),
  'condition-key-deprecated': (c) => {
    const entry = c.statement?.conditions.find((e) => e.keyNode.offset === c.finding.offset);
    const replacement = entry && deprecatedGlobalKey(entry.key);
    if (!entry || !replacement) return [];
    const forServices = c.statement!.principals.length > 0 && c.statement!.principals.every((p) => p.type === 'Service');
    const keys = forServices ? [replacement.forServices, replacement.forCallers] : [replacement.forCallers, replacement.forServices];
    return keys.map((key, i) => fix(`Use ${key}`, c.replace(entry.keyNode, key), i === 0));
  },
};

/** The codes that have a quick fix. */
export const FIXABLE_CODES: readonly string[] = Object.keys(BUILDERS);

/** Quick fixes for a finding of `lint(text)`; empty when there is none. Never throws. */
export function fixesFor(text: string, finding: Finding, options: FixOptions = {}): Fix[] {
  const builder = BUILDERS[finding.code];
  if (!builder) return [];
  // Of json-syntax problems only the Unicode-space one has a fix, and it needs no model: a broken
  // document has one problem per bad token (16,000 in 32 KB), and parsing it again for each, as
  // a code action over a selection asks, took minutes.
  if (finding.code === 'json-syntax' && !finding.message.startsWith(UNICODE_SPACE_MESSAGE)) return [];
  const model = buildModel(parsePolicy(text));
  const index = model.statements.findIndex(
    (s) => finding.offset >= s.node.offset && finding.offset < s.node.offset + s.node.length,
  );
  const statement = index >= 0 ? model.statements[index] : undefined;
  const single = model.elements.get('Statement')?.value?.type === 'object';
  const path: JSONPath = single ? ['Statement'] : ['Statement', index];
  const formattingOptions = { tabSize: options.tabSize ?? 2, insertSpaces: options.insertSpaces ?? true, eol: options.eol ?? '\n' };
  try {
    return builder({
      text,
      finding,
      model,
      statement,
      path,
      options,
      modify: (p, value) => modifyFormatted(text, p, value, formattingOptions),
      replace: (node, value) => [{ offset: node.offset, length: node.length, content: JSON.stringify(value) }],
    }).filter((f) => f.edits.length > 0 && f.edits.every((e) => e.offset >= 0 && e.length >= 0 && e.offset + e.length <= text.length));
  } catch {
    // A document too broken to edit safely gets no fix rather than a wrong one.
    return [];
  }
}

/**
 * "Version" as the policy's first element, where AWS's examples have it, spaced as the first
 * element is. jsonc-parser's modify() appends it after the last element instead, and in a
 * document still being typed (`{"Statement": [{ ...`, no closing brackets) that is inside the
 * open statement or array. Undefined when the policy has no element to put it before.
 */
function versionFirst(c: FixContext): Edit[] | undefined {
  // As modifyFormatted: nesting deeper than IAM allows gets no fix.
  if (cutDeepNesting(c.text).cuts.length > 0) return [];
  const first = c.model.parsed.root?.type === 'object' ? c.model.parsed.root.children?.[0] : undefined;
  if (!first) return undefined;
  let gap = first.offset;
  while (gap > 0 && /\s/.test(c.text[gap - 1]!)) gap--;
  const spacing = c.text.slice(gap, first.offset) || ' ';
  return [{ offset: first.offset, length: 0, content: `"Version": "2012-10-17",${spacing}` }];
}

export function applyFix(text: string, fix: Fix): string {
  return applyInOrder(text, fix.edits);
}

/**
 * jsonc-parser's modify() with formatting, in linear time: its own formatting applies each
 * formatting edit to a new copy of the whole text, which on a long line of brackets took
 * seconds. The same single edit results: the change, then the changed lines formatted.
 */
function modifyFormatted(text: string, path: JSONPath, value: unknown, formattingOptions: FormattingOptions): Edit[] {
  // Formatting puts each element on a line indented by its depth: its output grows with depth
  // times elements (a 114 KB line 1,000 levels deep took 73 s). A document nested deeper than
  // IAM allows gets no fix (its depth is cut before parsing; jsonc-parser's edit lands in the
  // wrong place there), and a changed line longer than any trust policy (4,096 characters at
  // most) gets the edit unformatted.
  if (cutDeepNesting(text).cuts.length > 0) return [];
  const [edit] = modify(text, path, value, {});
  // On a broken document jsonc-parser can place the edit past the end (`{"\r/*\r\n`: at 8 of 7).
  if (!edit || edit.offset + edit.length > text.length) return [];
  const changed = text.slice(0, edit.offset) + edit.content + text.slice(edit.offset + edit.length);
  let begin = edit.offset;
  let end = edit.offset + edit.content.length;
  if (edit.length === 0 || edit.content.length === 0) {
    while (begin > 0 && !isEol(changed, begin - 1)) begin--;
    while (end < changed.length && !isEol(changed, end)) end++;
  }
  if (end - begin > MAX_FORMATTED_CHARS) return [edit];
  const edits = format(changed, { offset: begin, length: end - begin }, { ...formattingOptions, keepLines: false });
  if (edits.length === 0) return [{ offset: begin, length: text.length - (changed.length - end) - begin, content: changed.slice(begin, end) }];
  const formatted = applyInOrder(changed, edits);
  const last = edits[edits.length - 1]!;
  const shift = edits.reduce((n, e) => n + e.content.length - e.length, 0);
  begin = Math.min(begin, edits[0]!.offset);
  end = Math.max(end, last.offset + last.length) + shift;
  return [{ offset: begin, length: text.length - (formatted.length - end) - begin, content: formatted.slice(begin, end) }];
}

/** The longest range a fix formats: far above a trust policy's maximum size (4,096 characters). */
const MAX_FORMATTED_CHARS = 20_000;

const isEol = (text: string, at: number) => text[at] === '\n' || text[at] === '\r';

/** Non-overlapping edits applied in one pass (jsonc-parser's applyEdits copies the text per edit). */
function applyInOrder(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    parts.push(text.slice(at, e.offset), e.content);
    at = e.offset + e.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function fix(title: string, edits: Edit[], preferred: boolean): Fix {
  return { title, edits, preferred };
}

function uniqueSid(model: PolicyModel, base: string): string {
  const taken = new Set(model.statements.map((s) => s.elements.get('Sid')?.value).filter((v) => v?.type === 'string').map((v) => String(v!.value)));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** Adds keys under Condition.<operator>, creating the blocks as needed and keeping what is there. */
function addCondition(c: FixContext, title: string, operator: string, values: Record<string, string>): Fix[] {
  if (!c.statement) return [];
  const conditionNode = c.statement.elements.get('Condition')?.value;
  if (conditionNode && conditionNode.type !== 'object') return [];
  let text = c.text;
  const formattingOptions = { tabSize: c.options.tabSize ?? 2, insertSpaces: c.options.insertSpaces ?? true, eol: c.options.eol ?? '\n' };
  for (const [key, value] of Object.entries(values)) {
    const existing = c.statement.conditions.find((e) => e.operator === operator && e.key.toLowerCase() === key.toLowerCase());
    if (existing) continue;
    text = applyInOrder(text, modifyFormatted(text, [...c.path, 'Condition', operator, key], value, formattingOptions));
  }
  if (text === c.text) return [];
  return [fix(title, [minimalEdit(c.text, text)], true)];
}

/** One edit turning `before` into `after`: what lies between their common prefix and suffix. */
function minimalEdit(before: string, after: string): Edit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end++;
  }
  return { offset: start, length: before.length - start - end, content: after.slice(start, after.length - end) };
}

function oidcConditions(c: FixContext): Fix[] {
  const federated = c.statement?.principals.find((p) => p.type === 'Federated' && p.item.node.offset === c.finding.offset)
    ?? c.statement?.principals.find((p) => p.type === 'Federated');
  const provider = federated && federatedProvider(federated.item.value);
  if (!provider || provider.kind === 'saml') return [];
  const prefix = provider.keyPrefix;
  const subject = /token\.actions/.test(prefix)
    ? PLACEHOLDERS.githubSubject
    : /^oidc\.eks\./.test(prefix)
      ? PLACEHOLDERS.eksSubject
      : PLACEHOLDERS.subject;
  const values: Record<string, string> = {};
  if (provider.kind === 'oidc') values[`${prefix}:aud`] = 'sts.amazonaws.com';
  values[`${prefix}:${provider.subjectClaims[0]}`] = subject;
  return addCondition(c, `Require ${Object.keys(values).join(' and ')}`, 'StringEquals', values);
}

/** Adds actions to the statement's Action, turning a single action into a list. */
function addActions(c: FixContext, wanted: string[]): Fix[] {
  const element = c.statement?.elements.get('Action');
  if (!c.statement || !element?.value) return [];
  const current = c.statement.actions.map((a) => a.value);
  const missing = wanted.filter((w) => !current.some((a) => a.toLowerCase() === w.toLowerCase()));
  if (missing.length === 0 || c.statement.actions.some((a) => a.kind !== 'string')) return [];
  return [fix(`Allow ${missing.join(', ')}`, c.modify([...c.path, 'Action'], [...current, ...missing]), true)];
}

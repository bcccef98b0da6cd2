import type { Finding } from '../base/finding';
import { LineIndex } from '../syntax/lineIndex';
import { MAX_NESTING_DEPTH } from '../base/limits';

/** Where something is in the source file (template or .tf), as offsets. */
export interface SourceRange {
  start: number;
  end: number;
}

/**
 * A policy as found inside another file: the JSON shape of the policy, every part remembering
 * where it is in the source. A value computed at deploy time (`!Ref Account`, `${var.id}`) is
 * `computed`: its text is what is known of it (unknown parts kept as `${…}`), and `resolved`
 * says whether all of it is known (e.g. `!Sub arn:aws:iam::${AWS::AccountId}:root`). An object
 * or array may have an `anchor`, the key that introduces it: findings about something missing
 * from it point there (YAML has no braces to point at).
 *
 * A computed value that is partly known keeps its literal parts in `literal` (the known text
 * with the unknown parts left out): a few findings judge only those (see LITERAL_PART_FINDINGS).
 * A key may be computed too (`"${local.provider}:sub"`): `keyUnknown` marks a key of unknown
 * name, whose text is what is known of it. Findings about such a key, and about anything under
 * it (its meaning depends on the key), are dropped.
 */
export type EmbeddedValue =
  | { kind: 'object'; range: SourceRange; anchor?: SourceRange; entries: EmbeddedEntry[] }
  | { kind: 'array'; range: SourceRange; anchor?: SourceRange; items: EmbeddedValue[] }
  | { kind: 'string'; range: SourceRange; value: string }
  | { kind: 'number' | 'boolean' | 'null'; range: SourceRange; value: number | boolean | null }
  | {
      kind: 'computed';
      range: SourceRange;
      text: string;
      resolved: boolean;
      expression: string;
      literal?: string;
      /** How the source writes a resolved value whose text holds a stand-in (`states.${AWS::Region}.amazonaws.com`): messages show this. */
      shown?: string;
      /**
       * Of an unknown value given a plausible stand-in (withPlausibleUnknowns): the findings that
       * stand on it because they do not depend on what it turns out to be; messages name it as
       * `shown` says.
       */
      judgedFor?: readonly string[];
    };

export interface EmbeddedEntry {
  key: string;
  keyRange: SourceRange;
  value: EmbeddedValue;
  /** The key is computed: its name is not known (its text is what is known of it). */
  keyUnknown?: boolean;
}

/** What stands for a value of which nothing is known. */
export const UNKNOWN_TEXT = '${…}';

export interface EmbeddedPolicy {
  /** What the file calls it: a logical ID, a Terraform resource address. */
  name: string;
  /** The whole policy value in the source (for findings about the document as a whole). */
  range: SourceRange;
  value: EmbeddedValue;
  /**
   * A policy written as JSON text that is not valid JSON (a CloudFormation policy string):
   * linted as that text, with `at` giving the place in the file of its [start, end). `value` is
   * what could be read of it.
   */
  raw?: { text: string; at: (start: number, end: number) => SourceRange };
}

interface Segment {
  gen: SourceRange;
  src: SourceRange;
  /** An unknown value computed at deploy time: the engine cannot judge it. */
  unknown: boolean;
  /** Of an unknown value, its literal parts (see LITERAL_PART_FINDINGS). */
  literal?: string;
  /** Of a resolved value with a stand-in in it: its text, and how the source writes it. */
  shown?: { text: string; as: string };
  /** Of an unknown value: the findings that stand on it all the same (EmbeddedValue's judgedFor). */
  judgedFor?: readonly string[];
}

/**
 * The findings that judge a value by its literal characters alone, kept on a value that is
 * partly computed when its literal parts alone call for them: a `*` or `?` in the literal text
 * of a StringEquals value (`"repo:${org}/${repo}:*"`) is a literal character, whatever the
 * computed parts turn out to be.
 */
const LITERAL_PART_FINDINGS: Record<string, (literal: string) => boolean> = {
  'wildcard-without-like': (literal) => /[*?]/.test(literal.replace(/\$\{[*?]\}/g, '')),
};

/** The policy as JSON text for the engine, with where each of its tokens comes from. */
export function serialize(value: EmbeddedValue): { text: string; segments: Segment[] } {
  let text = '';
  const segments: Segment[] = [];
  const emit = (token: string, src: SourceRange, unknown: boolean, literal?: string) => {
    segments.push({ gen: { start: text.length, end: text.length + token.length }, src, unknown, ...(unknown && literal !== undefined ? { literal } : {}) });
    text += token;
  };
  // Below the engine's depth limit a container is written empty: the engine reports it as
  // nested too deep, at its place, and the recursion here stays as shallow as that limit.
  // `under` is set below a key of unknown name: everything there is unknown.
  const walk = (v: EmbeddedValue, depth: number, under: boolean) => {
    const deeper = depth + 1;
    switch (v.kind) {
      case 'object': {
        const start = text.length;
        text += '{';
        if (deeper <= MAX_NESTING_DEPTH) {
          v.entries.forEach((entry, i) => {
            if (i) text += ',';
            emit(JSON.stringify(entry.key), entry.keyRange, under || entry.keyUnknown === true);
            text += ':';
            walk(entry.value, deeper, under || entry.keyUnknown === true);
          });
        }
        text += '}';
        segments.push({ gen: { start, end: text.length }, src: v.anchor ?? v.range, unknown: under });
        return;
      }
      case 'array': {
        const start = text.length;
        text += '[';
        if (deeper <= MAX_NESTING_DEPTH) {
          v.items.forEach((item, i) => {
            if (i) text += ',';
            walk(item, deeper, under);
          });
        }
        text += ']';
        segments.push({ gen: { start, end: text.length }, src: v.anchor ?? v.range, unknown: under });
        return;
      }
      case 'string':
        return emit(JSON.stringify(v.value), v.range, under, v.value);
      case 'computed':
        emit(JSON.stringify(v.text), v.range, under || !v.resolved, v.resolved ? v.text : v.literal);
        if (v.judgedFor && !under) {
          const segment = segments[segments.length - 1]!;
          segment.judgedFor = v.judgedFor;
          if (v.shown !== undefined) segment.shown = { text: v.text.slice(v.text.lastIndexOf('/') + 1), as: v.shown };
        } else if (v.shown !== undefined && v.resolved) segments[segments.length - 1]!.shown = { text: v.text, as: v.shown };
        return;
      default:
        return emit(JSON.stringify(v.value), v.range, under);
    }
  };
  walk(value, 0, false);
  return { text, segments };
}

/**
 * Finds, for a span of the serialized policy, the smallest segment that holds it, in time
 * logarithmic in the number of segments (they nest like the JSON they come from): sorted by
 * start, each knows the smallest segment around it, and a look-up climbs from the last
 * segment that starts at or before the span.
 */
export class SegmentIndex {
  private readonly sorted: Segment[];
  private readonly parent: Int32Array;

  constructor(segments: readonly Segment[]) {
    this.sorted = [...segments].sort((a, b) => a.gen.start - b.gen.start || b.gen.end - a.gen.end);
    this.parent = new Int32Array(this.sorted.length);
    const open: number[] = [];
    this.sorted.forEach((segment, i) => {
      while (open.length > 0 && this.sorted[open[open.length - 1]!]!.gen.end < segment.gen.end) open.pop();
      this.parent[i] = open.length > 0 ? open[open.length - 1]! : -1;
      open.push(i);
    });
  }

  /** The smallest segment holding gen[offset, offset + length), if any. */
  locate(offset: number, length: number): Segment | undefined {
    const { sorted } = this;
    let low = 0;
    let high = sorted.length - 1;
    let at = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (sorted[mid]!.gen.start <= offset) {
        at = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    while (at >= 0 && !(sorted[at]!.gen.start <= offset && offset + length <= sorted[at]!.gen.end)) at = this.parent[at]!;
    return at >= 0 ? sorted[at] : undefined;
  }

  /** Where a span of the serialized policy is in the source: its smallest segment's place there. */
  moved(offset: number, length: number): { segment: Segment; offset: number; length: number } | undefined {
    const segment = this.locate(offset, length);
    return segment && { segment, offset: segment.src.start, length: segment.src.end - segment.src.start };
  }
}

/**
 * The engine's findings on the serialized policy, moved to the source: each to the smallest
 * token or node that holds it. Findings about a value that is only known at deploy time are
 * dropped — the engine would be guessing — except those about the document as a whole.
 * Appended to `out`, which is returned (never spread: there may be very many).
 */
export function mapFindings(findings: readonly Finding[], segments: SegmentIndex, lines: LineIndex, out: Finding[] = []): Finding[] {
  const range = (offset: number, length: number) => ({ start: lines.positionAt(offset), end: lines.positionAt(offset + length) });
  for (const finding of findings) {
    const target = segments.moved(finding.offset, finding.length);
    if (!target || !judged(finding.code, target.segment)) continue;
    const related = finding.related
      ?.map((r) => {
        const m = segments.moved(r.offset, r.length);
        return m ? { message: r.message, offset: m.offset, length: m.length, range: range(m.offset, m.length) } : undefined;
      })
      .filter((r): r is NonNullable<typeof r> => r !== undefined);
    // A stand-in the reader resolved (a Region) is named as the source writes it.
    const shown = target.segment.shown;
    let message = shown && shown.text !== '' ? finding.message.split(shown.text).join(shown.as) : finding.message;
    // "first on line N" (duplicate-key, sid-duplicate) names the line of the related place: in
    // the file, not in the serialized policy (always line 1).
    if (related?.length === 1 && finding.related?.length === 1) message = message.replace(/\bline \d+\b/, `line ${related[0]!.range.start.line}`);
    out.push({ ...finding, message, offset: target.offset, length: target.length, range: range(target.offset, target.length), ...(related?.length ? { related } : {}) });
  }
  return out;
}

/** Whether a finding at a segment stands: always on a known value; on an unknown one only when the value is given for it (judgedFor) or its literal parts call for it. */
export function judged(code: string, segment: Segment): boolean {
  if (!segment.unknown || segment.judgedFor?.includes(code)) return true;
  return segment.literal !== undefined && LITERAL_PART_FINDINGS[code]?.(segment.literal) === true;
}

/**
 * Unknown principals made plausible, so that the rules judge the rest of their statement as
 * they would with the real value: an unknown Federated principal becomes the OIDC provider its
 * condition keys name (`oidc.eks.…:sub` → that provider), an unknown AWS principal the
 * configured account. They stay unknown: findings about them are still dropped.
 */
export function withPlausibleUnknowns(value: EmbeddedValue, accountId: string): EmbeddedValue {
  if (value.kind !== 'object') return value;
  const statementsEntry = value.entries.find((e) => e.key === 'Statement');
  if (!statementsEntry) return value;
  const fix = (statement: EmbeddedValue): EmbeddedValue => {
    if (statement.kind !== 'object') return statement;
    const conditionKeys = statement.entries
      .filter((e) => e.key === 'Condition' && e.value.kind === 'object')
      .flatMap((e) => (e.value as { entries: Array<{ value: EmbeddedValue }> }).entries)
      .flatMap((operator) => (operator.value.kind === 'object' ? operator.value.entries.map((k) => k.key) : []));
    const provider = conditionKeys.map(providerOfKey).find((p): p is string => p !== undefined);
    const saml = conditionKeys.some((k) => /^saml:/i.test(k));
    // A web-identity trust of a computed provider with no Condition at all: whatever the issuer,
    // every identity it has tokens for gets in (held-out set 10: a GitLab module's role trusting
    // `aws_iam_openid_connect_provider.gitlab.arn`, whose url is a variable).
    const webIdentityOnly = (): boolean => {
      if (statement.entries.some((e) => e.key === 'Condition' || e.key === 'NotAction')) return false;
      const action = statement.entries.find((e) => e.key === 'Action')?.value;
      const names = (action?.kind === 'array' ? action.items : action ? [action] : []).map((a) => (a.kind === 'string' ? a.value.toLowerCase() : undefined));
      return names.includes('sts:assumerolewithwebidentity') && names.every((n) => n !== undefined && !n.includes('saml') && !n.includes('*'));
    };
    const plausible = (type: string): string | undefined => {
      if (type === 'Federated') return saml ? `arn:aws:iam::${accountId}:saml-provider/unknown` : provider ? `arn:aws:iam::${accountId}:oidc-provider/${provider}` : undefined;
      if (type === 'AWS') return `arn:aws:iam::${accountId}:root`;
      return undefined;
    };
    const replace = (v: EmbeddedValue, type: string): EmbeddedValue => {
      if (v.kind === 'computed' && !v.resolved) {
        const text = plausible(type);
        if (text) return { ...v, text };
        if (type === 'Federated' && webIdentityOnly()) return unconditionedIssuer(v, accountId);
        return v;
      }
      if (v.kind === 'array') return { ...v, items: v.items.map((i) => replace(i, type)) };
      return v;
    };
    // A claim of a computed issuer (`"${local.issuer}:sub"`) beside a known OIDC provider is
    // taken to be that provider's claim.
    const knownProvider = statement.entries
      .filter((e) => e.key === 'Principal' && e.value.kind === 'object')
      .flatMap((e) => (e.value as { entries: EmbeddedEntry[] }).entries.filter((p) => p.key === 'Federated').map((p) => p.value))
      .flatMap((v) => (v.kind === 'array' ? v.items : [v]))
      .map((v) => (v.kind === 'string' || (v.kind === 'computed' && v.resolved) ? /:oidc-provider\/(.+)$/.exec(v.kind === 'string' ? v.value : v.text)?.[1] : undefined))
      .find((p): p is string => p !== undefined);
    const claim = (key: EmbeddedEntry): EmbeddedEntry => {
      const computedIssuer = key.keyUnknown && knownProvider ? /^.*\$\{.*:([\w-]+)$/.exec(key.key) : null;
      return computedIssuer ? { ...key, key: `${knownProvider}:${computedIssuer[1]}` } : key;
    };
    // An operator of unknown name (`test = var.condition_test`) is taken to restrict its keys,
    // as StringLike does: the keys under it count as pinned, and nothing under it is judged.
    const operators = (condition: EmbeddedValue): EmbeddedValue =>
      condition.kind === 'object'
        ? {
            ...condition,
            entries: condition.entries.map((o) => {
              const operator = o.keyUnknown ? { ...o, key: 'StringLike' } : o;
              return operator.value.kind === 'object' ? { ...operator, value: { ...operator.value, entries: operator.value.entries.map(claim) } } : operator;
            }),
          }
        : condition;
    return {
      ...statement,
      entries: statement.entries.map((e) => {
        if (e.key === 'Principal' && e.value.kind === 'object') return { ...e, value: { ...e.value, entries: e.value.entries.map((p) => ({ ...p, value: replace(p.value, p.key) })) } };
        if (e.key === 'Condition') return { ...e, value: operators(e.value) };
        return e;
      }),
    };
  };
  const statements = statementsEntry.value;
  const fixed = statements.kind === 'array' ? { ...statements, items: statements.items.map(fix) } : fix(statements);
  return { ...value, entries: value.entries.map((e) => (e === statementsEntry ? { ...e, value: fixed } : e)) };
}

/** The stand-in of an unknown web-identity provider with no condition: an issuer of unknown host, judged by oidc-missing-condition only. */
const UNKNOWN_ISSUER = 'unknown-issuer.invalid';
function unconditionedIssuer(v: EmbeddedValue & { kind: 'computed' }, accountId: string): EmbeddedValue {
  return { ...v, text: `arn:aws:iam::${accountId}:oidc-provider/${UNKNOWN_ISSUER}`, judgedFor: ['oidc-missing-condition'], shown: `<the issuer of ${v.text}>` };
}

/**
 * The provider part of an OIDC condition key (`oidc.eks.…/id/X:sub` → `oidc.eks.…/id/X`): the
 * text before the last colon, when it holds a `.` or `/` with something on each side and the
 * claim after it is a word. Without a regular expression: `/^(.+[./].+):[\w-]+$/` backtracked
 * quadratically on long keys (8,000 dots: 247 ms).
 */
function providerOfKey(key: string): string | undefined {
  const colon = key.lastIndexOf(':');
  if (colon < 0 || !/^[\w-]+$/.test(key.slice(colon + 1))) return undefined;
  const prefix = key.slice(0, colon);
  for (let i = 1; i < prefix.length - 1; i++) if (prefix[i] === '.' || prefix[i] === '/') return prefix;
  return undefined;
}

import type { Finding } from '../base/finding';
import { PART_NOT_CHECKED } from '../lint/notices';
import { LineIndex } from '../syntax/lineIndex';
import { MAX_DOCUMENT_CHARS } from '../base/limits';
import { fixesFor } from '../lint/fixes';
import { lint, type LintOptions } from '../lint/lint';
import { looksLikeCloudFormation, readCloudFormation } from './cloudformation';
import { extractFromTerraform } from './terraform';
import { mapFindings, SegmentIndex, serialize, withPlausibleUnknowns, type EmbeddedPolicy } from './value';

export type { EmbeddedPolicy } from './value';
export { EMBEDDED_METAS, PART_NOT_CHECKED } from '../lint/notices';

/** Where trust policies can be embedded: CloudFormation/SAM templates (YAML or JSON) and Terraform files. */
export type EmbeddingKind = 'cloudformation' | 'terraform';

/** What `AWS::AccountId` stands for when the account is not configured: no real account has this ID. */
const UNKNOWN_ACCOUNT = '000000000000';

/** Which kind of file this is, by its name and content; undefined for a file that holds no embedded policies. */
export function embeddingKind(fileName: string, text: string): EmbeddingKind | undefined {
  if (/\.tf$/i.test(fileName)) return 'terraform';
  if (/\.tf\.json$/i.test(fileName)) return undefined;
  if (/\.(ya?ml|json|template)$/i.test(fileName) && looksLikeCloudFormation(text)) return 'cloudformation';
  return undefined;
}

export function extractPolicies(text: string, kind: EmbeddingKind, options: LintOptions = {}): EmbeddedPolicy[] {
  return readEmbedded(text, kind, options).policies;
}

/** The policies of a template or .tf file, and the parts the reader could not read. */
function readEmbedded(text: string, kind: EmbeddingKind, options: LintOptions): { policies: EmbeddedPolicy[]; problems: Array<{ message: string; offset: number; length: number }> } {
  if (text.length > MAX_DOCUMENT_CHARS) return { policies: [], problems: [] };
  const account = { accountId: options.accountId ?? UNKNOWN_ACCOUNT };
  try {
    return kind === 'terraform' ? { policies: extractFromTerraform(text, account), problems: [] } : readCloudFormation(text, account);
  } catch (error) {
    // The readers report rather than throw; should one throw, the file says so and nothing else.
    return { policies: [], problems: [{ message: `The file could not be read (${error instanceof Error ? error.message : String(error)}): its trust policies are not checked`, offset: 0, length: 0 }] };
  }
}

/**
 * The engine's findings for every trust policy embedded in a template or .tf file, at their
 * places in that file. Values computed at deploy time are not judged (see mapFindings).
 */
export function lintEmbedded(text: string, kind: EmbeddingKind, options: LintOptions = {}): Finding[] {
  // Too large to read: lint() says so in one finding, as for a policy file.
  if (text.length > MAX_DOCUMENT_CHARS) return lint(text, options);
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const { policies, problems } = readEmbedded(text, kind, options);
  if (!options.ignore?.includes(PART_NOT_CHECKED)) {
    for (const { message, offset, length } of problems) {
      findings.push({ code: PART_NOT_CHECKED, severity: 'suggestion', message, offset, length, range: { start: lines.positionAt(offset), end: lines.positionAt(offset + length) } });
    }
  }
  for (const policy of policies) {
    if (policy.raw) {
      mapRawFindings(lint(policy.raw.text, options), policy.raw.at, lines, findings);
      continue;
    }
    const { text: json, segments } = serialize(withPlausibleUnknowns(policy.value, options.accountId ?? UNKNOWN_ACCOUNT));
    mapFindings(lint(json, options), new SegmentIndex(segments), lines, findings);
  }
  return findings.sort((a, b) => a.offset - b.offset);
}

/** Findings on a policy's own JSON text (see EmbeddedPolicy.raw), moved to the file. */
function mapRawFindings(found: readonly Finding[], at: (start: number, end: number) => { start: number; end: number }, lines: LineIndex, out: Finding[]): void {
  const moved = (offset: number, length: number) => {
    const r = at(offset, offset + length);
    return { offset: r.start, length: r.end - r.start, range: { start: lines.positionAt(r.start), end: lines.positionAt(r.end) } };
  };
  for (const finding of found) {
    const related = finding.related?.map((r) => ({ message: r.message, ...moved(r.offset, r.length) }));
    out.push({ ...finding, ...moved(finding.offset, finding.length), ...(related?.length ? { related } : {}) });
  }
}

/**
 * The policy around a place in a template or .tf file, as the engine sees it: its JSON text
 * and the offset there of the token at `offset` — for hovers that explain embedded policies
 * as they explain policy files.
 */
export function embeddedPolicyAt(text: string, kind: EmbeddingKind, offset: number, options: LintOptions = {}): { json: string; offset: number; source: { start: number; end: number } } | undefined {
  for (const policy of extractPolicies(text, kind, options)) {
    if (offset < policy.range.start || offset > policy.range.end) continue;
    const { text: json, segments } = serialize(withPlausibleUnknowns(policy.value, options.accountId ?? UNKNOWN_ACCOUNT));
    let best: (typeof segments)[number] | undefined;
    for (const segment of segments) {
      if (segment.src.start <= offset && offset < segment.src.end && (!best || segment.src.end - segment.src.start < best.src.end - best.src.start)) best = segment;
    }
    // Inside the token: past the opening quote of a JSON string.
    if (best) return { json, offset: best.gen.start + (json[best.gen.start] === '"' ? 1 : 0), source: best.src };
  }
  return undefined;
}

export interface EmbeddedFix {
  title: string;
  preferred: boolean;
  edits: Array<{ offset: number; length: number; content: string }>;
}

/**
 * Quick fixes for the finding with `code` at `offset` of a template or .tf file: the engine's
 * fixes that replace one token (a value or a key) by another, written back in the file's own
 * syntax. Fixes that insert elements (a Condition block …) are left out: where they would go
 * depends on the file's layout, which the JSON view does not have.
 */
export function embeddedFixes(text: string, kind: EmbeddingKind, offset: number, code: string, options: LintOptions = {}): EmbeddedFix[] {
  const out: EmbeddedFix[] = [];
  for (const { json, segments, index, findings } of fixViews(text, kind, options)) {
    for (const finding of findings) {
      if (finding.code !== code) continue;
      const target = index.moved(finding.offset, finding.length);
      if (!target || target.segment.unknown || target.offset !== offset) continue;
      for (const fix of fixesFor(json, finding, options.accountId ? { accountId: options.accountId } : {})) {
        const edits = fix.edits.map((edit) => {
          const segment = segments.find((s) => s.gen.start === edit.offset && s.gen.end === edit.offset + edit.length && !s.unknown);
          let value: unknown;
          try {
            value = JSON.parse(edit.content);
          } catch {
            return undefined;
          }
          if (!segment || typeof value !== 'string' || json[segment.gen.start] !== '"') return undefined;
          // Only where the file writes the token itself, as a plain, quoted or JSON string (not
          // inside a string that holds the policy, escaped or as a whole).
          const original = text.slice(segment.src.start, segment.src.end);
          if (written(original) !== JSON.parse(json.slice(segment.gen.start, segment.gen.end))) return undefined;
          return { offset: segment.src.start, length: segment.src.end - segment.src.start, content: render(value, original, kind) };
        });
        if (edits.every((e) => e !== undefined)) out.push({ title: fix.title, preferred: fix.preferred, edits: edits as EmbeddedFix['edits'] });
      }
    }
  }
  return out;
}

/** A policy of the file as its fixes see it: serialized, indexed and linted. */
interface FixView {
  json: string;
  segments: ReturnType<typeof serialize>['segments'];
  index: SegmentIndex;
  findings: Finding[];
}

/**
 * The last file's fix views: a code action over a selection asks for every diagnostic of the
 * file in turn, and reading and linting the whole file again for each took a minute for the
 * 400 findings of a 43 KB template. One file, the last asked about, is remembered.
 */
let lastFixViews: { text: string; kind: EmbeddingKind; options: string; views: FixView[] } | undefined;

function fixViews(text: string, kind: EmbeddingKind, options: LintOptions): FixView[] {
  const key = JSON.stringify(options);
  if (lastFixViews && lastFixViews.text === text && lastFixViews.kind === kind && lastFixViews.options === key) return lastFixViews.views;
  const views: FixView[] = [];
  for (const policy of extractPolicies(text, kind, options)) {
    if (policy.raw) continue;
    const { text: json, segments } = serialize(withPlausibleUnknowns(policy.value, options.accountId ?? UNKNOWN_ACCOUNT));
    views.push({ json, segments, index: new SegmentIndex(segments), findings: lint(json, options) });
  }
  lastFixViews = { text, kind, options: key, views };
  return views;
}

/** The string a token of the file stands for, as far as quoting goes: `"…"` (JSON escapes), `'…'` (YAML's), or bare. */
function written(original: string): string | undefined {
  if (original.startsWith('"')) {
    try {
      return JSON.parse(original) as string;
    } catch {
      return undefined;
    }
  }
  if (original.startsWith("'")) return original.endsWith("'") && original.length >= 2 ? original.slice(1, -1).replace(/''/g, "'") : undefined;
  return original;
}

/** A string as the file would write it where `original` stands: with the same quoting where possible. */
function render(value: string, original: string, kind: EmbeddingKind): string {
  if (original.startsWith('"')) return JSON.stringify(value);
  if (original.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  const bare = kind === 'terraform' ? /^[A-Za-z_][\w-]*$/ : /^[A-Za-z0-9_][\w./:*@=+-]*$/;
  const ambiguous = /^(true|false|null|yes|no|on|off|~|[-+]?[0-9.]+)$/i;
  return bare.test(value) && !ambiguous.test(value) ? value : JSON.stringify(value);
}

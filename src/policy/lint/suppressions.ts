/**
 * Inline suppressions with a reason, in the formats that have comments:
 *
 *     # iam-trust-ignore oidc-missing-sub: the audience is per customer      (YAML, HCL)
 *     // iam-trust-ignore cross-account-without-external-id: our CI account  (JSONC, HCL)
 *
 * A directive on a line of its own covers the next line that is not itself a directive; one
 * after code covers its own line. In YAML the covered line takes the lines nested under it
 * along (a block scalar, a mapping); in HCL a line that opens a heredoc takes the heredoc
 * along (comments inside a heredoc or a block scalar would be part of its text). Several codes
 * may be listed, comma-separated. The reason is required: a directive without one suppresses
 * nothing and is reported; a directive that suppresses nothing is reported too.
 *
 * Pure: applied to the findings of lint()/lintEmbedded() with the document's text.
 */
import { createScanner } from 'jsonc-parser';
import { SyntaxKind } from '../syntax/strictTree';
import type { Finding } from '../base/finding';
import { LineIndex } from '../syntax/lineIndex';
import type { RuleMeta } from './rule';

export const UNUSED_SUPPRESSION = 'unused-suppression';
export const INVALID_SUPPRESSION = 'invalid-suppression';

/** The codes of the findings about suppressions themselves (they may be ignored and re-graded like a rule's). */
export const SUPPRESSION_CODES: readonly string[] = [UNUSED_SUPPRESSION, INVALID_SUPPRESSION];

/** What --list-rules, SARIF and the docs say of the suppression findings (they come from no rule's check). */
export const SUPPRESSION_METAS: readonly RuleMeta[] = [
  {
    code: INVALID_SUPPRESSION,
    severity: 'warning',
    description: 'An iam-trust-ignore comment without a reason, without a rule code, or with an unknown one.',
    rationale: 'A suppression says why a finding does not apply, for the next reader and reviewer. Without a reason (after a colon), or without a known rule code, it suppresses nothing.',
    badExample: '# iam-trust-ignore oidc-missing-sub',
    goodExample: '# iam-trust-ignore oidc-missing-sub: the audience is our CircleCI organization ID, per customer',
  },
  {
    code: UNUSED_SUPPRESSION,
    severity: 'suggestion',
    description: 'An iam-trust-ignore comment that suppresses nothing.',
    rationale: 'The finding it was written for is gone (the policy was fixed, or the rule no longer reports it there), so the comment only misleads: remove it.',
    badExample: '# iam-trust-ignore public-principal: reviewed\nPrincipal: { Service: ec2.amazonaws.com }',
    goodExample: 'Principal: { Service: ec2.amazonaws.com }',
  },
];

/** The directive's keyword. */
export const SUPPRESSION_KEYWORD = 'iam-trust-ignore';

/** What the quick fix writes for the reason, for the user to type over; left as it is, it is no reason. */
export const REASON_PLACEHOLDER = '<reason>';

/** How a format writes a line comment; undefined for formats without comments (plain JSON). */
export type CommentStyle = 'yaml' | 'hcl' | 'jsonc';

/**
 * The comment syntax of a document: by its editor language when known, else by its name
 * (a `.template` or standard input by its first character: JSON has no comments).
 */
export function commentStyleOf(fileName: string, text: string, languageId?: string): CommentStyle | undefined {
  if (languageId === 'yaml') return 'yaml';
  if (languageId === 'terraform' || languageId === 'hcl') return 'hcl';
  if (languageId === 'jsonc') return 'jsonc';
  if (languageId === 'json') return undefined;
  const name = fileName.toLowerCase();
  if (name.endsWith('.tf')) return 'hcl';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  if (name.endsWith('.jsonc')) return 'jsonc';
  if (name.endsWith('.template') || name === '-' || name === '<stdin>') {
    const first = /^\uFEFF?\s*(.)/.exec(text)?.[1];
    return first === undefined || first === '{' || first === '[' ? undefined : 'yaml';
  }
  return undefined;
}

export interface Suppression {
  /** 1-based line of the comment. */
  line: number;
  /** The comment's span (from its `#` or `//` to the end of the line). */
  offset: number;
  length: number;
  codes: string[];
  /** undefined when missing (or left as the placeholder). */
  reason: string | undefined;
  /** 1-based lines whose findings it covers, inclusive. */
  from: number;
  to: number;
}

interface Lines {
  texts: string[];
  starts: number[];
}

function splitLines(text: string): Lines {
  const texts: string[] = [];
  const starts: number[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    starts.push(start);
    texts.push(text.slice(start, m.index));
    start = m.index + m[0].length;
  }
  starts.push(start);
  texts.push(text.slice(start));
  return { texts, starts };
}

const DIRECTIVE = new RegExp(`^(?:#|//)\\s*${SUPPRESSION_KEYWORD}(?=\\s|:|$)(.*)$`);

/** The comments of each line that could hold a directive: [column of the comment, its text]. */
function lineComments(text: string, lines: Lines, style: CommentStyle): Map<number, { column: number; comment: string }> {
  const found = new Map<number, { column: number; comment: string }>();
  if (style === 'jsonc') {
    // The scanner knows strings from comments exactly.
    const scanner = createScanner(text, false);
    for (let kind = scanner.scan() as number as SyntaxKind; kind !== SyntaxKind.EOF; kind = scanner.scan() as number as SyntaxKind) {
      if (kind !== SyntaxKind.LineCommentTrivia) continue;
      const offset = scanner.getTokenOffset();
      const line = scanner.getTokenStartLine();
      const comment = text.slice(offset, offset + scanner.getTokenLength());
      if (comment.includes(SUPPRESSION_KEYWORD)) found.set(line + 1, { column: offset - lines.starts[line]!, comment });
    }
    return found;
  }
  // YAML and HCL: a `#` (or `//` in HCL) at the start of the line or after white space.
  const start = style === 'hcl' ? /(?:^|\s)(#|\/\/)/g : /(?:^|\s)(#)/g;
  lines.texts.forEach((line, index) => {
    if (!line.includes(SUPPRESSION_KEYWORD)) return;
    start.lastIndex = 0;
    for (let m = start.exec(line); m; m = start.exec(line)) {
      const column = m.index + m[0].length - m[1]!.length;
      if (DIRECTIVE.test(line.slice(column))) {
        found.set(index + 1, { column, comment: line.slice(column) });
        return;
      }
    }
  });
  return found;
}

/** Leading white space of a line, in characters. */
const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].length;
const isBlank = (line: string) => line.trim() === '';

/** The last line (1-based) that a directive aimed at `line` covers. */
function coverageEnd(lines: Lines, line: number, style: CommentStyle): number {
  const texts = lines.texts;
  const target = texts[line - 1] ?? '';
  if (style === 'yaml') {
    // The lines nested under it: more indented, blank lines within kept.
    const indent = indentOf(target);
    let end = line;
    for (let i = line; i < texts.length; i++) {
      const next = texts[i]!;
      if (isBlank(next)) continue;
      if (indentOf(next) <= indent) break;
      end = i + 1;
    }
    return end;
  }
  if (style === 'hcl') {
    const heredoc = /<<-?([A-Za-z_][\w-]*)\s*$/.exec(target);
    if (heredoc) {
      for (let i = line; i < texts.length; i++) if (texts[i]!.trim() === heredoc[1]) return i + 1;
      return texts.length;
    }
  }
  return line;
}

/** Every directive of the text, with the lines it covers. */
export function findSuppressions(text: string, style: CommentStyle | undefined): Suppression[] {
  if (!style || !text.includes(SUPPRESSION_KEYWORD)) return [];
  const lines = splitLines(text);
  const comments = lineComments(text, lines, style);
  const result: Suppression[] = [];
  for (const [line, { column, comment }] of comments) {
    const rest = DIRECTIVE.exec(comment)?.[1];
    if (rest === undefined) continue;
    const colon = rest.indexOf(':');
    const codeText = colon >= 0 ? rest.slice(0, colon) : rest;
    const codes = codeText.split(',').map((c) => c.trim()).filter(Boolean);
    const reasonText = colon >= 0 ? rest.slice(colon + 1).trim() : '';
    const reason = reasonText === '' || reasonText === REASON_PLACEHOLDER ? undefined : reasonText;
    // A directive after code covers its own line; one on a line of its own covers the next
    // line that is not a directive of its own.
    const ownLine = isBlank(lines.texts[line - 1]!.slice(0, column));
    let target = line;
    if (ownLine) {
      target = line + 1;
      while (target <= lines.texts.length) {
        const other = comments.get(target);
        if (!other || !isBlank(lines.texts[target - 1]!.slice(0, other.column))) break;
        target++;
      }
    }
    const offset = lines.starts[line - 1]! + column;
    result.push({ line, offset, length: comment.length, codes, reason, from: target, to: coverageEnd(lines, target, style) });
  }
  return result.sort((a, b) => a.offset - b.offset);
}

/**
 * The findings left once the text's directives are applied, with findings for directives that
 * have no reason, name no (or an unknown) code, or suppress nothing. `knownCodes`, when given,
 * are the codes a directive may name.
 */
export function applySuppressions(
  text: string,
  findings: readonly Finding[],
  style: CommentStyle | undefined,
  knownCodes?: ReadonlySet<string>,
): Finding[] {
  const directives = findSuppressions(text, style);
  if (directives.length === 0) return [...findings];
  const used = directives.map(() => new Set<string>());
  const kept: Finding[] = [];
  for (const finding of findings) {
    // The directive itself is a comment, which strict JSON (json-syntax) does not allow; in a
    // .jsonc file that is the format's choice, not a finding about the policy.
    if (style === 'jsonc' && finding.code === 'json-syntax' && directives.some((d) => finding.offset >= d.offset && finding.offset < d.offset + d.length)) continue;
    const line = finding.range.start.line;
    const by = directives.findIndex((d) => d.reason !== undefined && d.codes.includes(finding.code) && line >= d.from && line <= d.to);
    if (by >= 0) used[by]!.add(finding.code);
    else kept.push(finding);
  }
  const positions = new LineIndex(text);
  const report = (d: Suppression, code: string, severity: Finding['severity'], message: string) => {
    const start = positions.positionAt(d.offset);
    kept.push({ code, severity, message, offset: d.offset, length: d.length, range: { start, end: { line: start.line, column: start.column + d.length } } });
  };
  directives.forEach((d, i) => {
    const example = `${SUPPRESSION_KEYWORD} ${d.codes[0] ?? 'rule-code'}: why this is acceptable here`;
    if (d.codes.length === 0) return report(d, INVALID_SUPPRESSION, 'warning', `This suppression names no rule code, so it suppresses nothing: write "${example}"`);
    const unknown = knownCodes ? d.codes.filter((c) => !knownCodes.has(c)) : [];
    if (unknown.length > 0) {
      report(d, INVALID_SUPPRESSION, 'warning', `Unknown rule code${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} in this suppression (the codes are listed in docs/rules.md and by trust-policy-lint --list-rules)`);
    }
    if (d.reason === undefined) {
      return report(d, INVALID_SUPPRESSION, 'warning', `A suppression needs a reason after a colon, so that the next reader knows why the finding does not apply: "${example}". Without one it suppresses nothing`);
    }
    const unused = d.codes.filter((c) => !used[i]!.has(c) && !unknown.includes(c));
    if (unused.length > 0) {
      report(d, UNUSED_SUPPRESSION, 'suggestion', `Nothing here is reported as ${unused.join(', ')}: this suppression is unused and can be removed`);
    }
  });
  return kept.sort((a, b) => a.offset - b.offset || a.length - b.length);
}

export interface SuppressionEdit {
  /** Where to insert `content` (a whole line, ending in the document's line break). */
  offset: number;
  content: string;
  /** The placeholder reason's place inside `content`, for the editor to select. */
  placeholder: { start: number; length: number };
}

/**
 * The line a "Suppress with a reason…" quick fix inserts for a finding of `code` starting on
 * (1-based) `line`: above that line with its indentation, or above the line that opens the YAML
 * block scalar or HCL heredoc the finding is inside (a comment there would be part of its
 * text). undefined for formats without comments.
 */
export function suppressionEdit(text: string, style: CommentStyle | undefined, line: number, code: string, eol = '\n'): SuppressionEdit | undefined {
  if (!style) return undefined;
  const lines = splitLines(text);
  if (line < 1 || line > lines.texts.length) return undefined;
  const at = enclosingOpener(lines, line, style) ?? line;
  const indent = /^[ \t]*/.exec(lines.texts[at - 1]!)![0];
  const marker = style === 'jsonc' ? '//' : '#';
  const head = `${indent}${marker} ${SUPPRESSION_KEYWORD} ${code}: `;
  return { offset: lines.starts[at - 1]!, content: `${head}${REASON_PLACEHOLDER}${eol}`, placeholder: { start: head.length, length: REASON_PLACEHOLDER.length } };
}

/** The line opening the YAML block scalar or HCL heredoc that `line` is inside, if any. */
function enclosingOpener(lines: Lines, line: number, style: CommentStyle): number | undefined {
  const texts = lines.texts;
  if (style === 'yaml') {
    // Up through the ancestors (each line less indented than all below it): a block scalar's
    // header ends in | or >, and everything more indented below it is its text.
    let indent = indentOf(texts[line - 1]!);
    for (let i = line - 1; i >= 1 && indent > 0; i--) {
      const above = texts[i - 1]!;
      if (isBlank(above) || indentOf(above) >= indent) continue;
      if (/(?:^|\s)[|>][-+1-9]{0,2}\s*(?:#.*)?$/.test(above)) return i;
      indent = indentOf(above);
    }
    return undefined;
  }
  if (style === 'hcl') {
    let open: { line: number; marker: string } | undefined;
    for (let i = 1; i < line; i++) {
      const t = texts[i - 1]!;
      if (open) {
        if (t.trim() === open.marker) open = undefined;
      } else {
        const m = /<<-?([A-Za-z_][\w-]*)\s*$/.exec(t);
        if (m) open = { line: i, marker: m[1]! };
      }
    }
    return open && texts[line - 1]!.trim() !== open.marker ? open.line : undefined;
  }
  return undefined;
}

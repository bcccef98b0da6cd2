/**
 * IAM's wildcards (`*` any run of characters, `?` exactly one) matched without regular
 * expressions and without backtracking, so that a hostile pattern (`sts:A*A*A*A*X`, a dozen
 * stars) costs no more than a plain one.
 *
 * The pattern is cut at its stars into segments. The first segment must match at the start,
 * the last at the end, and each one between at its leftmost place after the one before: taking
 * the leftmost place never loses a match, so nothing is ever retried. A segment without `?` is
 * found with Knuth–Morris–Pratt, in time linear in the text; a segment with `?` is compared at
 * each place in turn, in time proportional to the text times that segment's length (IAM's own
 * values and the actions of a policy keep those short).
 */

/** A pattern's token: one character (a code point), or a wildcard. */
export type GlobToken = string | typeof STAR | typeof ONE;
export const STAR: unique symbol = Symbol('*');
export const ONE: unique symbol = Symbol('?');

/** The tokens of a text whose `*` and `?` are wildcards, per code point. */
export function globTokens(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (const ch of pattern) tokens.push(ch === '*' ? STAR : ch === '?' ? ONE : ch);
  return tokens;
}

/** Whether the whole of `text` (code points) matches `pattern`. */
export function globMatchTokens(pattern: readonly GlobToken[], text: readonly string[]): boolean {
  const segments: GlobToken[][] = [[]];
  for (const token of pattern) {
    if (token === STAR) segments.push([]);
    else segments[segments.length - 1]!.push(token);
  }
  const first = segments[0]!;
  if (segments.length === 1) return first.length === text.length && matchesAt(first, text, 0);
  const last = segments[segments.length - 1]!;
  const end = text.length - last.length;
  if (end < first.length || !matchesAt(first, text, 0) || !matchesAt(last, text, end)) return false;
  let position = first.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    if (segment.length === 0) continue;
    const found = find(segment, text, position, end);
    if (found < 0) return false;
    position = found + segment.length;
  }
  return true;
}

/** Whether `text` matches `pattern` (`*` and `?` wildcards); `ignoreCase` folds both to lower case. */
export function globMatch(pattern: string, text: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? text.toLowerCase() : text;
  // The common case, no wildcard at all, needs no tokens.
  if (!/[*?]/.test(p)) return p === t;
  return globMatchTokens(globTokens(p), [...t]);
}

/** Whether `segment` (no stars) matches `text` at `at`. */
function matchesAt(segment: readonly GlobToken[], text: readonly string[], at: number): boolean {
  for (let i = 0; i < segment.length; i++) {
    const token = segment[i]!;
    if (token !== ONE && token !== text[at + i]) return false;
  }
  return true;
}

/** The leftmost place where `segment` lies whole inside text[from, to) and matches, or -1. */
function find(segment: readonly GlobToken[], text: readonly string[], from: number, to: number): number {
  if (segment.includes(ONE)) {
    for (let at = from; at + segment.length <= to; at++) {
      if (matchesAt(segment, text, at)) return at;
    }
    return -1;
  }
  // Knuth–Morris–Pratt: the failure table, then one pass over the text.
  const failure = new Int32Array(segment.length);
  for (let i = 1, k = 0; i < segment.length; i++) {
    while (k > 0 && segment[i] !== segment[k]) k = failure[k - 1]!;
    if (segment[i] === segment[k]) k++;
    failure[i] = k;
  }
  for (let i = from, k = 0; i < to; i++) {
    while (k > 0 && text[i] !== segment[k]) k = failure[k - 1]!;
    if (text[i] === segment[k]) k++;
    if (k === segment.length) return i - k + 1;
  }
  return -1;
}

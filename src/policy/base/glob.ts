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

/** A pattern cut at its stars, ready to match many texts. */
interface Compiled {
  segments: GlobToken[][];
  /** Knuth–Morris–Pratt failure tables of the middle segments without `?` (undefined for the others). */
  failures: Array<Int32Array | undefined>;
  /** The fewest characters a match needs: every token but the stars. */
  minLength: number;
}

function compile(pattern: readonly GlobToken[]): Compiled {
  const segments: GlobToken[][] = [[]];
  for (const token of pattern) {
    if (token === STAR) segments.push([]);
    else segments[segments.length - 1]!.push(token);
  }
  const failures = segments.map((segment, i) => (i > 0 && i < segments.length - 1 && !segment.includes(ONE) ? failureTable(segment) : undefined));
  return { segments, failures, minLength: segments.reduce((n, s) => n + s.length, 0) };
}

function matchCompiled({ segments, failures, minLength }: Compiled, text: readonly string[]): boolean {
  if (text.length < minLength) return false;
  const first = segments[0]!;
  if (segments.length === 1) return first.length === text.length && matchesAt(first, text, 0);
  const last = segments[segments.length - 1]!;
  const end = text.length - last.length;
  if (end < first.length || !matchesAt(first, text, 0) || !matchesAt(last, text, end)) return false;
  let position = first.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    if (segment.length === 0) continue;
    const found = find(segment, failures[i], text, position, end);
    if (found < 0) return false;
    position = found + segment.length;
  }
  return true;
}

/** Whether the whole of `text` (code points) matches `pattern`. */
export function globMatchTokens(pattern: readonly GlobToken[], text: readonly string[]): boolean {
  return matchCompiled(compile(pattern), text);
}

/**
 * A matcher for one pattern (`*` and `?` wildcards), compiled once for many texts: the work on
 * the pattern is done here, and a text shorter than the pattern's literal part fails at once.
 * `ignoreCase` folds both sides to lower case.
 */
export function compileGlob(pattern: string, ignoreCase = false): (text: string) => boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  if (!/[*?]/.test(p)) return (text) => (ignoreCase ? text.toLowerCase() : text) === p;
  const compiled = compile(globTokens(p));
  return (text) => {
    if (text.length < compiled.minLength) return false; // code points never outnumber code units
    return matchCompiled(compiled, [...(ignoreCase ? text.toLowerCase() : text)]);
  };
}

/** Whether `text` matches `pattern` (`*` and `?` wildcards); `ignoreCase` folds both to lower case. */
export function globMatch(pattern: string, text: string, ignoreCase = false): boolean {
  return compileGlob(pattern, ignoreCase)(text);
}

/** Whether `segment` (no stars) matches `text` at `at`. */
function matchesAt(segment: readonly GlobToken[], text: readonly string[], at: number): boolean {
  for (let i = 0; i < segment.length; i++) {
    const token = segment[i]!;
    if (token !== ONE && token !== text[at + i]) return false;
  }
  return true;
}

/** The Knuth–Morris–Pratt failure table of a segment without `?`. */
function failureTable(segment: readonly GlobToken[]): Int32Array {
  const failure = new Int32Array(segment.length);
  for (let i = 1, k = 0; i < segment.length; i++) {
    while (k > 0 && segment[i] !== segment[k]) k = failure[k - 1]!;
    if (segment[i] === segment[k]) k++;
    failure[i] = k;
  }
  return failure;
}

/** The leftmost place where `segment` lies whole inside text[from, to) and matches, or -1. */
function find(segment: readonly GlobToken[], failure: Int32Array | undefined, text: readonly string[], from: number, to: number): number {
  if (!failure) {
    // A segment with `?`: compared at each place in turn.
    for (let at = from; at + segment.length <= to; at++) {
      if (matchesAt(segment, text, at)) return at;
    }
    return -1;
  }
  // Knuth–Morris–Pratt: one pass over the text.
  for (let i = from, k = 0; i < to; i++) {
    while (k > 0 && text[i] !== segment[k]) k = failure[k - 1]!;
    if (text[i] === segment[k]) k++;
    if (k === segment.length) return i - k + 1;
  }
  return -1;
}

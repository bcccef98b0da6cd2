/**
 * Characters a terminal or a log viewer may act on instead of showing: C0 controls (escape
 * sequences, carriage returns and newlines that forge lines), DEL, C1 controls (U+009B is a
 * CSI by itself) and the Unicode direction marks and overrides that reorder what is shown.
 * For `String.prototype.replace` (global); the CLI escapes them, session messages replace them.
 */
export const UNSAFE_FOR_DISPLAY = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Names for a message: "a", "a and b", "a, b and c", "a, b, c and 4 more" (at most `shown` named). */
export function namedList(names: readonly string[], shown = 3): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > shown) return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

// Properties every finding must have, whatever the input: a known code and severity, a message,
// and an offset, length and line/column range that agree with each other and lie in the text.
import type { Finding } from '../../src/policy/base/finding';
import { RULES } from '../../src/policy/lint/rules';
import { SEVERITIES } from '../../src/policy/base/finding';
import { EMBEDDED_METAS } from '../../src/policy/lint/notices';

/** Every rule's code, and the notice of a template part the reader could not read. */
const CODES = new Set([...RULES, ...EMBEDDED_METAS.map((meta) => ({ meta }))].map((r) => r.meta.code));

/** 1-based line/column of offsets, computed independently of the engine's LineIndex (\n, \r\n and lone \r end lines). */
function positions(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/** Throws (with the reason) when a finding of `text` breaks a property. */
export function checkFindings(text: string, findings: readonly Finding[]): void {
  const positionOf = positions(text);
  const check = (f: Pick<Finding, 'offset' | 'length' | 'range'>, what: string) => {
    if (!(Number.isInteger(f.offset) && Number.isInteger(f.length) && f.offset >= 0 && f.length >= 0 && f.offset + f.length <= text.length)) {
      throw new Error(`${what} at ${f.offset}+${f.length} lies outside a text of ${text.length}`);
    }
    const start = positionOf(f.offset);
    const end = positionOf(f.offset + f.length);
    if (start.line !== f.range.start.line || start.column !== f.range.start.column || end.line !== f.range.end.line || end.column !== f.range.end.column) {
      throw new Error(`${what}: range ${JSON.stringify(f.range)} disagrees with offset ${f.offset}+${f.length}`);
    }
  };
  for (const f of findings) {
    if (f.code === 'internal-error') throw new Error(`a rule threw: ${f.message}`);
    if (!CODES.has(f.code)) throw new Error(`unknown code ${f.code}`);
    if (!SEVERITIES.includes(f.severity)) throw new Error(`bad severity ${f.severity}`);
    if (typeof f.message !== 'string' || f.message.length === 0) throw new Error(`finding ${f.code} has no message`);
    check(f, `finding ${f.code}`);
    for (const r of f.related ?? []) check(r, `related of ${f.code}`);
  }
}

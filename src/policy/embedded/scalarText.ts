import type { SourceRange } from './value';

/**
 * The text of a string written in a template (a YAML scalar of any style, a JSON string
 * literal), with where each of its characters is written in the file: `at(start, end)` is the
 * source span of the text's [start, end). An escape (`\"`, `\u0041`, YAML's `''`) is the span
 * of its whole escape sequence. When the mapping cannot be made exact (a quoted or plain scalar
 * folded over several lines, an explicit indentation indicator, a decoding that does not give
 * the parser's value back), every part of the text maps to the whole string.
 */
export interface ScalarText {
  text: string;
  at: (start: number, end: number) => SourceRange;
  /** Whether each character maps to its own place (false: everything maps to the whole string). */
  exact: boolean;
}

/** How the string is written: a YAML scalar's style (the yaml package's names) or a JSON string literal. */
export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED' | 'JSON';

/**
 * The text of the string `value`, written at `range` of `source` in `style`. `value` is what
 * the parser made of it; the decoding here is checked against it.
 */
export function scalarText(source: string, range: SourceRange, style: ScalarStyle | undefined, value: string): ScalarText {
  const decoded = style ? decode(source, range, style) : undefined;
  if (decoded && matches(decoded.text, value, style!)) {
    const { text, starts, ends } = decoded;
    return {
      text,
      exact: true,
      at: (start, end) => {
        const s = Math.max(0, Math.min(start, text.length));
        const e = Math.max(s, Math.min(end, text.length));
        if (text.length === 0) return { start: range.start, end: range.start };
        const from = s < text.length ? starts[s]! : ends[text.length - 1]!;
        return { start: from, end: e > s ? ends[e - 1]! : from };
      },
    };
  }
  return { text: value, exact: false, at: () => ({ start: range.start, end: range.end }) };
}

/** A block scalar's decoding may differ from the parser's value in its final line breaks (chomping); a folded one in how its lines are joined. */
function matches(decoded: string, value: string, style: ScalarStyle): boolean {
  if (style === 'BLOCK_LITERAL') return decoded.replace(/\n+$/, '') === value.replace(/\n+$/, '');
  if (style === 'BLOCK_FOLDED') return decoded.replace(/\s+/g, ' ').trim() === value.replace(/\s+/g, ' ').trim();
  return decoded === value;
}

interface Decoded {
  text: string;
  starts: number[];
  ends: number[];
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const YAML_ESCAPES: Record<string, string> = { ...JSON_ESCAPES, '0': '\0', a: '\x07', v: '\v', e: '\x1b', ' ': ' ', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029', '\t': '\t' };

function decode(source: string, range: SourceRange, style: ScalarStyle): Decoded | undefined {
  const raw = source.slice(range.start, range.end);
  const out: Decoded = { text: '', starts: [], ends: [] };
  const push = (chars: string, start: number, end: number) => {
    for (let k = 0; k < chars.length; k++) {
      out.starts.push(start);
      out.ends.push(end);
    }
    out.text += chars;
  };
  switch (style) {
    case 'PLAIN': {
      if (raw.includes('\n')) return undefined;
      for (let i = 0; i < raw.length; i++) push(raw[i]!, range.start + i, range.start + i + 1);
      return out;
    }
    case 'QUOTE_SINGLE': {
      if (raw.includes('\n') || !raw.startsWith("'") || !raw.endsWith("'")) return undefined;
      for (let i = 1; i < raw.length - 1; i++) {
        const at = range.start + i;
        if (raw[i] === "'" && raw[i + 1] === "'") {
          push("'", at, at + 2);
          i++;
        } else push(raw[i]!, at, at + 1);
      }
      return out;
    }
    case 'QUOTE_DOUBLE':
    case 'JSON': {
      if (raw.includes('\n') || !raw.startsWith('"') || !raw.endsWith('"') || raw.length < 2) return undefined;
      const escapes = style === 'JSON' ? JSON_ESCAPES : YAML_ESCAPES;
      for (let i = 1; i < raw.length - 1; i++) {
        const at = range.start + i;
        if (raw[i] !== '\\') {
          push(raw[i]!, at, at + 1);
          continue;
        }
        const next = raw[i + 1]!;
        const hex = next === 'u' ? 4 : style !== 'JSON' && next === 'x' ? 2 : style !== 'JSON' && next === 'U' ? 8 : 0;
        if (hex) {
          const digits = raw.slice(i + 2, i + 2 + hex);
          if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex) return undefined;
          const code = parseInt(digits, 16);
          if (code > 0x10ffff) return undefined;
          push(hex === 4 ? String.fromCharCode(code) : String.fromCodePoint(code), at, at + 2 + hex);
          i += 1 + hex;
        } else if (escapes[next] !== undefined) {
          push(escapes[next]!, at, at + 2);
          i++;
        } else return undefined;
      }
      return out;
    }
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      // `|` or `>`, a chomping indicator, no indentation indicator, then the end of the line.
      const header = /^[|>][+-]?[ \t]*(#[^\n]*)?\r?\n/.exec(raw);
      if (!header) return undefined;
      let line = range.start + header[0].length;
      const lines: Array<{ start: number; end: number }> = [];
      while (line < range.end) {
        const newline = source.indexOf('\n', line);
        const end = newline < 0 || newline > range.end ? range.end : newline;
        lines.push({ start: line, end: source[end - 1] === '\r' ? end - 1 : end });
        line = end + 1;
      }
      const indentOf = (l: { start: number; end: number }) => {
        let i = l.start;
        while (i < l.end && source[i] === ' ') i++;
        return i === l.end ? undefined : i - l.start;
      };
      const indent = lines.map(indentOf).find((n) => n !== undefined) ?? 0;
      lines.forEach((l, k) => {
        if (k > 0) push('\n', l.start - 1, l.start);
        const from = Math.min(l.start + indent, l.end);
        for (let i = from; i < l.end; i++) push(source[i]!, i, i + 1);
      });
      return out;
    }
    default:
      return undefined;
  }
}

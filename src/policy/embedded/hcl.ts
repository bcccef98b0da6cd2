import { MAX_NESTING_DEPTH } from '../base/limits';
import type { SourceRange } from './value';

/**
 * Just enough of HCL (Terraform's configuration language) to find trust policies, with source
 * offsets — no HCL parser on the npm registry keeps positions. Read: blocks, attributes, and
 * the expressions policies are written with — strings with `${…}` interpolations, numbers,
 * booleans, null, tuples, objects (keys bare, quoted or in parentheses; `=` or `:`; commas or
 * newlines), heredocs (`<<EOF`, `<<-EOF`), function calls and references (`var.x`,
 * `data.aws_iam_policy_document.x.json`). Anything else — conditionals, `for` expressions,
 * splats, arithmetic, template directives (`%{…}`) — is kept as an `unknown` expression over
 * its source span, never an error.
 *
 * Any text, however broken or half-typed, is read in time linear in its length and never
 * throws:
 * - every loop moves forward at each turn (a turn that would not is made to consume a character);
 * - a closing bracket that is not the one a tuple, object, call or parenthesis waits for ends
 *   it where it stands, unconsumed, for an enclosing construct to take (`x = [}` ends the tuple
 *   and the `}` closes the block around it); a block body drops the closers it does not own;
 * - what is skipped (unknown expressions, `for` expressions, what lies too deep) is skipped by one
 *   loop with an explicit stack of brackets, never by recursion; strings inside interpolations
 *   inside strings likewise;
 * - recursion stops at MAX_HCL_DEPTH: deeper constructs are read as `unknown`;
 * - a heredoc's end marker is looked for line by line, once, and a string's interpolations are
 *   looked for across lines only until one fails to close (then, for the rest of the file, a
 *   string ends at its line's end, as a half-typed `"${var.` should), so no text is scanned
 *   twice but for a constant number of times.
 */
export type HclExpr =
  | { type: 'string'; range: SourceRange; parts: Array<string | { interpolation: string; range: SourceRange }> }
  | { type: 'heredoc'; range: SourceRange; body: SourceRange; indented: boolean }
  | { type: 'number'; range: SourceRange; value: number }
  | { type: 'bool'; range: SourceRange; value: boolean }
  | { type: 'null'; range: SourceRange }
  | { type: 'tuple'; range: SourceRange; items: HclExpr[] }
  | { type: 'object'; range: SourceRange; entries: Entry[] }
  | { type: 'call'; range: SourceRange; name: string; args: HclExpr[] }
  | { type: 'reference'; range: SourceRange; text: string }
  | { type: 'unknown'; range: SourceRange; text: string };

export interface HclAttribute {
  name: string;
  nameRange: SourceRange;
  value: HclExpr;
}

export interface HclBlock {
  type: string;
  typeRange: SourceRange;
  labels: string[];
  range: SourceRange;
  attributes: HclAttribute[];
  blocks: HclBlock[];
}

/**
 * How deep blocks and expressions are read, together. A policy in `jsonencode` sits 3 levels
 * down (block › call › object) and one in a policy document's `condition` 4 (data › statement ›
 * condition › values), a few more under `dynamic`/`content`; the policy's own nesting is the
 * engine's to judge, up to its limit MAX_NESTING_DEPTH, where it reports what lies deeper. Twice
 * that keeps every policy the engine would read readable here, and the recursion a few hundred
 * frames at most. Deeper constructs are skipped whole, as unknown expressions.
 */
export const MAX_HCL_DEPTH = 2 * MAX_NESTING_DEPTH;

export function parseHcl(text: string): HclBlock {
  return new Parser(text).file();
}

/** Every block, depth first (on a stack of its own: nested generators would cost each block its depth). */
export function allBlocks(block: HclBlock): HclBlock[] {
  const out: HclBlock[] = [];
  const stack = [...block.blocks].reverse();
  for (let next = stack.pop(); next; next = stack.pop()) {
    out.push(next);
    for (let i = next.blocks.length - 1; i >= 0; i--) stack.push(next.blocks[i]!);
  }
  return out;
}

const isIdentStart = (c: string | undefined) => c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_');
const isIdent = (c: string | undefined) => isIdentStart(c) || (c !== undefined && ((c >= '0' && c <= '9') || c === '-'));
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const isCloser = (c: string | undefined) => c === ')' || c === ']' || c === '}';
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

/** A heredoc's opening line: `<<EOF` or `<<-EOF`, then the end of the line. */
const HEREDOC_HEADER = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/;
/** How far a heredoc's opening line is looked at: markers longer than this are not read. */
const HEREDOC_HEADER_CHARS = 200;

/** An object's entry; a key that is not a name or a plain string (`"${x}:sub"`, `(var.k)`) is undefined, with its expression. */
type Entry = { key: string | undefined; keyRange: SourceRange; value: HclExpr; keyExpr?: HclExpr };

class Parser {
  private pos = 0;
  /** Blocks and expressions open around the position (see MAX_HCL_DEPTH). */
  private depth = 0;
  /** Set once an interpolation ran to the end of the text unclosed: from then on they end at their line's end. */
  private singleLineTemplates = false;
  /** The last position atBlockHeader() looked at, and its answer: the constructs a header ends all ask in turn. */
  private headerCheck = { at: -1, header: false };

  constructor(private readonly text: string) {}

  file(): HclBlock {
    const body = this.body(undefined);
    return { type: '', typeRange: { start: 0, end: 0 }, labels: [], range: { start: 0, end: this.text.length }, ...body };
  }

  /** Attributes and blocks until `}` (or the end of the text). */
  private body(close: '}' | undefined): Pick<HclBlock, 'attributes' | 'blocks'> {
    const t = this.text;
    const attributes: HclAttribute[] = [];
    const blocks: HclBlock[] = [];
    for (;;) {
      this.skipSpace(true);
      const before = this.pos;
      if (before >= t.length) return { attributes, blocks };
      const c = t[before]!;
      if (c === '}' && close) {
        this.pos++;
        return { attributes, blocks };
      }
      if (isCloser(c)) {
        // A closer no construct in this body opened: dropped.
        this.pos++;
        continue;
      }
      if (!isIdentStart(c)) {
        this.skipLine();
        continue;
      }
      const nameStart = this.pos;
      const name = this.ident();
      const nameRange = { start: nameStart, end: this.pos };
      this.skipSpace(false);
      if (t[this.pos] === '=' && t[this.pos + 1] !== '=') {
        this.pos++;
        attributes.push({ name, nameRange, value: this.expression() });
        continue;
      }
      const labels: string[] = [];
      while (this.pos < t.length && t[this.pos] !== '{' && t[this.pos] !== '\n') {
        if (t[this.pos] === '"') {
          labels.push(this.stringLiteral().parts.map((p) => (typeof p === 'string' ? p : '')).join(''));
        } else if (isIdentStart(t[this.pos])) {
          labels.push(this.ident());
        } else {
          break;
        }
        this.skipSpace(false);
      }
      if (t[this.pos] !== '{') {
        this.skipLine();
        continue;
      }
      if (this.depth >= MAX_HCL_DEPTH) {
        // Too deep to read: skipped whole.
        this.skipNested([]);
        continue;
      }
      this.pos++;
      this.depth++;
      const inner = this.body('}');
      this.depth--;
      blocks.push({ type: name, typeRange: nameRange, labels, range: { start: nameStart, end: this.pos }, ...inner });
    }
  }

  private ident(): string {
    const start = this.pos;
    while (this.pos < this.text.length && isIdent(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** Skips blanks and comments; newlines too when `newlines`. */
  private skipSpace(newlines: boolean): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos]!;
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.pos++;
      else if (c === '#' || (c === '/' && t[this.pos + 1] === '/')) this.skipLine(false);
      else if (c === '/' && t[this.pos + 1] === '*') {
        const end = t.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? t.length : end + 2;
      } else break;
    }
  }

  private skipLine(consumeNewline = true): void {
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end < 0 ? this.text.length : end + (consumeNewline ? 1 : 0);
  }

  /** One expression; operators and anything unusual make the whole span unknown. */
  private expression(): HclExpr {
    this.skipSpace(false);
    const start = this.pos;
    const first = this.primary();
    this.skipSpace(false);
    // Anything that continues the expression (operators, `? :`) makes it one we do not evaluate.
    if (this.pos < this.text.length && !this.atExpressionEnd()) {
      this.skipNested(undefined);
      return this.unknown(start);
    }
    return first;
  }

  /** At something that ends an expression: a comma, a newline, a closer, a comment or a block's first line. */
  private atExpressionEnd(): boolean {
    const c = this.text[this.pos];
    return c === ',' || c === '\n' || isCloser(c) || c === '#' || (c === '/' && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*')) || this.atBlockHeader();
  }

  /**
   * Whether a block opens at `at` (`resource "a" "b" {`, `locals {`): an identifier that is the
   * first token of its line, then labels (quoted strings or identifiers), then `{`. No expression
   * holds that, so one left open (half-typed) ends before it, and the block is read as a block.
   * Looks at most to the end of the line, once per position.
   */
  private atBlockHeader(at = this.pos): boolean {
    if (this.headerCheck.at === at) return this.headerCheck.header;
    this.headerCheck = { at, header: false };
    const t = this.text;
    if (!isIdentStart(t[at])) return false;
    let i = at - 1;
    while (t[i] === ' ' || t[i] === '\t' || t[i] === '\r') i--;
    if (i >= 0 && t[i] !== '\n') return false;
    for (i = at; isIdent(t[i]); ) i++;
    for (;;) {
      while (t[i] === ' ' || t[i] === '\t') i++;
      if (t[i] === '{') {
        this.headerCheck.header = true;
        return true;
      }
      if (t[i] === '"') {
        for (i++; i < t.length && t[i] !== '"' && t[i] !== '\n'; ) i += t[i] === '\\' ? 2 : 1;
        if (t[i] !== '"') return false;
        i++;
      } else if (isIdentStart(t[i])) {
        while (isIdent(t[i])) i++;
      } else {
        return false;
      }
    }
  }

  /** Whether the line after the newline at `newline` opens a block (see atBlockHeader). */
  private blockHeaderAfter(newline: number): boolean {
    let i = newline + 1;
    while (this.text[i] === ' ' || this.text[i] === '\t' || this.text[i] === '\r') i++;
    return this.atBlockHeader(i);
  }

  private unknown(start: number): HclExpr & { type: 'unknown' } {
    return { type: 'unknown', range: { start, end: this.pos }, text: this.text.slice(start, this.pos).trim() };
  }

  /**
   * Skips forward without recursion, over brackets, strings, heredocs and comments.
   * - `open` undefined: the rest of an expression, up to a comma, a newline (unless
   *   `!newlineEnds`: inside brackets) or a closer outside any bracket opened here (not consumed);
   * - `open` an array of closers: inside brackets already opened (the innermost last), up to and
   *   with the closer of the outermost; when at an opener, `[]` skips that bracketed span whole.
   * A closer that closes a bracket further out closes the ones inside it too; one that closes no
   * bracket opened here ends the skip where it stands, unconsumed; so does a line that opens a
   * block, where the skip crosses lines.
   */
  private skipNested(open: string[] | undefined, newlineEnds = true): void {
    const t = this.text;
    const stack = open ?? [];
    const waiting: Record<string, number> = { ')': 0, ']': 0, '}': 0 };
    for (const closer of stack) waiting[closer]!++;
    const inside = open !== undefined;
    if (inside && stack.length === 0) {
      const closer = CLOSER[t[this.pos]!];
      if (!closer) return;
      stack.push(closer);
      waiting[closer]!++;
      this.pos++;
    }
    while (this.pos < t.length) {
      const c = t[this.pos]!;
      const next = t[this.pos + 1];
      if (c === '"') {
        this.stringLiteral();
        continue;
      }
      if (c === '#' || (c === '/' && (next === '/' || next === '*'))) {
        // A line comment after an expression is not part of it.
        if (stack.length === 0 && newlineEnds && next !== '*') return;
        this.skipSpace(false);
        continue;
      }
      if (c === '<' && next === '<' && this.heredoc()) continue;
      const closer = CLOSER[c];
      if (closer) {
        stack.push(closer);
        waiting[closer]!++;
      } else if (isCloser(c)) {
        if (!waiting[c]) return;
        for (let popped = stack.pop(); ; popped = stack.pop()) {
          waiting[popped!]!--;
          if (popped === c) break;
        }
        if (inside && stack.length === 0) {
          this.pos++;
          return;
        }
      } else if (stack.length === 0 && (c === ',' || (c === '\n' && newlineEnds))) {
        return;
      } else if (c === '\n' && this.blockHeaderAfter(this.pos)) {
        this.pos = this.headerCheck.at;
        return;
      }
      this.pos++;
    }
  }

  private primary(): HclExpr {
    const t = this.text;
    const start = this.pos;
    const c = t[this.pos];
    if (c === '"') return this.stringLiteral();
    if (c === '<' && t[this.pos + 1] === '<') {
      const heredoc = this.heredoc();
      if (heredoc) return heredoc;
      this.skipNested(undefined);
      return this.unknown(start);
    }
    if (c === '[' || c === '{' || c === '(') {
      if (this.depth >= MAX_HCL_DEPTH) {
        this.skipNested([]);
        return this.unknown(start);
      }
      this.depth++;
      const value = c === '[' ? this.tuple() : c === '{' ? this.object() : this.parenthesized();
      this.depth--;
      return value;
    }
    if (c !== undefined && (isDigit(c) || c === '-')) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(t.slice(this.pos, this.pos + 40));
      if (match) {
        this.pos += match[0].length;
        return { type: 'number', range: { start, end: this.pos }, value: Number(match[0]) };
      }
    }
    if (isIdentStart(c)) {
      const name = this.ident();
      if (name === 'true' || name === 'false') return { type: 'bool', range: { start, end: this.pos }, value: name === 'true' };
      if (name === 'null') return { type: 'null', range: { start, end: this.pos } };
      if (name === 'for' || name === 'if') {
        this.skipNested(undefined);
        return { type: 'unknown', range: { start, end: this.pos }, text: t.slice(start, this.pos) };
      }
      let open = this.pos;
      while (t[open] === ' ' || t[open] === '\t') open++;
      if (t[open] === '(') {
        this.pos = open;
        if (this.depth >= MAX_HCL_DEPTH) {
          this.skipNested([]);
          return this.unknown(start);
        }
        this.depth++;
        const call = this.call(name, start);
        this.depth--;
        return call;
      }
      // A traversal: a.b.c, a[0], a.*.b
      while (this.pos < t.length) {
        const next = t[this.pos + 1];
        if (t[this.pos] === '.' && (isIdentStart(next) || next === '*' || isDigit(next))) {
          this.pos++;
          if (t[this.pos] === '*') this.pos++;
          else this.ident();
        } else if (t[this.pos] === '[') {
          this.skipNested([]);
        } else break;
      }
      return { type: 'reference', range: { start, end: this.pos }, text: t.slice(start, this.pos) };
    }
    this.skipNested(undefined);
    return this.unknown(start);
  }

  /** `( expression )`: the expression, or unknown over the whole span when more than one expression is inside. */
  private parenthesized(): HclExpr {
    const start = this.pos++;
    const inner = this.expression();
    this.skipSpace(true);
    if (this.text[this.pos] === ')') {
      this.pos++;
      return inner.type === 'unknown' ? this.unknown(start) : inner;
    }
    // Something more inside (an operator after a newline …): skipped to the `)`.
    if (!this.atBlockHeader()) this.skipNested([')']);
    return this.unknown(start);
  }

  private call(name: string, start: number): HclExpr {
    this.pos++; // (
    const args = this.listUntil(')');
    return { type: 'call', range: { start, end: this.pos }, name, args };
  }

  /**
   * Comma-separated expressions up to `close` (consumed); an expression that runs on is skipped
   * to the next comma. Another closer ends the list where it stands.
   */
  private listUntil(close: ')' | ']'): HclExpr[] {
    const t = this.text;
    const items: HclExpr[] = [];
    for (;;) {
      this.skipSpace(true);
      const before = this.pos;
      if (before >= t.length) break;
      const c = t[before];
      if (c === close) {
        this.pos++;
        break;
      }
      if (isCloser(c) || this.atBlockHeader()) break;
      if (c === ',') {
        // An empty item (`[a, , b]`, half-typed): nothing.
        this.pos++;
        continue;
      }
      items.push(this.expression());
      this.skipSpace(true);
      // An item that runs on (`f(list...)`, an operator after a newline …): skipped to the next comma.
      if (t[this.pos] !== ',' && !isCloser(t[this.pos]) && !this.atBlockHeader()) this.skipNested(undefined, false);
      if (t[this.pos] === ',') this.pos++;
      if (this.pos === before) this.pos++;
    }
    return items;
  }

  /** A `[for …]` or `{for …}` expression starting at `start`, skipped whole; undefined when the bracket opens something else. */
  private forExpression(start: number): HclExpr | undefined {
    this.skipSpace(true);
    if (!this.text.startsWith('for', this.pos) || isIdent(this.text[this.pos + 3])) return undefined;
    this.pos = start;
    this.skipNested([]);
    return this.unknown(start);
  }

  private tuple(): HclExpr {
    const start = this.pos++;
    const forExpression = this.forExpression(start);
    if (forExpression) return forExpression;
    const items = this.listUntil(']');
    return { type: 'tuple', range: { start, end: this.pos }, items };
  }

  private object(): HclExpr {
    const t = this.text;
    const start = this.pos++;
    const forExpression = this.forExpression(start);
    if (forExpression) return forExpression;
    const entries: Entry[] = [];
    for (;;) {
      this.skipSpace(true);
      const before = this.pos;
      if (before >= t.length) break;
      const c = t[before];
      if (c === '}') {
        this.pos++;
        break;
      }
      if (isCloser(c) || this.atBlockHeader()) break;
      const keyExpr = this.primary();
      const keyRange = { start: before, end: this.pos };
      const key =
        keyExpr.type === 'string' && keyExpr.parts.every((p) => typeof p === 'string')
          ? keyExpr.parts.join('')
          : keyExpr.type === 'reference' && !keyExpr.text.includes('.')
            ? keyExpr.text
            : undefined;
      this.skipSpace(false);
      if (t[this.pos] === '=' || t[this.pos] === ':') {
        this.pos++;
        entries.push({ key, keyRange, value: this.expression(), ...(key === undefined ? { keyExpr } : {}) });
      } else {
        this.skipNested(undefined);
      }
      this.skipSpace(true);
      if (t[this.pos] === ',') this.pos++;
      if (this.pos === before) this.pos++;
    }
    return { type: 'object', range: { start, end: this.pos }, entries };
  }

  /** A quoted string, up to its closing quote or the end of its line. */
  private stringLiteral(): HclExpr & { type: 'string' } {
    const t = this.text;
    const start = this.pos++;
    const parts: Array<string | { interpolation: string; range: SourceRange }> = [];
    let literal = '';
    // The plain characters from here to the position are not yet in `literal`.
    let plain = this.pos;
    while (this.pos < t.length) {
      const c = t[this.pos]!;
      if (c === '"' || c === '\n') break;
      if (c === '\\') {
        literal += t.slice(plain, this.pos);
        const next = t[this.pos + 1];
        const hex = next === 'u' ? 4 : next === 'U' ? 8 : 0;
        const digits = hex ? t.slice(this.pos + 2, this.pos + 2 + hex) : '';
        const code = hex && /^[0-9a-fA-F]+$/.test(digits) && digits.length === hex ? parseInt(digits, 16) : -1;
        if (code >= 0 && code <= 0x10ffff) {
          literal += String.fromCodePoint(code);
          this.pos += 2 + hex;
        } else if (next === undefined || next === '\n') {
          // A backslash at the end of the line escapes nothing: the string ends there.
          this.pos++;
        } else {
          literal += ESCAPES[next] ?? next;
          this.pos += 2;
        }
        plain = this.pos;
        continue;
      }
      if ((c === '$' || c === '%') && t[this.pos + 1] === c && t[this.pos + 2] === '{') {
        // `$${` and `%%{` are escapes for a literal `${` / `%{`.
        literal += `${t.slice(plain, this.pos)}${c}{`;
        this.pos += 3;
        plain = this.pos;
        continue;
      }
      if ((c === '$' || c === '%') && t[this.pos + 1] === '{') {
        literal += t.slice(plain, this.pos);
        if (literal) parts.push(literal);
        literal = '';
        const from = this.pos;
        const { end, closed } = this.templateEnd(from + 2);
        this.pos = end;
        plain = end;
        const inner = c === '%' ? t.slice(from, end) : t.slice(from + 2, closed ? end - 1 : end).trim();
        parts.push({ interpolation: inner, range: { start: from, end } });
        continue;
      }
      this.pos++;
    }
    literal += t.slice(plain, this.pos);
    if (t[this.pos] === '"') this.pos++;
    if (literal || parts.length === 0) parts.push(literal);
    return { type: 'string', range: { start, end: this.pos }, parts };
  }

  /**
   * Where the interpolation whose content starts at `from` ends (past its `}`), and whether it
   * closed. Newlines are allowed inside until one interpolation in the file fails to close; from
   * then on each ends at its line's end, so that the rest of a half-typed file is still read and
   * no line is scanned more than once.
   */
  private templateEnd(from: number): { end: number; closed: boolean } {
    if (!this.singleLineTemplates) {
      const found = this.scanTemplate(from, false);
      if (found.closed) return found;
      this.singleLineTemplates = true;
    }
    return this.scanTemplate(from, true);
  }

  /**
   * The end of an interpolation, with the strings inside it and the interpolations inside
   * those, to any depth, on an explicit stack: -1 for a string, n ≥ 0 for an interpolation with
   * n braces open inside it.
   */
  private scanTemplate(from: number, singleLine: boolean): { end: number; closed: boolean } {
    const t = this.text;
    const stack = [0];
    let i = from;
    while (i < t.length) {
      const c = t[i]!;
      const top = stack[stack.length - 1]!;
      if (top < 0) {
        // Inside a string inside the interpolation.
        if (c === '\n') {
          stack.pop(); // it ends at the line's end; the newline is the interpolation's again
          continue;
        }
        if (c === '"') stack.pop();
        else if (c === '\\' && t[i + 1] !== '\n') i++;
        else if ((c === '$' || c === '%') && t[i + 1] === c && t[i + 2] === '{') i += 2;
        else if ((c === '$' || c === '%') && t[i + 1] === '{') {
          stack.push(0);
          i++;
        }
        i++;
        continue;
      }
      if (c === '\n' && (singleLine || this.blockHeaderAfter(i))) return { end: i, closed: false };
      if (c === '"') stack.push(-1);
      else if (c === '{') stack[stack.length - 1] = top + 1;
      else if (c === '}') {
        if (top > 0) stack[stack.length - 1] = top - 1;
        else {
          stack.pop();
          if (stack.length === 0) return { end: i + 1, closed: true };
        }
      }
      i++;
    }
    return { end: t.length, closed: false };
  }

  /** A heredoc at the position, its body up to the line that holds only its marker (or the end of the text); undefined, and nothing consumed, when `<<` does not open one. */
  private heredoc(): (HclExpr & { type: 'heredoc' }) | undefined {
    const t = this.text;
    const start = this.pos;
    const match = HEREDOC_HEADER.exec(t.slice(start, start + HEREDOC_HEADER_CHARS));
    if (!match) return undefined;
    const marker = match[2]!;
    const bodyStart = start + match[0].length;
    let bodyEnd = t.length;
    let end = t.length;
    for (let line = bodyStart; line < t.length; ) {
      const newline = t.indexOf('\n', line);
      const lineEnd = newline < 0 ? t.length : newline;
      let i = line;
      while (t[i] === ' ' || t[i] === '\t') i++;
      if (t.startsWith(marker, i)) {
        let j = i + marker.length;
        while (t[j] === ' ' || t[j] === '\t' || t[j] === '\r') j++;
        if (j === lineEnd) {
          bodyEnd = line;
          end = lineEnd;
          break;
        }
      }
      line = lineEnd + 1;
    }
    this.pos = end;
    return { type: 'heredoc', range: { start, end }, body: { start: bodyStart, end: bodyEnd }, indented: match[1] === '-' };
  }
}

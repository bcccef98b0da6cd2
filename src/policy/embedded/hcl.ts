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
 */
export type HclExpr =
  | { type: 'string'; range: SourceRange; parts: Array<string | { interpolation: string; range: SourceRange }> }
  | { type: 'heredoc'; range: SourceRange; body: SourceRange; indented: boolean }
  | { type: 'number'; range: SourceRange; value: number }
  | { type: 'bool'; range: SourceRange; value: boolean }
  | { type: 'null'; range: SourceRange }
  | { type: 'tuple'; range: SourceRange; items: HclExpr[] }
  | { type: 'object'; range: SourceRange; entries: Array<{ key: string | undefined; keyRange: SourceRange; value: HclExpr }> }
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

export function parseHcl(text: string): HclBlock {
  return new Parser(text).file();
}

/** Every block, depth first. */
export function* allBlocks(block: HclBlock): Generator<HclBlock> {
  for (const child of block.blocks) {
    yield child;
    yield* allBlocks(child);
  }
}

const isIdentStart = (c: string) => /[A-Za-z_]/.test(c);
const isIdent = (c: string) => /[A-Za-z0-9_-]/.test(c);

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  file(): HclBlock {
    const body = this.body(undefined);
    return { type: '', typeRange: { start: 0, end: 0 }, labels: [], range: { start: 0, end: this.text.length }, ...body };
  }

  /** Attributes and blocks until `}` (or the end of the text). */
  private body(close: '}' | undefined): Pick<HclBlock, 'attributes' | 'blocks'> {
    const attributes: HclAttribute[] = [];
    const blocks: HclBlock[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.pos >= this.text.length) return { attributes, blocks };
      const c = this.text[this.pos]!;
      if (c === '}' && close) {
        this.pos++;
        return { attributes, blocks };
      }
      if (!isIdentStart(c)) {
        this.skipLine();
        continue;
      }
      const nameStart = this.pos;
      const name = this.ident();
      const nameRange = { start: nameStart, end: this.pos };
      this.skipSpace(false);
      if (this.text[this.pos] === '=' && this.text[this.pos + 1] !== '=') {
        this.pos++;
        attributes.push({ name, nameRange, value: this.expression() });
        continue;
      }
      const labels: string[] = [];
      while (this.pos < this.text.length && this.text[this.pos] !== '{' && this.text[this.pos] !== '\n') {
        if (this.text[this.pos] === '"') {
          labels.push(this.stringLiteral().parts.map((p) => (typeof p === 'string' ? p : '')).join(''));
        } else if (isIdentStart(this.text[this.pos]!)) {
          labels.push(this.ident());
        } else {
          break;
        }
        this.skipSpace(false);
      }
      if (this.text[this.pos] !== '{') {
        this.skipLine();
        continue;
      }
      this.pos++;
      const inner = this.body('}');
      blocks.push({ type: name, typeRange: nameRange, labels, range: { start: nameStart, end: this.pos }, ...inner });
    }
  }

  private ident(): string {
    const start = this.pos;
    while (this.pos < this.text.length && isIdent(this.text[this.pos]!)) this.pos++;
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
    if (this.pos < this.text.length && !/[,\n}\])#/]/.test(this.text[this.pos]!) && !(this.text[this.pos] === '/' && this.text[this.pos + 1] === '/')) {
      this.skipExpressionRest();
      return { type: 'unknown', range: { start, end: this.pos }, text: this.text.slice(start, this.pos).trim() };
    }
    return first;
  }

  /** To the end of the expression: the next newline, `,` or closing bracket at depth 0. */
  private skipExpressionRest(): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"') {
        this.stringLiteral();
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) return;
        depth--;
      } else if ((c === '\n' || c === ',') && depth === 0) return;
      this.pos++;
    }
  }

  private primary(): HclExpr {
    const t = this.text;
    const start = this.pos;
    const c = t[this.pos];
    if (c === '"') return this.stringLiteral();
    if (c === '<' && t[this.pos + 1] === '<') return this.heredoc();
    if (c === '[') return this.tuple();
    if (c === '{') return this.object();
    if (c === '(') {
      this.pos++;
      const inner = this.expression();
      this.skipSpace(true);
      if (t[this.pos] === ')') this.pos++;
      return inner.type === 'unknown' ? { ...inner, range: { start, end: this.pos } } : inner;
    }
    if (c !== undefined && /[0-9-]/.test(c)) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(t.slice(this.pos, this.pos + 40));
      if (match) {
        this.pos += match[0].length;
        return { type: 'number', range: { start, end: this.pos }, value: Number(match[0]) };
      }
    }
    if (c !== undefined && isIdentStart(c)) {
      const name = this.ident();
      if (name === 'true' || name === 'false') return { type: 'bool', range: { start, end: this.pos }, value: name === 'true' };
      if (name === 'null') return { type: 'null', range: { start, end: this.pos } };
      if (name === 'for' || name === 'if') {
        this.skipExpressionRest();
        return { type: 'unknown', range: { start, end: this.pos }, text: t.slice(start, this.pos) };
      }
      const nameEnd = this.pos;
      this.skipSpace(false);
      if (t[this.pos] === '(') return this.call(name, start);
      this.pos = nameEnd;
      // A traversal: a.b.c, a[0], a.*.b
      while (this.pos < t.length) {
        if (t[this.pos] === '.' && (isIdentStart(t[this.pos + 1] ?? '') || t[this.pos + 1] === '*' || /\d/.test(t[this.pos + 1] ?? ''))) {
          this.pos++;
          if (t[this.pos] === '*') this.pos++;
          else this.ident();
        } else if (t[this.pos] === '[') {
          this.skipBracketed('[', ']');
        } else break;
      }
      return { type: 'reference', range: { start, end: this.pos }, text: t.slice(start, this.pos) };
    }
    this.skipExpressionRest();
    return { type: 'unknown', range: { start, end: this.pos }, text: t.slice(start, this.pos) };
  }

  private skipBracketed(open: string, close: string): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"') {
        this.stringLiteral();
        continue;
      }
      this.pos++;
      if (c === open) depth++;
      else if (c === close && --depth === 0) return;
    }
  }

  private call(name: string, start: number): HclExpr {
    this.pos++; // (
    const args = this.listUntil(')');
    return { type: 'call', range: { start, end: this.pos }, name, args };
  }

  /** Comma-separated expressions up to `close` (consumed); an expression that runs on is skipped to the next comma. */
  private listUntil(close: ')' | ']'): HclExpr[] {
    const items: HclExpr[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.pos >= this.text.length) break;
      if (this.text[this.pos] === close) {
        this.pos++;
        break;
      }
      // `f(list...)` expands a list into arguments.
      if (close === ')' && this.text.startsWith('...', this.pos)) this.pos += 3;
      items.push(this.expression());
      this.skipSpace(true);
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== close) this.skipExpressionRest();
    }
    return items;
  }

  /** A `[for …]` or `{for …}` expression starting at `start`, skipped whole; undefined when the bracket opens something else. */
  private forExpression(start: number, open: '[' | '{', close: ']' | '}'): HclExpr | undefined {
    this.skipSpace(true);
    if (!this.text.startsWith('for ', this.pos)) return undefined;
    this.pos = start;
    this.skipBracketed(open, close);
    return { type: 'unknown', range: { start, end: this.pos }, text: this.text.slice(start, this.pos) };
  }

  private tuple(): HclExpr {
    const start = this.pos++;
    const forExpression = this.forExpression(start, '[', ']');
    if (forExpression) return forExpression;
    const items = this.listUntil(']');
    return { type: 'tuple', range: { start, end: this.pos }, items };
  }

  private object(): HclExpr {
    const start = this.pos++;
    const forExpression = this.forExpression(start, '{', '}');
    if (forExpression) return forExpression;
    const entries: Array<{ key: string | undefined; keyRange: SourceRange; value: HclExpr }> = [];
    for (;;) {
      this.skipSpace(true);
      if (this.pos >= this.text.length) break;
      if (this.text[this.pos] === '}') {
        this.pos++;
        break;
      }
      const keyStart = this.pos;
      const keyExpr = this.primary();
      const keyRange = { start: keyStart, end: this.pos };
      const key =
        keyExpr.type === 'string' && keyExpr.parts.every((p) => typeof p === 'string')
          ? keyExpr.parts.join('')
          : keyExpr.type === 'reference' && !keyExpr.text.includes('.')
            ? keyExpr.text
            : undefined;
      this.skipSpace(false);
      if (this.text[this.pos] === '=' || this.text[this.pos] === ':') {
        this.pos++;
        entries.push({ key, keyRange, value: this.expression() });
      } else {
        this.skipExpressionRest();
      }
      this.skipSpace(true);
      if (this.text[this.pos] === ',') this.pos++;
    }
    return { type: 'object', range: { start, end: this.pos }, entries };
  }

  private stringLiteral(): HclExpr & { type: 'string' } {
    const t = this.text;
    const start = this.pos++;
    const parts: Array<string | { interpolation: string; range: SourceRange }> = [];
    let literal = '';
    while (this.pos < t.length && t[this.pos] !== '"' && t[this.pos] !== '\n') {
      const c = t[this.pos]!;
      if (c === '\\') {
        const next = t[this.pos + 1] ?? '';
        const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
        if (next === 'u' && /^[0-9a-fA-F]{4}/.test(t.slice(this.pos + 2, this.pos + 6))) {
          literal += String.fromCharCode(parseInt(t.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
        } else {
          literal += escapes[next] ?? next;
          this.pos += 2;
        }
      } else if ((c === '$' || c === '%') && t[this.pos + 1] === '{') {
        if (t[this.pos + 2] === c) {
          // `$${` and `%%{` are escapes for a literal `${` / `%{`.
          literal += `${c}{`;
          this.pos += 3;
          continue;
        }
        if (literal) parts.push(literal);
        literal = '';
        const interpolationStart = this.pos;
        this.pos += 2;
        let depth = 1;
        while (this.pos < t.length && depth > 0) {
          if (t[this.pos] === '"') {
            this.stringLiteral();
            continue;
          }
          if (t[this.pos] === '{') depth++;
          else if (t[this.pos] === '}') depth--;
          this.pos++;
        }
        const range = { start: interpolationStart, end: this.pos };
        parts.push({ interpolation: c === '%' ? t.slice(interpolationStart, this.pos) : t.slice(interpolationStart + 2, this.pos - 1).trim(), range });
      } else {
        literal += c;
        this.pos++;
      }
    }
    if (t[this.pos] === '"') this.pos++;
    if (literal || parts.length === 0) parts.push(literal);
    return { type: 'string', range: { start, end: this.pos }, parts };
  }

  private heredoc(): HclExpr {
    const t = this.text;
    const start = this.pos;
    const match = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/.exec(t.slice(this.pos, this.pos + 200));
    if (!match) {
      this.skipExpressionRest();
      return { type: 'unknown', range: { start, end: this.pos }, text: t.slice(start, this.pos) };
    }
    const bodyStart = this.pos + match[0].length;
    const marker = new RegExp(`^[ \\t]*${match[2]}[ \\t]*$`, 'm');
    const rest = t.slice(bodyStart);
    const end = marker.exec(rest);
    const bodyEnd = end ? bodyStart + end.index : t.length;
    this.pos = end ? bodyEnd + end[0].length : t.length;
    return { type: 'heredoc', range: { start, end: this.pos }, body: { start: bodyStart, end: bodyEnd }, indented: match[1] === '-' };
  }
}

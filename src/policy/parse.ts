import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from './lineIndex';
import { parseStrictTree } from './strictTree';

export interface SyntaxProblem {
  message: string;
  offset: number;
  length: number;
}

export interface ParsedPolicy {
  text: string;
  /** The tree as far as it could be recovered; undefined only for empty input. */
  root: Node | undefined;
  syntaxProblems: SyntaxProblem[];
  lines: LineIndex;
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidCommentToken: 'IAM accepts strict JSON only: comments are not allowed',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  CommaExpected: 'Comma expected',
  ColonExpected: 'Colon expected',
  CloseBraceExpected: 'Closing brace "}" expected',
  CloseBracketExpected: 'Closing bracket "]" expected',
  EndOfFileExpected: 'Nothing may follow the policy object',
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character in string',
  UnexpectedEndOfComment: 'Unterminated comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unterminated number',
};

/**
 * Parses leniently (so later rules still see as much of the document as can be
 * recovered) but records every leniency as a problem, because IAM accepts strict JSON only.
 */
export function parsePolicy(text: string): ParsedPolicy {
  // Most documents are strict JSON: build their tree on the fast path, which has no problems
  // to report. Anything else goes through parseTree() for its error recovery.
  const strict = parseStrictTree(text);
  if (strict) return { text, root: strict, syntaxProblems: [], lines: new LineIndex(text) };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  const syntaxProblems: SyntaxProblem[] = [];
  const seenOffsets = new Set<number>();
  for (const e of errors) {
    // jsonc-parser can report several codes for one bad token; the first says it best.
    if (seenOffsets.has(e.offset)) continue;
    seenOffsets.add(e.offset);
    const code = printParseErrorCode(e.error);
    const comma = code === 'PropertyNameExpected' || code === 'ValueExpected' ? trailingCommaBefore(text, e.offset) : -1;
    // At the end of the text jsonc-parser can report a token that runs past it: clamp.
    const offset = Math.min(e.offset, text.length);
    syntaxProblems.push(
      comma >= 0
        ? { message: 'Trailing comma: IAM accepts strict JSON only', offset: comma, length: 1 }
        : { message: SYNTAX_MESSAGES[code] ?? code, offset, length: Math.min(e.length, text.length - offset) },
    );
  }
  if (!root && text.trim() === '') {
    syntaxProblems.push({ message: 'The document is empty: a trust policy is a JSON object', offset: 0, length: 0 });
  }
  return { text, root, syntaxProblems, lines: new LineIndex(text) };
}

/** Offset of the comma that a closing `}` or `]` at `offset` follows, or -1. */
function trailingCommaBefore(text: string, offset: number): number {
  const closer = text[offset];
  if (closer !== '}' && closer !== ']') return -1;
  let i = offset - 1;
  for (;;) {
    while (i >= 0 && /\s/.test(text[i]!)) i--;
    // Skip a block comment or a line comment ending here; they are reported on their own.
    if (i >= 1 && text[i] === '/' && text[i - 1] === '*') {
      const start = text.lastIndexOf('/*', i - 2);
      if (start < 0) return -1;
      i = start - 1;
      continue;
    }
    const lineStart = Math.max(text.lastIndexOf('\n', i), text.lastIndexOf('\r', i)) + 1;
    const lineComment = lineCommentStart(text, lineStart, i + 1);
    if (lineComment >= 0) {
      i = lineComment - 1;
      continue;
    }
    break;
  }
  return i >= 0 && text[i] === ',' ? i : -1;
}

/** Start of a `//` comment in text[from, to) that is outside a string, or -1. */
function lineCommentStart(text: string, from: number, to: number): number {
  let inString = false;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '/' && text[i + 1] === '/') return i;
  }
  return -1;
}

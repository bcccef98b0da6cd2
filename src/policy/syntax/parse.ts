import { createScanner, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { MAX_NESTING_DEPTH } from '../base/limits';
import { LineIndex } from './lineIndex';
import { parseStrictTree, strictWhitespace, SyntaxKind } from './strictTree';

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
  /**
   * How many of JSON's whitespace characters (space, tab, CR, LF) the text has, when the
   * strict-JSON fast path read it (strictWhitespace()); undefined otherwise. The size rules
   * count the rest of the text.
   */
  whitespace: number | undefined;
  /**
   * Spans [start, end) of the text that error recovery cannot read as what the author meant (a
   * string broken by a line break, and the rest of the next line): the rules' findings there are
   * dropped (lint.ts), json-syntax's stays. Absent when there is none.
   */
  damaged?: Array<[number, number]>;
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

/** Spaces that JSON does not count as whitespace (it has only space, tab, CR and LF). */
const UNICODE_SPACE = /[\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;
const UNICODE_SPACES = new RegExp(UNICODE_SPACE.source, 'g');

/** How the json-syntax problem for Unicode spaces starts (its quick fix looks for it). */
export const UNICODE_SPACE_MESSAGE = 'A space JSON does not allow';

/**
 * Edits that turn every Unicode space outside strings into a plain space (inside a string it is
 * text, and stays): the quick fix of the problem above.
 */
export function unicodeSpaceEdits(text: string): Array<{ offset: number; length: number; content: string }> {
  const edits: Array<{ offset: number; length: number; content: string }> = [];
  const scanner = createScanner(text, false);
  for (let token = scanner.scan() as number as SyntaxKind; token !== SyntaxKind.EOF; token = scanner.scan() as number as SyntaxKind) {
    if (token !== SyntaxKind.Unknown) continue;
    const offset = scanner.getTokenOffset();
    const content = text.slice(offset, offset + scanner.getTokenLength());
    if (UNICODE_SPACE.test(content)) edits.push({ offset, length: content.length, content: content.replace(UNICODE_SPACES, ' ') });
  }
  return edits;
}

/**
 * Parses leniently (so later rules still see as much of the document as can be
 * recovered) but records every leniency as a problem, because IAM accepts strict JSON only.
 */
export function parsePolicy(text: string): ParsedPolicy {
  // Most documents are strict JSON: build their tree on the fast path, which has no problems
  // to report. Anything else goes through parseTree() for its error recovery.
  const strict = parseStrictTree(text);
  if (strict) return { text, root: strict, syntaxProblems: [], lines: new LineIndex(text), whitespace: strictWhitespace() };
  const { parseable, cuts, commaBefore } = scan(text);
  const tooDeep = cuts.length > 0 ? cuts[0]![0] : -1;
  const errors: ParseError[] = [];
  const root = parseTree(parseable, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  const syntaxProblems: SyntaxProblem[] = [];
  if (tooDeep >= 0) {
    syntaxProblems.push({
      message: `Nested deeper than ${MAX_NESTING_DEPTH} levels: IAM refuses it (a policy's grammar nests 5 levels at most). What lies deeper is not checked`,
      offset: tooDeep,
      length: 1,
    });
  }
  const seenOffsets = new Set<number>();
  // Unicode spaces outside strings (a no-break space pasted from a web page, as in AWS's own
  // SageMaker guide): one problem for all of them, at the first, not one per indentation run.
  let unicodeSpace: SyntaxProblem | undefined;
  let unicodeSpaces = 0;
  for (const e of errors) {
    // jsonc-parser can report several codes for one bad token; the first says it best.
    if (seenOffsets.has(e.offset)) continue;
    seenOffsets.add(e.offset);
    const code = printParseErrorCode(e.error);
    if (code === 'InvalidSymbol' && UNICODE_SPACE.test(text.charAt(e.offset))) {
      unicodeSpaces++;
      if (!unicodeSpace) {
        unicodeSpace = { message: '', offset: e.offset, length: 1 };
        syntaxProblems.push(unicodeSpace);
      }
      continue;
    }
    const comma = code === 'PropertyNameExpected' || code === 'ValueExpected' ? (commaBefore.get(e.offset) ?? -1) : -1;
    // At the end of the text jsonc-parser can report a token that runs past it: clamp.
    const offset = Math.min(e.offset, text.length);
    syntaxProblems.push(
      comma >= 0
        ? { message: 'Trailing comma: IAM accepts strict JSON only', offset: comma, length: 1 }
        : { message: SYNTAX_MESSAGES[code] ?? code, offset, length: Math.min(e.length, text.length - offset) },
    );
  }
  if (unicodeSpace) {
    const char = text.charCodeAt(unicodeSpace.offset).toString(16).toUpperCase().padStart(4, '0');
    const name = char === '00A0' ? ' (no-break space)' : char === 'FEFF' ? ' (byte order mark)' : '';
    unicodeSpace.message = `${UNICODE_SPACE_MESSAGE}: U+${char}${name}${unicodeSpaces > 1 ? ` and ${unicodeSpaces - 1} more place(s)` : ''}; IAM refuses the document. Replace ${unicodeSpaces > 1 ? 'them' : 'it'} with plain spaces`;
  }
  // A line break inside a string (AWS's Comprehend guide wraps a long ARN): the string ends at
  // the line break, and the next line is read as stray symbols, a string and a key ("" is not a
  // condition key …). One problem says what happened; what recovery made of the rest of the
  // next line is not reported, by json-syntax or by the rules.
  const damaged: Array<[number, number]> = [];
  if (syntaxProblems.some((p) => p.message === SYNTAX_MESSAGES.UnexpectedEndOfString)) {
    // One pass, keeping what lies outside the spans (splicing per span was quadratic in them).
    const kept: SyntaxProblem[] = [];
    let skipUntil = -1;
    for (const problem of syntaxProblems) {
      if (problem.offset < skipUntil) continue;
      const after = problem.offset + problem.length;
      if (problem.message !== SYNTAX_MESSAGES.UnexpectedEndOfString || (text.charAt(after) !== '\n' && text.charAt(after) !== '\r')) {
        kept.push(problem);
        continue;
      }
      // The next line ends at the next CR or LF (a lone CR ends a line too).
      let end = after + (text.charAt(after) === '\r' && text.charAt(after + 1) === '\n' ? 2 : 1);
      while (end < text.length && text.charAt(end) !== '\n' && text.charAt(end) !== '\r') end++;
      damaged.push([problem.offset, end]);
      kept.push({ message: 'A line break inside a string: JSON strings cannot span lines, and IAM refuses the policy. Join this line and the next', offset: problem.offset, length: problem.length });
      skipUntil = end;
    }
    syntaxProblems.length = 0;
    syntaxProblems.push(...kept);
  }
  // A policy whose opening brace is missing (AWS's HealthLake guide prints one): the "root" is
  // its first key, and jsonc-parser's "nothing may follow" at the colon points the wrong way.
  if (root && root.type === 'string' && syntaxProblems[0]?.message === SYNTAX_MESSAGES.EndOfFileExpected && text.charAt(syntaxProblems[0].offset) === ':') {
    syntaxProblems[0] = { message: 'The opening brace "{" of the policy is missing: it starts with a key. Add "{" before it', offset: root.offset, length: root.length };
  }
  if (!root && text.trim() === '') {
    syntaxProblems.push({ message: 'The document is empty: a trust policy is a JSON object', offset: 0, length: 0 });
  }
  const parsed: ParsedPolicy = { text, root, syntaxProblems, lines: new LineIndex(text), whitespace: undefined };
  if (damaged.length > 0) parsed.damaged = damaged;
  return parsed;
}

/**
 * The text with every object or array nested deeper than `maxDepth` replaced by `0` and spaces
 * (offsets unchanged), and the [start, end) of each one replaced, in one linear pass over the
 * tokens jsonc-parser sees: parseTree() and the rules recurse per level and overflow the stack
 * on a few thousand. For every reader of JSON text (policies, configuration, embedded JSON).
 */
export function cutDeepNesting(text: string, maxDepth = MAX_NESTING_DEPTH): { text: string; cuts: Array<[number, number]> } {
  const { parseable, cuts } = scan(text, maxDepth, false);
  return { text: parseable, cuts };
}

/**
 * One pass over the tokens parseTree() will see (comments and whitespace skipped as it skips
 * them), in linear time:
 * - `parseable` and `cuts`: see cutDeepNesting();
 * - `commaBefore` (when `commas`): for each `}` or `]` that follows a comma, that comma's offset.
 */
function scan(text: string, maxDepth = MAX_NESTING_DEPTH, commas = true): { parseable: string; cuts: Array<[number, number]>; commaBefore: Map<number, number> } {
  const scanner = createScanner(text, false);
  const commaBefore = new Map<number, number>();
  const cuts: Array<[number, number]> = [];
  let depth = 0;
  let cutFrom = -1;
  let comma = -1;
  for (let token = scanner.scan() as number as SyntaxKind; token !== SyntaxKind.EOF; token = scanner.scan() as number as SyntaxKind) {
    const offset = scanner.getTokenOffset();
    switch (token) {
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
        continue;
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken:
        if (++depth > maxDepth && cutFrom < 0) cutFrom = offset;
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        if (comma >= 0 && commas) commaBefore.set(offset, comma);
        if (depth > 0) depth--;
        if (cutFrom >= 0 && depth === maxDepth) {
          cuts.push([cutFrom, offset + 1]);
          cutFrom = -1;
        }
        break;
    }
    comma = token === SyntaxKind.CommaToken ? offset : -1;
  }
  if (cutFrom >= 0) cuts.push([cutFrom, text.length]);
  if (cuts.length === 0) return { parseable: text, cuts, commaBefore };
  const parts: string[] = [];
  let at = 0;
  for (const [from, to] of cuts) {
    parts.push(text.slice(at, from), '0', ' '.repeat(to - from - 1));
    at = to;
  }
  parts.push(text.slice(at));
  return { parseable: parts.join(''), cuts, commaBefore };
}

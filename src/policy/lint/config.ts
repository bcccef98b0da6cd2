/**
 * The project configuration file, `.iamtrust.json`, shared by the CLI and the editor: the zone
 * of trust (accountId, trustedAccounts, organizationId), rules to ignore or re-grade, and the
 * files a directory search includes or excludes. Parsing and merging are pure; finding and
 * reading the file is the CLI's and the editor's business (src/cli/config.ts,
 * src/language/settings.ts). The JSON schema is schemas/iamtrust.schema.json.
 */
import { parseTree, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { SEVERITIES, type Finding, type Severity } from '../base/finding';
import { compileGlob } from '../base/glob';
import { MAX_NESTING_DEPTH } from '../base/limits';
import { LineIndex } from '../syntax/lineIndex';
import { cutDeepNesting } from '../syntax/parse';
import { RULES } from './rules';
import { PART_NOT_CHECKED } from './notices';
import { SUPPRESSION_CODES } from './suppressions';

export const CONFIG_FILE_NAME = '.iamtrust.json';

/** A rule code's severity instead of its own, or 'off' (not reported). */
export type SeverityOverrides = Readonly<Record<string, Severity | 'off'>>;

/** What a layer of configuration (defaults, settings, the file, flags) says about linting. */
export interface LintLayer {
  accountId?: string;
  trustedAccounts?: readonly string[];
  organizationId?: string;
  ignore?: readonly string[];
  severity?: SeverityOverrides;
}

export interface ProjectConfig extends LintLayer {
  /** Globs (relative to the file's directory) a directory search reads; all candidates when absent. */
  include?: readonly string[];
  /** Globs (relative to the file's directory) a directory search skips, files and folders. */
  exclude?: readonly string[];
}

export interface ConfigProblem {
  message: string;
  offset: number;
  length: number;
  /** 1-based */
  line: number;
  column: number;
}

export const ACCOUNT_ID = /^\d{12}$/;
/** AWS Organizations IDs: `o-` and 10 to 32 lower-case letters or digits. */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** Every code a configuration (or a suppression) may name: the rules' and the suppressions' own. */
export function knownCodes(): ReadonlySet<string> {
  return (known ??= new Set([...RULES.map((r) => r.meta.code), ...SUPPRESSION_CODES, PART_NOT_CHECKED]));
}
let known: Set<string> | undefined;

const PROPERTIES = ['$schema', 'accountId', 'trustedAccounts', 'organizationId', 'ignore', 'severity', 'include', 'exclude'];
const LEVELS = [...SEVERITIES, 'off'];

/**
 * Reads `.iamtrust.json` text. Never throws: what cannot be used is left out of `config` and
 * explained in `problems` (comments and trailing commas are tolerated).
 */
export function parseProjectConfig(text: string): { config: ProjectConfig; problems: ConfigProblem[] } {
  const lines = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const problem = (message: string, at: number, size: number) => {
    // jsonc-parser reports an unterminated comment at the end one character past the text: clamp.
    const offset = Math.min(at, text.length);
    const length = Math.min(size, text.length - offset);
    const { line, column } = lines.positionAt(offset);
    problems.push({ message, offset, length, line, column });
  };
  const errors: ParseError[] = [];
  // What nests too deep is cut before parseTree(), which would overflow the stack on it.
  const { text: shallow, cuts } = cutDeepNesting(text);
  if (cuts.length > 0) problem(`Nested deeper than ${MAX_NESTING_DEPTH} levels: not read`, cuts[0]![0], 1);
  const root = parseTree(shallow, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  for (const e of errors) problem(`JSON: ${printParseErrorCode(e.error)}`, e.offset, e.length);
  const config: ProjectConfig & Record<string, unknown> = {};
  if (!root) return { config, problems };
  if (root.type !== 'object') {
    problem('The configuration is a JSON object: { "accountId": "…", "trustedAccounts": […], … }', root.offset, root.length);
    return { config, problems };
  }
  const at = (node: Node, message: string) => problem(message, node.offset, node.length);
  const strings = (node: Node, what: string, valid: (s: string) => string | undefined): string[] | undefined => {
    if (node.type !== 'array') return void at(node, `${what} is a list of strings`);
    const out: string[] = [];
    for (const item of node.children ?? []) {
      if (item.type !== 'string') {
        at(item, `${what} holds strings`);
        continue;
      }
      const wrong = valid(item.value as string);
      if (wrong) at(item, wrong);
      else out.push(item.value as string);
    }
    return out;
  };
  const codes = knownCodes();
  const unknownCode = (code: string) => (codes.has(code) ? undefined : `Unknown rule code "${code}" (the codes are listed in docs/rules.md and by trust-policy-lint --list-rules)`);
  const glob = (g: string) => (g.trim() === '' ? 'An empty glob matches nothing' : undefined);
  for (const property of root.children ?? []) {
    const [keyNode, value] = property.children ?? [];
    if (!keyNode || !value) continue;
    const key = keyNode.value as string;
    if (!PROPERTIES.includes(key)) {
      at(keyNode, `Unknown setting "${key}": expected one of ${PROPERTIES.slice(1).join(', ')}`);
      continue;
    }
    switch (key) {
      case '$schema':
        break;
      case 'accountId':
        if (value.type === 'string' && ACCOUNT_ID.test(value.value)) config.accountId = value.value;
        else at(value, 'accountId is the 12-digit account the roles live in, as a string: "111122223333"');
        break;
      case 'organizationId':
        if (value.type === 'string' && ORGANIZATION_ID.test(value.value)) config.organizationId = value.value;
        else at(value, 'organizationId is an AWS Organizations ID: "o-" and 10 to 32 lower-case letters or digits');
        break;
      case 'trustedAccounts': {
        const list = strings(value, 'trustedAccounts', (s) => (ACCOUNT_ID.test(s) ? undefined : `"${s}" is not a 12-digit account ID`));
        if (list) config.trustedAccounts = list;
        break;
      }
      case 'ignore': {
        const list = strings(value, 'ignore', unknownCode);
        if (list) config.ignore = list;
        break;
      }
      case 'include':
      case 'exclude': {
        const list = strings(value, key, glob);
        if (list) config[key] = list;
        break;
      }
      case 'severity': {
        if (value.type !== 'object') {
          at(value, `severity maps rule codes to ${LEVELS.join(', ')}: { "service-confused-deputy": "warning" }`);
          break;
        }
        const levels: Record<string, Severity | 'off'> = {};
        for (const entry of value.children ?? []) {
          const [codeNode, levelNode] = entry.children ?? [];
          if (!codeNode || !levelNode) continue;
          const wrong = unknownCode(codeNode.value as string);
          if (wrong) at(codeNode, wrong);
          else if (levelNode.type !== 'string' || !LEVELS.includes(levelNode.value)) at(levelNode, `A rule's severity is one of ${LEVELS.join(', ')}`);
          else levels[codeNode.value as string] = levelNode.value as Severity | 'off';
        }
        config.severity = levels;
        break;
      }
    }
  }
  return { config, problems };
}

/**
 * The layers merged, lowest precedence first: accountId, organizationId and trustedAccounts
 * come from the highest layer that sets them (trustedAccounts as a whole list), ignore lists add
 * up, and severity overrides are merged code by code.
 */
export function mergeLayers(...layers: ReadonlyArray<LintLayer | undefined>): LintLayer {
  const merged: { -readonly [K in keyof LintLayer]: LintLayer[K] } = {};
  const ignore = new Set<string>();
  const severity: Record<string, Severity | 'off'> = {};
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.accountId) merged.accountId = layer.accountId;
    if (layer.organizationId) merged.organizationId = layer.organizationId;
    if (layer.trustedAccounts && layer.trustedAccounts.length > 0) merged.trustedAccounts = [...layer.trustedAccounts];
    for (const code of layer.ignore ?? []) ignore.add(code);
    Object.assign(severity, layer.severity);
  }
  if (ignore.size > 0) merged.ignore = [...ignore];
  if (Object.keys(severity).length > 0) merged.severity = severity;
  return merged;
}

/** The codes a layer silences: ignored, or re-graded 'off'. */
export function silencedCodes({ ignore, severity }: Pick<LintLayer, 'ignore' | 'severity'>): Set<string> {
  const codes = new Set(ignore);
  for (const [code, level] of Object.entries(severity ?? {})) if (level === 'off') codes.add(code);
  return codes;
}

/** The findings without silenced codes, re-graded as `severity` says. */
export function applySeverities(findings: Finding[], layer: Pick<LintLayer, 'ignore' | 'severity'>): Finding[] {
  const { severity } = layer;
  const silenced = silencedCodes(layer);
  if (silenced.size === 0 && (!severity || Object.keys(severity).length === 0)) return findings;
  const out: Finding[] = [];
  for (const finding of findings) {
    if (silenced.has(finding.code)) continue;
    const level = severity?.[finding.code];
    out.push(level && level !== 'off' && level !== finding.severity ? { ...finding, severity: level } : finding);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// include / exclude

/**
 * Whether a directory search reads (or, for a folder, enters) `path`, given as `/`-separated
 * segments relative to the configuration file's folder. A glob without a `/` matches a name at
 * any depth (`fixtures`, `*.test.json`); one with a `/` is anchored at that folder
 * (`infra/legacy/**`); `**` stands for any number of folders. A folder excluded excludes
 * everything below it. `include`, when given, applies to files: only those matching one are read.
 */
export function searchIncludes(config: Pick<ProjectConfig, 'include' | 'exclude'>, path: string, isFolder: boolean): boolean {
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments[0] === '..') return true; // outside the file's folder: not its business
  // One pass per glob answers for every prefix of the path (a folder above it excluded).
  if ((config.exclude ?? []).some((g) => compilePathGlob(g).some(segments))) return false;
  if (isFolder || !config.include || config.include.length === 0) return true;
  return config.include.some((g) => pathGlobMatch(g, segments));
}

/** Whether the glob matches the whole path (segments). */
export function pathGlobMatch(glob: string, path: readonly string[]): boolean {
  return compilePathGlob(glob).whole(path);
}

type SegmentMatcher = ((text: string) => boolean) | undefined;

/**
 * A glob compiled for paths: its segments' wildcard matchers made once (not once per path
 * segment tried); `whole` says whether it matches the whole path, `some` whether it matches a
 * prefix of one or more segments.
 */
function compilePathGlob(glob: string): { whole(path: readonly string[]): boolean; some(path: readonly string[]): boolean } {
  let g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('./')) g = g.slice(2);
  // Trailing slashes cut by a loop: /\/+$/ tries every slash of a run as a start (40,000 slashes
  // before a name took 43 s per path searched).
  let end = g.length;
  while (end > 0 && g.charCodeAt(end - 1) === 47) end--;
  g = g.slice(0, end);
  const anchored = g.includes('/');
  const pattern = g.split('/').filter((s) => s !== '');
  if (pattern.length === 0) return { whole: () => false, some: () => false };
  const matchers: SegmentMatcher[] = (anchored ? pattern : ['**', ...pattern]).map((p) => (p === '**' ? undefined : compileGlob(p)));
  return { whole: (path) => prefixMatches(matchers, path, false), some: (path) => prefixMatches(matchers, path, true) };
}

/**
 * Whether the pattern (`**` as undefined: any number of segments; others by their matcher)
 * matches the whole path, or with `anyPrefix` a prefix of one or more segments. One forward pass
 * over the path carrying the set of pattern positions reached: no backtracking, P x S steps.
 */
function prefixMatches(pattern: readonly SegmentMatcher[], path: readonly string[], anyPrefix: boolean): boolean {
  const P = pattern.length;
  // reached[i]: pattern[0..i) matches the segments read so far.
  let reached = new Uint8Array(P + 1);
  reached[0] = 1;
  const close = (set: Uint8Array) => {
    // `**` matches no segment too.
    for (let i = 0; i < P; i++) if (set[i] && pattern[i] === undefined) set[i + 1] = 1;
  };
  close(reached);
  for (let j = 0; j < path.length; j++) {
    const next = new Uint8Array(P + 1);
    let any = false;
    for (let i = 0; i < P; i++) {
      if (!reached[i]) continue;
      const matches = pattern[i];
      if (matches === undefined) next[i] = 1;
      else if (matches(path[j]!)) next[i + 1] = 1;
      else continue;
      any = true;
    }
    if (!any) return false;
    close(next);
    reached = next;
    if (anyPrefix && reached[P]) return true;
  }
  return !anyPrefix && reached[P] === 1;
}

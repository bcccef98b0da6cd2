import { SEVERITIES, type Finding, type RuleMeta, type Severity } from '../policy';
import type { Notice } from './files';
import { UNSAFE_FOR_DISPLAY } from '../policy/base/display';

export interface FileResult {
  file: string;
  findings: Finding[];
}

/** The unsafe characters that JSON.stringify leaves unescaped: all but C0 (its own layout uses newlines). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const hex = (c: string, digits: number) => c.charCodeAt(0).toString(16).toUpperCase().padStart(digits, '0');

/** Text from a policy or a file name, safe to print: unsafe characters as \xHH or \uHHHH. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE_FOR_DISPLAY, (c) => (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/**
 * JSON text with the unsafe characters JSON.stringify leaves as they are (DEL, C1, direction
 * marks) written as \uHHHH escapes: the same value, nothing for a terminal to act on. They can
 * only occur inside strings (the layout is ASCII), so the replacement cannot touch the structure.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c, 4)}`) + '\n';
}

/** The line a notice is printed as on standard error. */
export function formatNotice(notice: Notice): string {
  return `trust-policy-lint: ${notice.level === 'warning' ? 'warning: ' : ''}${escapeControls(`${notice.path}: ${notice.reason}`)}\n`;
}

const COLOURS: Record<Severity, string> = { error: '31', security: '35', warning: '33', suggestion: '36' };

export function formatText(results: FileResult[], colour: boolean): string {
  const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const counts = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  for (const { file, findings } of results) {
    for (const f of findings) {
      counts.set(f.severity, counts.get(f.severity)! + 1);
      const place = `${escapeControls(file)}:${f.range.start.line}:${f.range.start.column}`;
      lines.push(`${paint('1', place)}: ${paint(COLOURS[f.severity], f.severity)} ${paint('2', escapeControls(f.code))}: ${escapeControls(f.message)}`);
    }
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const summary =
    total === 0
      ? `${results.length} file(s) checked, no findings`
      : `${results.length} file(s) checked: ` + SEVERITIES.filter((s) => counts.get(s)! > 0).map((s) => `${counts.get(s)} ${s}`).join(', ');
  return [...lines, summary].join('\n') + '\n';
}

/**
 * `[{ file, findings }]`; a file that was not checked (named but unreadable, refused, skipped by
 * the search, or failed inside the linter) is listed with no findings and `skipped`, its reason,
 * and `level`: `error` for those that make the exit status 2.
 */
export function formatJson(results: FileResult[], notices: readonly Notice[] = []): string {
  const skipped = notices.filter((n) => n.file).map((n) => ({ file: n.path, findings: [], skipped: n.reason, level: n.level }));
  return safeJson([...results, ...skipped]);
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', security: 'error', warning: 'warning', suggestion: 'note' };
/** GitHub code scanning ranks security alerts by this CVSS-like score. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '5.0', security: '8.0', warning: '3.0', suggestion: '1.0' };

/** SARIF 2.1.0, as GitHub code scanning loads it: rule metadata, results with regions. */
export function formatSarif(results: FileResult[], rules: readonly RuleMeta[], version: string, notices: readonly Notice[] = []): string {
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trust-policy-lint',
            version,
            semanticVersion: version,
            rules: rules.map((r) => ({
              id: r.code,
              name: r.code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.rationale },
              help: {
                text: `${r.rationale}\n\nReported:\n${r.badExample}\n\nFixed:\n${r.goodExample}`,
                markdown: `${r.rationale}\n\nReported:\n\n\`\`\`json\n${r.badExample}\n\`\`\`\n\nFixed:\n\n\`\`\`json\n${r.goodExample}\n\`\`\``,
              },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              properties: {
                tags: ['iam', 'trust-policy', ...(r.severity === 'security' ? ['security'] : [])],
                precision: 'high',
                'security-severity': SECURITY_SEVERITY[r.severity],
              },
            })),
          },
        },
        // What was not checked, and why: code scanning shows these as the tool's notifications.
        invocations: [
          {
            executionSuccessful: !notices.some((n) => n.level === 'error'),
            ...(notices.length > 0
              ? {
                  toolExecutionNotifications: notices.map((n) => ({
                    level: n.level,
                    message: { text: `${n.path}: ${n.reason}` },
                    locations: [{ physicalLocation: { artifactLocation: artifactLocation(n.path) } }],
                  })),
                }
              : {}),
          },
        ],
        artifacts: results.map((r) => ({ location: artifactLocation(r.file) })),
        results: results.flatMap(({ file, findings }) =>
          findings.map((f) => ({
            ruleId: f.code,
            ...(index.has(f.code) ? { ruleIndex: index.get(f.code) } : {}),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifactLocation(file),
                  region: {
                    startLine: f.range.start.line,
                    startColumn: f.range.start.column,
                    endLine: f.range.end.line,
                    endColumn: Math.max(f.range.end.column, f.range.start.line === f.range.end.line ? f.range.start.column + 1 : 1),
                  },
                },
              },
            ],
          })),
        ),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return safeJson(sarif);
}

/**
 * A path as a URI reference: each segment percent-encoded (`#`, `?`, `%`, spaces, non-ASCII),
 * `/` kept; absolute paths as file: URIs (a Windows drive as file:///C:/…, a UNC path as
 * file://host/…), relative ones against %SRCROOT%.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (file === '<stdin>') return { uri: 'stdin' };
  const path = file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  // encodeURIComponent throws on a lone surrogate: it stands for U+FFFD, as it does in UTF-8.
  const encode = (p: string) => p.replace(LONE_SURROGATE, '\uFFFD').split('/').map(encodeURIComponent).join('/');
  const drive = /^([A-Za-z]:)(\/.*)?$/.exec(path);
  if (drive) return { uri: `file:///${drive[1]}${encode(drive[2] ?? '/')}` };
  if (path.startsWith('//')) return { uri: `file:${encode(path)}` };
  if (path.startsWith('/')) return { uri: `file://${encode(path)}` };
  return { uri: encode(path), uriBaseId: '%SRCROOT%' };
}

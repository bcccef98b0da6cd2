import { SEVERITIES, type Finding, type RuleMeta, type Severity } from '../policy';

export interface FileResult {
  file: string;
  findings: Finding[];
}

const COLOURS: Record<Severity, string> = { error: '31', security: '35', warning: '33', suggestion: '36' };

export function formatText(results: FileResult[], colour: boolean): string {
  const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const counts = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  for (const { file, findings } of results) {
    for (const f of findings) {
      counts.set(f.severity, counts.get(f.severity)! + 1);
      lines.push(`${paint('1', `${file}:${f.range.start.line}:${f.range.start.column}`)}: ${paint(COLOURS[f.severity], f.severity)} ${paint('2', f.code)}: ${f.message}`);
    }
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const summary =
    total === 0
      ? `${results.length} file(s) checked, no findings`
      : `${results.length} file(s) checked: ` + SEVERITIES.filter((s) => counts.get(s)! > 0).map((s) => `${counts.get(s)} ${s}`).join(', ');
  return [...lines, summary].join('\n') + '\n';
}

export function formatJson(results: FileResult[]): string {
  return JSON.stringify(results, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', security: 'error', warning: 'warning', suggestion: 'note' };
/** GitHub code scanning ranks security alerts by this CVSS-like score. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '5.0', security: '8.0', warning: '3.0', suggestion: '1.0' };

/** SARIF 2.1.0, as GitHub code scanning loads it: rule metadata, results with regions. */
export function formatSarif(results: FileResult[], rules: readonly RuleMeta[], version: string): string {
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
  return JSON.stringify(sarif, null, 2) + '\n';
}

function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const uri = file.replace(/\\/g, '/').replace(/^\.\//, '');
  if (uri === '<stdin>') return { uri: 'stdin' };
  return uri.startsWith('/') ? { uri: `file://${encodeURI(uri)}` } : { uri: encodeURI(uri), uriBaseId: '%SRCROOT%' };
}

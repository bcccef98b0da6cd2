import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { lint, RULES, SEVERITIES, type Finding } from '../policy';

declare const IAM_TRUST_VERSION: string;

const USAGE = `Usage: trust-policy-lint [options] <file...>

Checks AWS IAM role trust policies. Use "-" to read one policy from standard input.

Options:
  --format <text|json>   output format (default: text)
  --account-id <id>      the 12-digit account the role lives in (cross-account checks)
  --ignore <codes>       comma-separated rule codes to silence
  --list-rules           print every rule code, severity and description
  --version              print the version
  -h, --help             print this help

Exit status: 0 no error or security findings, 1 some, 2 usage or read error.`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
}

interface FileResult {
  file: string;
  findings: Finding[];
}

const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
};

/** Runs the CLI and returns its exit status; never calls process.exit itself. */
export function main(argv: string[], io: CliIo = nodeIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        'account-id': { type: 'string' },
        ignore: { type: 'string', multiple: true, default: [] },
        'list-rules': { type: 'boolean' },
        version: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`trust-policy-lint: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals: files } = parsed;

  if (values.help) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    io.stdout(`${typeof IAM_TRUST_VERSION === 'string' ? IAM_TRUST_VERSION : 'dev'}\n`);
    return 0;
  }
  if (values['list-rules']) {
    for (const { meta } of RULES) io.stdout(`${meta.code}\t${meta.severity}\t${meta.description}\n`);
    return 0;
  }

  const usageError = (message: string) => {
    io.stderr(`trust-policy-lint: ${message}\n`);
    return 2;
  };
  const format = values.format;
  if (format !== 'text' && format !== 'json') return usageError(`unknown format "${format}" (expected text or json)`);
  const accountId = values['account-id'];
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) {
    return usageError(`--account-id must be 12 digits, got "${accountId}"`);
  }
  const ignore = values.ignore.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  const known = new Set(RULES.map((r) => r.meta.code));
  const unknown = ignore.filter((code) => !known.has(code));
  if (unknown.length > 0) return usageError(`unknown rule code(s) in --ignore: ${unknown.join(', ')} (see --list-rules)`);
  if (files.length === 0) return usageError(`no input files\n${USAGE}`);

  const results: FileResult[] = [];
  let readFailed = false;
  for (const file of files) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (error) {
      io.stderr(`trust-policy-lint: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      readFailed = true;
      continue;
    }
    results.push({ file: file === '-' ? '<stdin>' : file, findings: lint(text, { accountId, ignore }) });
  }

  io.stdout(format === 'json' ? formatJson(results) : formatText(results));
  if (readFailed) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error' || f.severity === 'security')) ? 1 : 0;
}

function formatText(results: FileResult[]): string {
  const lines: string[] = [];
  const counts = new Map<string, number>(SEVERITIES.map((s) => [s, 0]));
  for (const { file, findings } of results) {
    for (const f of findings) {
      counts.set(f.severity, counts.get(f.severity)! + 1);
      lines.push(`${file}:${f.range.start.line}:${f.range.start.column}: ${f.severity} ${f.code}: ${f.message}`);
    }
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const summary =
    total === 0
      ? `${results.length} file(s) checked, no findings`
      : `${results.length} file(s) checked: ` +
        SEVERITIES.filter((s) => counts.get(s)! > 0).map((s) => `${counts.get(s)} ${s}`).join(', ');
  return [...lines, summary].join('\n') + '\n';
}

function formatJson(results: FileResult[]): string {
  return JSON.stringify(results, null, 2) + '\n';
}

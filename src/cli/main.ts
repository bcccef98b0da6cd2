import { readFileSync } from 'node:fs';
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
  let format = 'text';
  let accountId: string | undefined;
  const ignore: string[] = [];
  const files: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string | undefined => {
      const next = argv[++i];
      if (next === undefined) io.stderr(`trust-policy-lint: ${arg} needs a value\n`);
      return next;
    };
    switch (arg) {
      case '-h':
      case '--help':
        io.stdout(USAGE + '\n');
        return 0;
      case '--version':
        io.stdout(`${typeof IAM_TRUST_VERSION === 'string' ? IAM_TRUST_VERSION : 'dev'}\n`);
        return 0;
      case '--list-rules':
        for (const { meta } of RULES) io.stdout(`${meta.code}\t${meta.severity}\t${meta.description}\n`);
        return 0;
      case '--format': {
        const v = value();
        if (v === undefined) return 2;
        if (v !== 'text' && v !== 'json') {
          io.stderr(`trust-policy-lint: unknown format "${v}" (expected text or json)\n`);
          return 2;
        }
        format = v;
        break;
      }
      case '--account-id': {
        const v = value();
        if (v === undefined) return 2;
        if (!/^\d{12}$/.test(v)) {
          io.stderr(`trust-policy-lint: --account-id must be 12 digits, got "${v}"\n`);
          return 2;
        }
        accountId = v;
        break;
      }
      case '--ignore': {
        const v = value();
        if (v === undefined) return 2;
        ignore.push(...v.split(',').map((s) => s.trim()).filter(Boolean));
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') {
          io.stderr(`trust-policy-lint: unknown option ${arg}\n${USAGE}\n`);
          return 2;
        }
        files.push(arg);
    }
  }

  if (files.length === 0) {
    io.stderr(`trust-policy-lint: no input files\n${USAGE}\n`);
    return 2;
  }
  const known = new Set(RULES.map((r) => r.meta.code));
  const unknown = ignore.filter((code) => !known.has(code));
  if (unknown.length > 0) {
    io.stderr(`trust-policy-lint: unknown rule code(s) in --ignore: ${unknown.join(', ')} (see --list-rules)\n`);
    return 2;
  }

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

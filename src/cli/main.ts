import { parseArgs } from 'node:util';
import { lint, RULES, type Finding, type LintOptions, type RuleMeta } from '../policy';
import { EMBEDDED_METAS, lintEmbedded } from '../policy/embedded';
import { applySeverities, CONFIG_FILE_NAME, knownCodes, mergeLayers, type LintLayer } from '../policy/lint/config';
import { applySuppressions, commentStyleOf, SUPPRESSION_METAS } from '../policy/lint/suppressions';
import { startAudit } from './audit';
import { ACCESS_ANALYZER_USAGE, startAccessAnalyzer } from './accessAnalyzer';
import { ConfigFinder } from './config';
import { collectInputs, nodeFileSystem, type FileSystem, type Input } from './files';
import { checkLintFlags, statusFor } from './flags';
import { formatJson, formatNotice, formatSarif, formatText, type FileResult } from './format';

declare const IAM_TRUST_VERSION: string;
const VERSION = typeof IAM_TRUST_VERSION === 'string' ? IAM_TRUST_VERSION : 'dev';

const USAGE = `Usage: trust-policy-lint [options] <file|dir|->...
       trust-policy-lint audit [options]   every role of AWS accounts (audit --help)

Checks AWS IAM role trust policies: policy files, and the policies inside CloudFormation/SAM
templates (YAML or JSON) and Terraform files. Files are always checked; directories are
searched for *.json files that are trust policies, templates and *.tf files with
assume_role_policy; "-" reads a policy (or a template) from standard input.

Options:
  --format <text|json|sarif>   output format (default: text)
  --account <id>               the 12-digit account the roles live in (inside the zone of trust)
  --trusted-accounts <ids>     comma-separated 12-digit accounts of yours: also inside the zone
                               of trust, so trusting them needs no sts:ExternalId (repeatable)
  --organization-id <o-...>    your AWS Organizations ID: principals restricted to it by
                               aws:PrincipalOrgID are inside the zone of trust
  --ignore <codes>             comma-separated rule codes to silence (repeatable)
  --config <file>              the configuration file for every input, instead of the
                               ${CONFIG_FILE_NAME} found in each file's folder or above it
  --no-config                  use no configuration file
  --fail-on <severity>         error, security, warning, suggestion or none (default: security)
${ACCESS_ANALYZER_USAGE}
  --list-rules                 print every rule code, severity and description
  --version                    print the version
  -h, --help                   print this help

Configuration (docs/configuration.md): the nearest ${CONFIG_FILE_NAME} in a file's folder or above
it gives accountId, trustedAccounts, organizationId, ignore, severity (re-grade or "off") and, for
directory searches, include/exclude globs. Flags win over it; --ignore adds to its ignore list.
Inline suppressions in YAML, Terraform and JSONC files, on the line before a finding or on its
line: # iam-trust-ignore <code>: <reason>  (// in JSONC). The reason is required.

Only regular files of at most 16 MiB are read. Files found by searching that cannot be read are
reported as warnings; files named that cannot be read or checked are errors.

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input
error, or a file that could not be checked.`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  fs: FileSystem;
  /** Whether stdout is a terminal that shows colours. */
  colour: boolean;
  /** The folder relative paths start from (configuration files are searched up to the root); process.cwd() when absent. */
  cwd?: string;
  /** The linter for one input; the engine unless a test puts a failing one in its place. */
  check?: (input: Input, options: LintOptions) => Finding[];
}

function check({ text, kind }: Input, options: LintOptions): Finding[] {
  return kind === 'policy' ? lint(text, options) : lintEmbedded(text, kind, options);
}

const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  fs: nodeFileSystem,
  colour:
    process.env.NO_COLOR === undefined &&
    (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0' ? true : Boolean(process.stdout.isTTY)),
};

/**
 * Runs the CLI and returns its exit status; never calls process.exit itself. `audit` reads AWS,
 * so its status comes as a promise; the file mode's (and --help's) at once.
 */
export function main(argv: string[], io: CliIo = nodeIo): number | Promise<number> {
  if (argv[0] === 'audit') return startAudit(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        account: { type: 'string' },
        'trusted-accounts': { type: 'string', multiple: true, default: [] },
        'organization-id': { type: 'string' },
        ignore: { type: 'string', multiple: true, default: [] },
        config: { type: 'string' },
        'no-config': { type: 'boolean' },
        'fail-on': { type: 'string', default: 'security' },
        'access-analyzer': { type: 'boolean' },
        'list-rules': { type: 'boolean' },
        version: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`trust-policy-lint: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals: paths } = parsed;

  if (values.help) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (values['list-rules']) {
    for (const meta of [...RULES.map((r) => r.meta), ...SUPPRESSION_METAS, ...EMBEDDED_METAS]) io.stdout(`${meta.code}\t${meta.severity}\t${meta.description}\n`);
    return 0;
  }

  const usageError = (message: string) => {
    io.stderr(`trust-policy-lint: ${message}\n`);
    return 2;
  };
  const checked = checkLintFlags(values);
  if ('error' in checked) return usageError(checked.error);
  const { format, failOn, accountId, trustedAccounts, organizationId, ignore } = checked.flags;
  const known = knownCodes();
  if (paths.length === 0) return usageError(`no input files\n${USAGE}`);

  // Flags win over the configuration file (docs/configuration.md).
  const flags: LintLayer = {
    ...(accountId ? { accountId } : {}),
    ...(trustedAccounts.length > 0 ? { trustedAccounts } : {}),
    ...(organizationId ? { organizationId } : {}),
    ignore,
  };
  const configs = values['no-config'] ? undefined : new ConfigFinder(io.fs, io.cwd ?? process.cwd(), values.config);
  const { inputs, notices } = collectInputs(paths, io.fs, configs ? { includes: (path, isFolder) => configs.searchIncludes(path, isFolder) } : {});
  const results: FileResult[] = [];
  for (const input of inputs) {
    const { file } = input;
    // A failure inside the linter is reported against its file, never as findings, and the
    // other files are still checked.
    try {
      const options = mergeLayers(configs?.forFile(input.file === '<stdin>' ? '-' : input.file)?.config, flags);
      const findings = (io.check ?? check)(input, options);
      // Suppressions see every finding; then ignore and severity apply to theirs too.
      const style = commentStyleOf(file, input.text);
      results.push({ file, findings: applySeverities(applySuppressions(input.text, findings, style, known), options) });
    } catch (error) {
      const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      notices.push({ path: file, reason: `internal error while checking it (${what}); not checked, please report this`, level: 'error', file: true });
    }
  }
  if (configs) notices.unshift(...configs.notices);
  // --access-analyzer adds AWS's findings (and the rules of their codes) before the output: src/cli/accessAnalyzer.ts.
  const finish = (extraRules: readonly RuleMeta[] = []): number => {
    for (const notice of notices) io.stderr(formatNotice(notice));
    io.stdout(
      format === 'json'
        ? formatJson(results, notices)
        : format === 'sarif'
          ? formatSarif(results, [...RULES.map((r) => r.meta), ...SUPPRESSION_METAS, ...EMBEDDED_METAS, ...extraRules], VERSION, notices)
          : formatText(results, io.colour),
    );
    if (notices.some((n) => n.level === 'error')) return 2;
    return statusFor(results.flatMap((r) => r.findings), failOn);
  };
  if (values['access-analyzer']) return startAccessAnalyzer(inputs, results, notices, io, finish);
  return finish();
}

// The lint flags the file mode (main.ts) and `audit` (audit.ts) share, checked once: the output
// format, --fail-on, the zone of trust (--account, --trusted-accounts, --organization-id),
// --ignore and --config/--no-config. Each command parses its own argv; this takes the values.
import { SEVERITIES, type Severity } from '../policy';
import { ACCOUNT_ID, knownCodes, ORGANIZATION_ID } from '../policy/lint/config';

export interface LintFlagValues {
  format: string;
  'fail-on': string;
  account?: string;
  'trusted-accounts': string[];
  'organization-id'?: string;
  ignore: string[];
  config?: string;
  'no-config'?: boolean;
}

export interface LintFlags {
  format: 'text' | 'json' | 'sarif';
  failOn: Severity | 'none';
  accountId?: string;
  trustedAccounts: string[];
  organizationId?: string;
  ignore: string[];
}

/** A repeatable flag of comma-separated values, as one list. */
export const commaList = (values: readonly string[]) => values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);

/** The flags checked, or the usage error of the first one that is wrong. */
export function checkLintFlags(values: LintFlagValues): { flags: LintFlags } | { error: string } {
  const { format } = values;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') return { error: `unknown format "${format}" (expected text, json or sarif)` };
  const accountId = values.account;
  if (accountId !== undefined && !ACCOUNT_ID.test(accountId)) return { error: `--account must be 12 digits, got "${accountId}"` };
  const trustedAccounts = commaList(values['trusted-accounts']);
  const badAccounts = trustedAccounts.filter((a) => !ACCOUNT_ID.test(a));
  if (badAccounts.length > 0) return { error: `--trusted-accounts takes 12-digit account IDs, got ${badAccounts.map((a) => `"${a}"`).join(', ')}` };
  const organizationId = values['organization-id'];
  if (organizationId !== undefined && !ORGANIZATION_ID.test(organizationId)) {
    return { error: `--organization-id must be an AWS Organizations ID ("o-" and 10 to 32 lower-case letters or digits), got "${organizationId}"` };
  }
  if (values.config !== undefined && values['no-config']) return { error: '--config and --no-config exclude each other' };
  const failOn = values['fail-on'];
  if (failOn !== 'none' && !SEVERITIES.includes(failOn as Severity)) return { error: `--fail-on must be one of ${SEVERITIES.join(', ')} or none, got "${failOn}"` };
  const ignore = commaList(values.ignore);
  const known = knownCodes();
  const unknown = ignore.filter((code) => !known.has(code));
  if (unknown.length > 0) return { error: `unknown rule code(s) in --ignore: ${unknown.join(', ')} (see --list-rules)` };
  return {
    flags: {
      format,
      failOn: failOn as Severity | 'none',
      ...(accountId !== undefined ? { accountId } : {}),
      trustedAccounts,
      ...(organizationId !== undefined ? { organizationId } : {}),
      ignore,
    },
  };
}

/** The exit status for findings: 1 when one is at or above --fail-on, else 0. */
export function statusFor(findings: Iterable<{ severity: Severity }>, failOn: Severity | 'none'): 0 | 1 {
  if (failOn === 'none') return 0;
  const threshold = SEVERITIES.indexOf(failOn);
  for (const f of findings) if (SEVERITIES.indexOf(f.severity) <= threshold) return 1;
  return 0;
}

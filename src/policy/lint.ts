import type { Finding } from './finding';
import { parsePolicy } from './parse';
import type { Rule } from './rule';
import { RULES } from './rules';

export interface LintOptions {
  /** The account the policy lives in; feeds the cross-account checks. */
  accountId?: string;
  /** Rule codes to silence. */
  ignore?: string[];
}

/** Never throws: a broken document still yields every finding that can be found. */
export function lint(text: string, options: LintOptions = {}): Finding[] {
  const policy = parsePolicy(text);
  const ignored = new Set(options.ignore ?? []);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (ignored.has(rule.meta.code)) continue;
    runRule(rule, policy, findings);
  }
  return findings.sort((a, b) => a.offset - b.offset);
}

function runRule(rule: Rule, policy: ReturnType<typeof parsePolicy>, findings: Finding[]): void {
  const { code, severity } = rule.meta;
  try {
    rule.check({
      policy,
      report({ message, offset, length }) {
        findings.push({
          code,
          severity,
          message,
          offset,
          length,
          range: { start: policy.lines.positionAt(offset), end: policy.lines.positionAt(offset + length) },
        });
      },
    });
  } catch (error) {
    // A rule bug must not hide the other rules' findings.
    findings.push({
      code: 'internal-error',
      severity: 'warning',
      message: `Rule ${code} failed: ${error instanceof Error ? error.message : String(error)}`,
      offset: 0,
      length: 0,
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    });
  }
}

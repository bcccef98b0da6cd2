import { SEVERITIES, type Finding, type Severity } from '../base/finding';
import { MAX_DOCUMENT_CHARS } from '../base/limits';
import { buildModel, type PolicyModel } from '../model/model';
import { parsePolicy } from '../syntax/parse';
import { nodeSpan, type Rule, type RuleContext, type RuleOptions, type RuleReport } from './rule';
import { RULES } from './rules';
import { applySeverities, silencedCodes, type SeverityOverrides } from './config';

export interface LintOptions extends RuleOptions {
  /** Rule codes to silence. */
  ignore?: readonly string[];
  /** Re-graded rule codes: a finding of the code is reported at that severity, or not at all ('off'). */
  severity?: SeverityOverrides;
}

/** Never throws: a broken document still yields every finding that can be found. */
export function lint(text: string, options: LintOptions = {}): Finding[] {
  // Nothing ignored or re-graded (the usual call): no sets to build, nothing to filter.
  if ((options.ignore === undefined || options.ignore.length === 0) && options.severity === undefined) return runRules(text, RULES, options);
  const silenced = silencedCodes(options);
  const rules = silenced.size > 0 ? RULES.filter((rule) => !silenced.has(rule.meta.code)) : RULES;
  return applySeverities(runRules(text, rules, options), options);
}

/** Runs the given rules only (the rule tests use it to test one rule in isolation). */
export function runRules(text: string, rules: readonly Rule[], options: RuleOptions = {}): Finding[] {
  if (text.length > MAX_DOCUMENT_CHARS) return rules.some((r) => r.meta.code === 'size-exceeds-quota') ? [tooLarge(text)] : [];
  let model: PolicyModel;
  try {
    model = buildModel(parsePolicy(text));
  } catch (error) {
    // Not expected (deep nesting and size are limited above); reported, never thrown.
    const message = `The policy could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return [{ code: 'internal-error', severity: 'warning', message, offset: 0, length: 0, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }];
  }
  const { lines } = model.parsed;
  const findings: Finding[] = [];
  // One context serves every rule (rather than a context and closures per rule, which cost
  // more than most rules' checks on a small policy): `current` says whose findings these are.
  let current: Rule = rules[0]!;
  const range = (offset: number, length: number) => ({ start: lines.positionAt(offset), end: lines.positionAt(offset + length) });
  const finding = (code: string, severity: Severity, { message, offset, length, related }: RuleReport): Finding => ({
    code,
    severity,
    message,
    offset,
    length,
    range: range(offset, length),
    ...(related ? { related: related.map((r) => ({ ...r, range: range(r.offset, r.length) })) } : {}),
  });
  // A rule may report one finding lower than its meta.severity, never higher.
  const severityOf = (problem: RuleReport) =>
    problem.severity && SEVERITIES.indexOf(problem.severity) > SEVERITIES.indexOf(current.meta.severity) ? problem.severity : current.meta.severity;
  const report = (problem: RuleReport) => findings.push(finding(current.meta.code, severityOf(problem), problem));
  const context: RuleContext = {
    policy: model.parsed,
    model,
    options: { accountId: options.accountId, trustedAccounts: options.trustedAccounts, organizationId: options.organizationId },
    report,
    reportAt: (node, message, related, severity) =>
      report({
        message,
        ...nodeSpan(node),
        ...(related ? { related: related.map((r) => ({ message: r.message, ...nodeSpan(r.node) })) } : {}),
        ...(severity ? { severity } : {}),
      }),
  };
  for (const rule of rules) {
    current = rule;
    try {
      rule.check(context);
    } catch (error) {
      // A rule bug must not hide the other rules' findings.
      const message = `Rule ${rule.meta.code} failed: ${error instanceof Error ? error.message : String(error)}`;
      findings.push(finding('internal-error', 'warning', { message, offset: 0, length: 0 }));
    }
  }
  return findings.sort((a, b) => a.offset - b.offset || a.length - b.length);
}

/** The one finding for a document above MAX_DOCUMENT_CHARS, which is not parsed at all. */
function tooLarge(text: string): Finding {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return {
    code: 'size-exceeds-quota',
    severity: 'error',
    message: `The document is ${mib(text.length)}, above the ${mib(MAX_DOCUMENT_CHARS)} this linter reads, so it is not checked; IAM allows 4,096 characters for a trust policy`,
    offset: 0,
    length: 0,
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
  };
}

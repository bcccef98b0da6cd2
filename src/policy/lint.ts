import type { Finding, Severity } from './finding';
import { buildModel, type PolicyModel } from './model';
import { parsePolicy } from './parse';
import { nodeSpan, type Rule, type RuleOptions, type RuleReport } from './rule';
import { RULES } from './rules';

export interface LintOptions extends RuleOptions {
  /** Rule codes to silence. */
  ignore?: string[];
}

/** Never throws: a broken document still yields every finding that can be found. */
export function lint(text: string, options: LintOptions = {}): Finding[] {
  const ignored = new Set(options.ignore ?? []);
  return runRules(text, RULES.filter((rule) => !ignored.has(rule.meta.code)), options);
}

/** Runs the given rules only (the rule tests use it to test one rule in isolation). */
export function runRules(text: string, rules: readonly Rule[], options: RuleOptions = {}): Finding[] {
  const model = buildModel(parsePolicy(text));
  const findings: Finding[] = [];
  for (const rule of rules) runRule(rule, model, options, findings);
  return findings.sort((a, b) => a.offset - b.offset || a.length - b.length);
}

function runRule(rule: Rule, model: PolicyModel, options: RuleOptions, findings: Finding[]): void {
  const { lines } = model.parsed;
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
  const report = (problem: RuleReport) => findings.push(finding(rule.meta.code, rule.meta.severity, problem));
  try {
    rule.check({
      policy: model.parsed,
      model,
      options: { accountId: options.accountId },
      report,
      reportAt: (node, message, related) =>
        report({ message, ...nodeSpan(node), ...(related ? { related: related.map((r) => ({ message: r.message, ...nodeSpan(r.node) })) } : {}) }),
    });
  } catch (error) {
    // A rule bug must not hide the other rules' findings.
    const message = `Rule ${rule.meta.code} failed: ${error instanceof Error ? error.message : String(error)}`;
    findings.push(finding('internal-error', 'warning', { message, offset: 0, length: 0 }));
  }
}

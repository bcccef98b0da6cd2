import type { Finding, Severity } from './finding';
import { buildModel } from './model';
import { parsePolicy } from './parse';
import { nodeSpan, type Rule, type RuleContext, type RuleOptions, type RuleReport } from './rule';
import { RULES } from './rules';

export interface LintOptions extends RuleOptions {
  /** Rule codes to silence. */
  ignore?: string[];
}

/** Never throws: a broken document still yields every finding that can be found. */
export function lint(text: string, options: LintOptions = {}): Finding[] {
  const ignore = options.ignore;
  const rules = ignore && ignore.length > 0 ? RULES.filter((rule) => !ignore.includes(rule.meta.code)) : RULES;
  return runRules(text, rules, options);
}

/** Runs the given rules only (the rule tests use it to test one rule in isolation). */
export function runRules(text: string, rules: readonly Rule[], options: RuleOptions = {}): Finding[] {
  const model = buildModel(parsePolicy(text));
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
  const report = (problem: RuleReport) => findings.push(finding(current.meta.code, current.meta.severity, problem));
  const context: RuleContext = {
    policy: model.parsed,
    model,
    options: { accountId: options.accountId },
    report,
    reportAt: (node, message, related) =>
      report({ message, ...nodeSpan(node), ...(related ? { related: related.map((r) => ({ message: r.message, ...nodeSpan(r.node) })) } : {}) }),
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

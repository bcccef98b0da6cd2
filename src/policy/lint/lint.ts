import type { Node } from 'jsonc-parser';
import { SEVERITIES, type Finding, type Severity } from '../base/finding';
import { MAX_DOCUMENT_CHARS } from '../base/limits';
import { buildModel, type PolicyModel } from '../model/model';
import type { LineIndex } from '../syntax/lineIndex';
import { parsePolicy } from '../syntax/parse';
import { nodeSpan, type Rule, type RuleContext, type RuleNeed, type RuleOptions, type RuleReport } from './rule';
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

/**
 * Runs the given rules only (the rule tests use it to test one rule in isolation). A rule whose
 * meta.needs the policy lacks is not run, as it cannot report; `skipByNeeds: false` runs every
 * rule (test/unit/ruleNeeds.test.ts compares the two).
 */
export function runRules(text: string, rules: readonly Rule[], options: RuleOptions = {}, skipByNeeds = true): Finding[] {
  if (text.length > MAX_DOCUMENT_CHARS) return rules.some((r) => r.meta.code === 'size-exceeds-quota') ? [tooLarge(text)] : [];
  let model: PolicyModel;
  try {
    model = buildModel(parsePolicy(text));
  } catch (error) {
    // Not expected (deep nesting and size are limited above); reported, never thrown.
    const message = `The policy could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return [{ code: 'internal-error', severity: 'warning', message, offset: 0, length: 0, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }];
  }
  const outer = run;
  run = { lines: model.parsed.lines, findings: [], rule: rules[0]! };
  try {
    const context: RuleContext = {
      policy: model.parsed,
      model,
      options: { accountId: options.accountId, trustedAccounts: options.trustedAccounts, organizationId: options.organizationId },
      report,
      reportAt,
    };
    const needs = skipByNeeds ? needMasks(rules) : undefined;
    const contents = needs ? policyContents(model) : 0;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (needs && (needs[i]! & contents) !== needs[i]) continue;
      run.rule = rule;
      try {
        rule.check(context);
      } catch (error) {
        // A rule bug must not hide the other rules' findings.
        const message = `Rule ${rule.meta.code} failed: ${error instanceof Error ? error.message : String(error)}`;
        run.findings.push(finding('internal-error', 'warning', { message, offset: 0, length: 0 }));
      }
    }
    // What error recovery made of a damaged span is not what the author wrote: only json-syntax speaks there.
    const damaged = model.parsed.damaged;
    if (damaged) run.findings = run.findings.filter((f) => f.code === 'json-syntax' || !inSpans(damaged, f.offset));
    // Sorting costs something even for no finding or one (most small policies).
    return run.findings.length > 1 ? run.findings.sort(byPlace) : run.findings;
  } finally {
    run = outer;
  }
}

// One context serves every rule of a lint, and its functions are made once, not per lint (a
// closure per function and lint cost more than many rules' checks on a small policy): they
// report into `run`, the lint under way (runRules() restores the one before, should a rule ever
// start a lint of its own).
let run: { lines: LineIndex; findings: Finding[]; rule: Rule } | undefined;

function report(problem: RuleReport): void {
  const { meta } = run!.rule;
  // A rule may report one finding lower than its meta.severity, never higher.
  const severity = problem.severity && SEVERITIES.indexOf(problem.severity) > SEVERITIES.indexOf(meta.severity) ? problem.severity : meta.severity;
  run!.findings.push(finding(meta.code, severity, problem));
}

// Built without object spreads, which cost more than the rest of reporting a finding (related
// places too: a RuleReport's related entries have exactly these three fields).
function reportAt(node: Node, message: string, related?: Array<{ node: Node; message: string }>, severity?: Severity): void {
  const { offset, length } = nodeSpan(node);
  const problem: RuleReport = { message, offset, length };
  if (related) {
    problem.related = related.map((r) => {
      const span = nodeSpan(r.node);
      return { message: r.message, offset: span.offset, length: span.length };
    });
  }
  if (severity) problem.severity = severity;
  report(problem);
}

function finding(code: string, severity: Severity, { message, offset, length, related }: RuleReport): Finding {
  const result: Finding = { code, severity, message, offset, length, range: range(offset, length) };
  if (related) result.related = related.map((r) => ({ message: r.message, offset: r.offset, length: r.length, range: range(r.offset, r.length) }));
  return result;
}

function range(offset: number, length: number): Finding['range'] {
  const { lines } = run!;
  return { start: lines.positionAt(offset), end: lines.positionAt(offset + length) };
}

const byPlace = (a: Finding, b: Finding) => a.offset - b.offset || a.length - b.length;

/** Whether the offset lies in one of the spans (sorted, not overlapping): a binary search, so that thousands of spans and findings stay linear-logarithmic. */
function inSpans(spans: ReadonlyArray<readonly [number, number]>, offset: number): boolean {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = spans[middle]!;
    if (offset < start) high = middle - 1;
    else if (offset >= end) low = middle + 1;
    else return true;
  }
  return false;
}

/** RuleNeed as bits of a number. */
const NEED_BITS: Readonly<Record<RuleNeed, number>> = {
  condition: 1 << 0,
  'aws-principal': 1 << 1,
  service: 1 << 2,
  federated: 1 << 3,
  'not-principal': 1 << 4,
  resource: 1 << 5,
  sid: 1 << 6,
  'multiple-statements': 1 << 7,
  'multiple-principals': 1 << 8,
  'multiple-actions': 1 << 9,
  'ip-condition': 1 << 10,
  'bool-condition': 1 << 11,
  'set-condition': 1 << 12,
  'multiple-values': 1 << 13,
  'policy-variable': 1 << 14,
  wildcard: 1 << 15,
};

/** Each rule's meta.needs as bits, by position: worked out once for RULES, and per call for any other list. */
let masksOfRules: Int32Array | undefined;
function needMasks(rules: readonly Rule[]): Int32Array {
  if (rules === RULES && masksOfRules) return masksOfRules;
  const masks = new Int32Array(rules.length);
  for (let i = 0; i < rules.length; i++) for (const need of rules[i]!.meta.needs ?? []) masks[i]! |= NEED_BITS[need];
  if (rules === RULES) masksOfRules = masks;
  return masks;
}

/** What the policy contains, as NEED_BITS (see RuleNeed): one pass over the statements and their condition entries, and a few searches of the text. */
function policyContents(model: PolicyModel): number {
  const statements = model.statements;
  let bits = statements.length > 1 ? NEED_BITS['multiple-statements'] : 0;
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i]!;
    for (const name of statement.elements.keys()) {
      if (name === 'Condition') bits |= NEED_BITS.condition;
      else if (name === 'Sid') bits |= NEED_BITS.sid;
      else if (name === 'NotPrincipal') bits |= NEED_BITS['not-principal'];
      else if (name === 'Resource' || name === 'NotResource') bits |= NEED_BITS.resource;
    }
    const principals = statement.principals;
    if (principals.length > 1) bits |= NEED_BITS['multiple-principals'];
    for (let j = 0; j < principals.length; j++) {
      const type = principals[j]!.type;
      if (type === 'AWS' || type === '*') bits |= NEED_BITS['aws-principal'];
      else if (type === 'Service') bits |= NEED_BITS.service;
      else if (type === 'Federated') bits |= NEED_BITS.federated;
    }
    if (statement.actions.length > 1 || statement.notActions.length > 1) bits |= NEED_BITS['multiple-actions'];
    const conditions = statement.conditions;
    for (let j = 0; j < conditions.length; j++) {
      const { op, values } = conditions[j]!;
      if (op.valueType === 'IPAddress') bits |= NEED_BITS['ip-condition'];
      else if (op.valueType === 'Bool' || op.valueType === 'Null') bits |= NEED_BITS['bool-condition'];
      if (op.setOperator !== undefined) bits |= NEED_BITS['set-condition'];
      if (values.length > 1) bits |= NEED_BITS['multiple-values'];
    }
  }
  // The model's strings are the text's, unescaped: only a \u escape can spell `$`, `{`, `*` or `?` otherwise.
  const text = model.parsed.text;
  if (text.includes('\\u')) bits |= NEED_BITS['policy-variable'] | NEED_BITS.wildcard;
  else {
    if (text.includes('${')) bits |= NEED_BITS['policy-variable'];
    if (text.includes('*') || text.includes('?')) bits |= NEED_BITS.wildcard;
  }
  return bits;
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

import type { Severity } from './finding';
import type { ParsedPolicy } from './parse';

export interface RuleMeta {
  /** Public contract: CLI output, docs anchors and editor diagnostics use it. */
  code: string;
  severity: Severity;
  description: string;
  rationale: string;
  badExample: string;
  goodExample: string;
  /** The IAM Access Analyzer check that reports the same problem, when there is one. */
  accessAnalyzer?: string;
}

export interface RuleReport {
  message: string;
  offset: number;
  length: number;
}

export interface RuleContext {
  policy: ParsedPolicy;
  report(problem: RuleReport): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

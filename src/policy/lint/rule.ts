import type { Node } from 'jsonc-parser';
import type { Severity } from '../base/finding';
import type { PolicyModel } from '../model/model';
import type { ParsedPolicy } from '../syntax/parse';

export interface RuleMeta {
  /** Public contract: CLI output, docs anchors and editor diagnostics use it. */
  code: string;
  severity: Severity;
  /** One line: what is wrong. */
  description: string;
  /** Why it matters: what IAM does with it, or who gets in. */
  rationale: string;
  /** A policy (or the relevant part of one) that the rule reports … */
  badExample: string;
  /** … and the same, fixed. */
  goodExample: string;
  /** The IAM Access Analyzer check that reports the same problem, when there is one. */
  accessAnalyzer?: string;
}

export interface RuleReport {
  message: string;
  offset: number;
  length: number;
  /** Other places that explain the finding. */
  related?: Array<{ message: string; offset: number; length: number }>;
}

export interface RuleOptions {
  /** The 12-digit account the role lives in, when known. */
  accountId?: string;
}

export interface RuleContext {
  policy: ParsedPolicy;
  model: PolicyModel;
  options: RuleOptions;
  report(problem: RuleReport): void;
  /**
   * Reports at a node: a key or scalar value as a whole; an object or array at its opening
   * brace or bracket (the "element that lacks something" form).
   */
  reportAt(node: Node, message: string, related?: Array<{ node: Node; message: string }>): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** The span reportAt() uses for a node. */
export function nodeSpan(node: Node): { offset: number; length: number } {
  if (node.type === 'object' || node.type === 'array') return { offset: node.offset, length: 1 };
  if (node.type === 'property') return nodeSpan(node.children?.[0] ?? { ...node, type: 'string' });
  return { offset: node.offset, length: node.length };
}

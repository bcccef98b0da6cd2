import type { Node } from 'jsonc-parser';
import type { Severity } from '../base/finding';
import type { PolicyModel } from '../model/model';
import type { ParsedPolicy } from '../syntax/parse';

export interface RuleMeta {
  /** Public contract: CLI output, docs anchors and editor diagnostics use it. */
  code: string;
  /**
   * The severity of its findings; the highest it reports. A finding whose weight depends on a
   * fact the linter was not given may be reported lower (RuleReport.severity), never higher.
   */
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
  /**
   * What a policy must contain, all of it, for the rule to possibly report: lint() does not run
   * the rule on a policy that lacks one (most rules cannot apply to most small policies, and
   * running them cost more than the rest of a lint). Declare only what the check cannot report
   * without; test/unit/ruleNeeds.test.ts lints with and without this skipping and compares.
   */
  needs?: readonly RuleNeed[];
}

/**
 * What a policy contains, as the rules' `needs` name it (policyContents() in lint.ts tells them):
 * - `condition`: a statement with a `Condition` element (so condition entries, operator blocks
 *   and restricting entries may exist);
 * - `aws-principal`, `service`, `federated`: a principal entry (of Principal or NotPrincipal)
 *   of type `AWS` or the bare `"*"`, of type `Service`, of type `Federated`;
 * - `not-principal`, `resource` (Resource or NotResource), `sid`: a statement with that element;
 * - `multiple-statements`; `multiple-principals`, `multiple-actions`: a statement with two or
 *   more principal entries, or two or more items in Action or in NotAction;
 * - `ip-condition`, `bool-condition`, `set-condition`: a condition entry whose operator compares
 *   IP addresses (IpAddress, NotIpAddress), is Bool or Null, or is ForAllValues:… or ForAnyValue:…
 *   (any form: IfExists, set operator); `multiple-values`: a condition entry with two or more values;
 * - `policy-variable`, `wildcard`: `${`, or `*` or `?`, somewhere in the text (or a `\u` escape,
 *   which could spell them).
 */
export type RuleNeed =
  | 'condition'
  | 'aws-principal'
  | 'service'
  | 'federated'
  | 'not-principal'
  | 'resource'
  | 'sid'
  | 'multiple-statements'
  | 'multiple-principals'
  | 'multiple-actions'
  | 'ip-condition'
  | 'bool-condition'
  | 'set-condition'
  | 'multiple-values'
  | 'policy-variable'
  | 'wildcard';

export interface RuleReport {
  message: string;
  offset: number;
  length: number;
  /** Other places that explain the finding. */
  related?: Array<{ message: string; offset: number; length: number }>;
  /** Lower than the rule's meta.severity for this finding (one above it is capped to it). */
  severity?: Severity;
}

export interface RuleOptions {
  /** The 12-digit account the role lives in, when known; it is inside the zone of trust. */
  accountId?: string;
  /** Other 12-digit accounts that are the user's own (or trusted as such): the zone of trust. */
  trustedAccounts?: readonly string[];
  /** The user's AWS Organizations ID (`o-…`): a principal restricted by aws:PrincipalOrgID to it is inside the zone. */
  organizationId?: string;
}

/** Whether the options declare a zone of trust at all (an account, trusted accounts or an organisation). */
export function declaresZone(options: RuleOptions): boolean {
  return Boolean(options.accountId || options.organizationId || (options.trustedAccounts && options.trustedAccounts.length > 0));
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
  reportAt(node: Node, message: string, related?: Array<{ node: Node; message: string }>, severity?: Severity): void;
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

/** The policy engine as a library (dist/policy.js); never imports 'vscode'. */
export { lint, type LintOptions } from './lint/lint';
export type { Finding, Position, Severity } from './base/finding';
export { SEVERITIES } from './base/finding';
export type { RuleMeta } from './lint/rule';
export { RULES } from './lint/rules';
export { TRUST_POLICY_TEMPLATES, renderSnippetsFile, renderTemplate, type TrustPolicyTemplate } from './authoring/templates';
export { renderRulesMarkdown } from './lint/docs';
export { runRules } from './lint/lint';
export { evaluate, describeDecision, type AssumeRequest, type EvaluationResult, type StatementVerdict, type ConditionVerdict, type Decision } from './evaluate/evaluate';
export { lintEmbedded, extractPolicies, embeddingKind, type EmbeddingKind, type EmbeddedPolicy } from './embedded';

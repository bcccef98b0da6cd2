/** The policy engine as a library (dist/policy.js); never imports 'vscode'. */
export { lint, type LintOptions } from './lint';
export type { Finding, Position, Severity } from './finding';
export { SEVERITIES } from './finding';
export type { RuleMeta } from './rule';
export { RULES } from './rules';
export { TRUST_POLICY_TEMPLATES, renderSnippetsFile, renderTemplate, type TrustPolicyTemplate } from './templates';
export { renderRulesMarkdown } from './docs';
export { runRules } from './lint';
export { evaluate, describeDecision, type AssumeRequest, type EvaluationResult, type StatementVerdict, type ConditionVerdict, type Decision } from './evaluate';
export { lintEmbedded, extractPolicies, embeddingKind, type EmbeddingKind, type EmbeddedPolicy } from './embedded';

/**
 * Findings with their rule's explanation (RULES meta), as plain data and as Markdown: what the
 * language-model lint tool returns (src/language/lmTools/lintPolicyTool.ts). Pure.
 */
import { SEVERITIES, type Finding, type Severity } from '../base/finding';
import type { RuleMeta } from './rule';
import { RULES } from './rules';

export interface ReportedFinding {
  code: string;
  severity: Severity;
  message: string;
  /** 1-based, as editors show them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The rule's one-line description and why it matters; absent for codes that are not rules (suppressions, notices). */
  rule?: Pick<RuleMeta, 'description' | 'rationale'> & { accessAnalyzer?: string };
}

let metaByCode: Map<string, RuleMeta> | undefined;

/** Each finding with its rule's explanation, in the order given. */
export function reportFindings(findings: readonly Finding[]): ReportedFinding[] {
  metaByCode ??= new Map(RULES.map((r) => [r.meta.code, r.meta]));
  return findings.map((f) => {
    const meta = metaByCode!.get(f.code);
    return {
      code: f.code,
      severity: f.severity,
      message: f.message,
      line: f.range.start.line,
      column: f.range.start.column,
      endLine: f.range.end.line,
      endColumn: f.range.end.column,
      ...(meta ? { rule: { description: meta.description, rationale: meta.rationale, ...(meta.accessAnalyzer ? { accessAnalyzer: meta.accessAnalyzer } : {}) } } : {}),
    };
  });
}

/** How many findings of each severity, most severe first, e.g. "1 security, 2 warning". */
export function countBySeverity(findings: readonly Pick<Finding, 'severity'>[]): string {
  const parts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  return parts.length ? parts.map(([s, n]) => `${n} ${s}`).join(', ') : 'no findings';
}

/** The findings as Markdown: a summary line, then one entry per finding with its rule's explanation once per code. */
export function findingsMarkdown(findings: readonly ReportedFinding[], name: string): string {
  const lines = [`# Trust policy check: ${name}`, '', `${findings.length} finding${findings.length === 1 ? '' : 's'} (${countBySeverity(findings)}).`, ''];
  if (findings.length === 0) lines.push('The policy is clean: no rule reports anything.');
  const explained = new Set<string>();
  for (const f of findings) {
    lines.push(`- Line ${f.line}, column ${f.column} — **${f.severity}** \`${f.code}\`: ${f.message}`);
    if (f.rule && !explained.has(f.code)) {
      explained.add(f.code);
      lines.push(`  - Rule: ${f.rule.description}`, `  - Why it matters: ${f.rule.rationale}`);
      if (f.rule.accessAnalyzer) lines.push(`  - IAM Access Analyzer reports it as ${f.rule.accessAnalyzer}.`);
    }
  }
  lines.push('', 'Severities: error = IAM rejects the policy; security = the wrong party can get in; warning = likely a mistake; suggestion = hardening.');
  return lines.join('\n') + '\n';
}

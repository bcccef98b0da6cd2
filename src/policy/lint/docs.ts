import { SEVERITIES, type Severity } from '../base/finding';
import type { Rule } from './rule';

const SEVERITY_MEANING: Record<Severity, string> = {
  error: 'IAM rejects the policy, or the statement can never work',
  security: 'someone outside your organisation can get in as written',
  warning: 'probably not what you meant',
  suggestion: 'hardening worth considering, or a finding that depends on a fact the linter was not given (it says which)',
};

/** docs/rules.md, generated from the rules' metadata so that docs and engine never disagree. */
export function renderRulesMarkdown(rules: readonly Rule[]): string {
  const out: string[] = [
    '# Trust-policy rules',
    '',
    '<!-- Generated from the rules\' metadata by `npm run generate`; do not edit. -->',
    '',
    'Every finding of the editor, of `trust-policy-lint` and of `dist/policy.js` carries one of these codes.',
    'Silence or re-grade a rule for a project in `.iamtrust.json` (`ignore`, `severity`; docs/configuration.md), with `--ignore CODE` on the command line or the `iamTrust.ignore` setting, and one finding with a comment that gives the reason (`# iam-trust-ignore CODE: reason` in YAML and Terraform, `//` in JSONC).',
    'A rule reports at most the severity it is listed under; where the weight depends on a fact such as which accounts are yours, its section says when it reports lower.',
    '',
    '| Severity | Meaning |',
    '|---|---|',
    ...SEVERITIES.map((s) => `| ${s} | ${SEVERITY_MEANING[s]} |`),
    '',
  ];
  for (const severity of SEVERITIES) {
    const group = rules.filter((r) => r.meta.severity === severity);
    if (group.length === 0) continue;
    out.push(`## ${severity[0]!.toUpperCase()}${severity.slice(1)}`, '');
    out.push('| Code | What it finds |', '|---|---|');
    for (const { meta } of group) out.push(`| [\`${meta.code}\`](#${meta.code}) | ${escapeCell(meta.description)} |`);
    out.push('');
  }
  for (const { meta } of rules) {
    out.push(
      `### ${meta.code}`,
      '',
      `**${meta.severity}** — ${meta.description}`,
      '',
      meta.rationale,
      '',
      ...(meta.accessAnalyzer ? [`IAM Access Analyzer: *${meta.accessAnalyzer}*.`, ''] : []),
      'Reported:',
      '',
      '```json',
      meta.badExample.trim(),
      '```',
      '',
      'Fixed:',
      '',
      '```json',
      meta.goodExample.trim(),
      '```',
      '',
    );
  }
  return out.join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

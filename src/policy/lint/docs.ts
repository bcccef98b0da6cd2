import { SEVERITIES, type Severity } from '../base/finding';
import type { Rule } from './rule';

const SEVERITY_MEANING: Record<Severity, string> = {
  error: 'IAM rejects the policy, or the statement can never work',
  security: 'the policy works, and lets the wrong party in',
  warning: 'probably not what you meant',
  suggestion: 'hardening worth considering',
};

/** docs/rules.md, generated from the rules' metadata so that docs and engine never disagree. */
export function renderRulesMarkdown(rules: readonly Rule[]): string {
  const out: string[] = [
    '# Trust-policy rules',
    '',
    '<!-- Generated from the rules\' metadata by `npm run generate`; do not edit. -->',
    '',
    'Every finding of the editor, of `trust-policy-lint` and of `dist/policy.js` carries one of these codes.',
    'Silence a rule with `--ignore CODE` on the command line or the `iamTrust.ignore` setting.',
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

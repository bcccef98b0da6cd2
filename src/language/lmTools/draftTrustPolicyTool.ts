import * as vscode from 'vscode';
import { draftParameters, draftTrustPolicy } from '../../policy/authoring/draftTrustPolicy';
import { countBySeverity, reportFindings } from '../../policy/lint/findingsReport';
import { lintOptionsFor, readLanguageSettings } from '../settings';
import { toolResult } from './toolResult';

export interface DraftInput {
  pattern: string;
  parameters?: Record<string, string>;
}

/**
 * Read-only: a hardened trust policy for a named pattern, from the templates of "New Trust
 * Policy…", checked with the user's zone of trust (iamTrust.accountId and the others) and
 * returned only when the engine reports nothing. Nothing is written or sent anywhere.
 */
export function draftTrustPolicyTool(): vscode.LanguageModelTool<DraftInput> {
  return {
    prepareInvocation(options) {
      return { invocationMessage: vscode.l10n.t('Drafting a trust policy for {0}', options.input.pattern) };
    },
    invoke(options) {
      const settings = readLanguageSettings();
      const lintOptions = lintOptionsFor(settings, undefined);
      const parameters: Record<string, string> = { ...(options.input.parameters ?? {}) };
      // The user's own account (iamTrust.accountId) when the pattern needs one and none was given.
      if (settings.accountId && parameters.accountId === undefined && draftParameters(options.input.pattern)?.some((p) => p.name === 'accountId')) parameters.accountId = settings.accountId;
      const result = draftTrustPolicy({ pattern: options.input.pattern, parameters }, lintOptions);
      if (!result.ok) {
        const findings = reportFindings(result.findings);
        const lines = ['No policy drafted.', '', ...result.problems.map((p) => `- ${p}`)];
        if (findings.length) lines.push('', `Findings (${countBySeverity(findings)}):`, ...findings.map((f) => `- ${f.severity} \`${f.code}\`: ${f.message}`));
        const expected = draftParameters(options.input.pattern);
        if (expected) lines.push('', `Parameters of ${options.input.pattern}:`, ...expected.map((p) => `- \`${p.name}\`: ${p.description}`));
        return toolResult(lines.join('\n') + '\n', { ok: false, problems: result.problems, findings });
      }
      const markdown = [
        `# Trust policy: ${result.template.label}`,
        '',
        result.template.detail,
        '',
        '```json',
        result.policy.trimEnd(),
        '```',
        '',
        'Checked by the IAM Trust engine with the workspace\'s zone of trust: no findings. Nothing was saved or sent to AWS.',
      ].join('\n');
      return toolResult(markdown + '\n', { ok: true, pattern: result.template.id, parameters: result.parameters, policy: result.policy });
    },
  };
}

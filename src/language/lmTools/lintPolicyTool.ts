import * as vscode from 'vscode';
import { findingsMarkdown, reportFindings } from '../../policy/lint/findingsReport';
import { checkText } from '../diagnostics';
import type { ProjectConfigs } from '../settings';
import { policySource, type PolicyInput } from './policySource';
import { toolResult } from './toolResult';

/**
 * Read-only: the engine's findings for a trust policy (text, a document, or the active editor),
 * exactly as the editor shows them (settings, `.iamtrust.json`, inline suppressions), each with
 * its rule's explanation.
 */
export function lintPolicyTool(configs: ProjectConfigs): vscode.LanguageModelTool<PolicyInput> {
  return {
    prepareInvocation(options) {
      const what = options.input.policy ? vscode.l10n.t('the given trust policy') : options.input.uri ? options.input.uri : vscode.l10n.t('the active document');
      return { invocationMessage: vscode.l10n.t('Checking {0}', what) };
    },
    async invoke(options) {
      const source = await policySource(options.input, configs);
      if (typeof source === 'string') return toolResult(source, { error: source });
      if (!source.recognised && !source.jsonLike) {
        const message = `${source.name} is not a trust policy, nor a CloudFormation template or Terraform file with trust policies in it: nothing to check.`;
        return toolResult(message, { name: source.name, error: message });
      }
      const findings = reportFindings(checkText(source.text, source.kind, source.options, source.style));
      const note = source.recognised ? '' : `\nNote: ${source.name} is not recognised as a trust policy (by name, content or iamTrust.files); it was checked as one anyway.\n`;
      return toolResult(findingsMarkdown(findings, source.name) + note, { name: source.name, kind: source.kind, findings });
    },
  };
}

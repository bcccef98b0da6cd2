import * as vscode from 'vscode';
import { extractPolicies } from '../../policy/embedded';
import { serialize } from '../../policy/embedded/value';
import type { AssumeRequest } from '../../policy/evaluate/evaluate';
import { whoCanAssume, whoCanAssumeMarkdown, type CallerQuestion } from '../../policy/evaluate/whoCanAssume';
import type { ProjectConfigs } from '../settings';
import { policySource, type PolicyInput } from './policySource';
import { toolResult } from './toolResult';

export interface ExplainInput extends PolicyInput {
  caller?: string;
  callerType?: AssumeRequest['principal']['type'];
  action?: string;
  context?: Record<string, string | string[]>;
  roleArn?: string;
}

/**
 * Read-only: whom a trust policy lets in, statement by statement (the code lenses' summary),
 * and for a given caller and request context whether IAM's evaluation allows it (evaluate()).
 * A CloudFormation template or Terraform file is answered policy by policy.
 */
export function explainWhoCanAssumeTool(configs: ProjectConfigs): vscode.LanguageModelTool<ExplainInput> {
  return {
    prepareInvocation(options) {
      const { caller } = options.input;
      return { invocationMessage: caller ? vscode.l10n.t('Checking whether {0} can assume the role', caller) : vscode.l10n.t('Reading whom the trust policy trusts') };
    },
    async invoke(options) {
      const input = options.input;
      const source = await policySource(input, configs);
      if (typeof source === 'string') return toolResult(source, { error: source });
      const question: CallerQuestion | undefined = input.caller
        ? { caller: input.caller, ...(input.callerType ? { callerType: input.callerType } : {}), ...(input.action ? { action: input.action } : {}), ...(input.context ? { context: input.context } : {}), ...(input.roleArn ? { roleArn: input.roleArn } : {}) }
        : undefined;
      const policies =
        source.kind === 'policy'
          ? [{ name: source.name, text: source.text }]
          : extractPolicies(source.text, source.kind, source.options).map((p) => ({ name: `${p.name} in ${source.name}`, text: p.raw?.text ?? serialize(p.value).text }));
      if (policies.length === 0) {
        const message = `${source.name} holds no trust policy that could be read.`;
        return toolResult(message, { name: source.name, error: message });
      }
      const answers = policies.map((p) => ({ name: p.name, ...whoCanAssume(p.text, question) }));
      return toolResult(answers.map((a) => whoCanAssumeMarkdown(a, a.name)).join('\n'), answers);
    },
  };
}

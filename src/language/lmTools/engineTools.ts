// The language-model tools that need the policy engine: part of dist/language.js, created when
// a tool is first used (registerTools.ts registers stand-ins at activation).
import type * as vscode from 'vscode';
import { ProjectConfigs } from '../settings';
import { draftTrustPolicyTool } from './draftTrustPolicyTool';
import { explainWhoCanAssumeTool } from './explainWhoCanAssumeTool';
import { lintPolicyTool } from './lintPolicyTool';
import { LM_TOOLS, type EngineToolName } from './toolNames';

export interface EngineTools extends vscode.Disposable {
  readonly tools: Readonly<Record<EngineToolName, vscode.LanguageModelTool<never>>>;
}

export function createEngineTools(): EngineTools {
  // The `.iamtrust.json` of each document, as the diagnostics read it.
  const configs = new ProjectConfigs();
  return {
    tools: {
      [LM_TOOLS.lintTrustPolicy]: lintPolicyTool(configs),
      [LM_TOOLS.explainWhoCanAssume]: explainWhoCanAssumeTool(configs),
      [LM_TOOLS.draftTrustPolicy]: draftTrustPolicyTool(),
    } as EngineTools['tools'],
    dispose: () => configs.dispose(),
  };
}

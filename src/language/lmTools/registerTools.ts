// The language-model tools (contributes.languageModelTools), registered at activation as VS Code
// requires, each created on first use: the read-only ones need the policy engine, which
// dist/language.js holds (`loadEngineTools`, lazyLanguage.ts loads it); the ones that act (open a
// live role's policy, assume a role) come with the session's commands in dist/commands.js
// (`loadSessionTools`, lazyCommands.ts loads it).
import * as vscode from 'vscode';
import type { EngineTools } from './engineTools';
import { LM_TOOLS, type EngineToolName } from './toolNames';

/** The acting tools, as commandFeatures.ts makes them. */
export interface SessionTools {
  readonly openRoleTrustPolicy: vscode.LanguageModelTool<never>;
  readonly assumeRole: vscode.LanguageModelTool<never>;
}

/** A tool whose implementation is created when first prepared or invoked. */
function lazyTool(load: () => vscode.LanguageModelTool<never>): vscode.LanguageModelTool<object> {
  return {
    prepareInvocation: (options, token) => load().prepareInvocation?.(options as never, token),
    invoke: (options, token) => load().invoke(options as never, token),
  };
}

export function registerLanguageModelTools(loadEngineTools: () => EngineTools, loadSessionTools: () => SessionTools): vscode.Disposable {
  // vscode.lm exists from VS Code 1.90; an older or trimmed host (some forks) simply gets no tools.
  if (typeof vscode.lm?.registerTool !== 'function') return new vscode.Disposable(() => undefined);
  const engine = (name: EngineToolName) => lazyTool(() => loadEngineTools().tools[name]);
  return vscode.Disposable.from(
    vscode.lm.registerTool(LM_TOOLS.lintTrustPolicy, engine(LM_TOOLS.lintTrustPolicy)),
    vscode.lm.registerTool(LM_TOOLS.explainWhoCanAssume, engine(LM_TOOLS.explainWhoCanAssume)),
    vscode.lm.registerTool(LM_TOOLS.draftTrustPolicy, engine(LM_TOOLS.draftTrustPolicy)),
    vscode.lm.registerTool(LM_TOOLS.openRoleTrustPolicy, lazyTool(() => loadSessionTools().openRoleTrustPolicy)),
    vscode.lm.registerTool(LM_TOOLS.assumeRole, lazyTool(() => loadSessionTools().assumeRole)),
  );
}

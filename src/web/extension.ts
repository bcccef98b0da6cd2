// The browser entry (package.json "browser": dist/web/extension.js), for vscode.dev and
// github.dev, where extensions run in a Web Worker: no Node, no terminal, no process to hand
// credentials to, and no STS. It gives the language features only, from the same modules as the
// Node entry's dist/language.js: diagnostics (trust policy files, CloudFormation/SAM templates,
// Terraform), completion, hover, quick fixes, code lenses, Check Who Can Assume, Validate
// Workspace, New Trust Policy… and the read-only language model tools. The session commands,
// the status-bar item, the live roles (iam-role:) and the IAM Roles view are not registered here,
// and package.json hides them with `!isWeb`. A worker cannot require a second file, so this is
// one bundle, loaded whole at activation. scripts/build.mjs fails the build on any Node built-in.
import * as vscode from 'vscode';
import { registerCheckWhoCanAssumeCommand } from '../commands/policy/checkWhoCanAssume';
import { ExplanationDocuments } from '../commands/policy/explanationDocument';
import { registerNewTrustPolicyCommand } from '../commands/policy/newTrustPolicy';
import { registerValidateWorkspaceCommand } from '../commands/policy/validateWorkspace';
import { trackWalkthroughProgress } from '../commands/walkthroughProgress';
import { registerCodeActions } from '../language/codeActions';
import { StatementSummaryLenses } from '../language/codeLens';
import { registerCompletion } from '../language/completion';
import { TrustPolicyDiagnostics } from '../language/diagnostics';
import { registerHover } from '../language/hover';
import { createEngineTools, type EngineTools } from '../language/lmTools/engineTools';
import { LM_TOOLS } from '../language/lmTools/toolNames';
import { SessionState } from '../session/sessionState';

/** What activate() returns in the browser (tests read it). */
export interface IamTrustWebApi {
  /** Wall time spent inside activate(), in milliseconds. */
  readonly activationTimeMs: number;
  /** Fires when a document's trust-policy diagnostics were published. */
  readonly onDidUpdateDiagnostics: vscode.Event<vscode.Uri>;
}

/** The tools that only read and compute; the two that act (open a live role, assume a role) need AWS. */
function registerReadOnlyTools(engine: EngineTools): vscode.Disposable {
  if (typeof vscode.lm?.registerTool !== 'function') return new vscode.Disposable(() => undefined);
  const names = [LM_TOOLS.lintTrustPolicy, LM_TOOLS.explainWhoCanAssume, LM_TOOLS.draftTrustPolicy] as const;
  return vscode.Disposable.from(...names.map((name) => vscode.lm.registerTool(name, engine.tools[name])));
}

export function activate(context: vscode.ExtensionContext): IamTrustWebApi {
  const started = performance.now();
  // No role session can start in the browser: this one stays empty (Check Who Can Assume then
  // offers the policy's principals and typed ones, without "this window's role session").
  const session = new SessionState();
  const explanations = new ExplanationDocuments();
  const diagnostics = new TrustPolicyDiagnostics(context.extensionUri);
  const engineTools = createEngineTools();
  context.subscriptions.push(
    session,
    diagnostics,
    engineTools,
    registerCompletion(),
    registerHover(),
    registerCodeActions(),
    new StatementSummaryLenses().register(),
    registerCheckWhoCanAssumeCommand(session, explanations),
    registerValidateWorkspaceCommand(diagnostics),
    registerNewTrustPolicyCommand(),
    explanations.register(),
    registerReadOnlyTools(engineTools),
    trackWalkthroughProgress(session),
  );
  return { activationTimeMs: performance.now() - started, onDidUpdateDiagnostics: diagnostics.onDidUpdate };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

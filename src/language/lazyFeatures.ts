// The entry of dist/language.js: every feature that needs the engine, the IAM data, the YAML
// reader or the evaluator. dist/extension.js requires it only when a document may be a trust
// policy (lazySniff.ts) or one of the commands below is first run (lazyLanguage.ts).
import * as vscode from 'vscode';
import { registerCheckWhoCanAssumeCommand } from '../commands/policy/checkWhoCanAssume';
import type { ExplanationDocuments } from '../commands/policy/explanationDocument';
import { registerValidateWorkspaceCommand } from '../commands/policy/validateWorkspace';
import { registerOpenRoleTrustPolicyCommand } from '../commands/roles/openRoleTrustPolicy';
import { registerExplainDeniedCommand } from '../commands/session/explainDenied';
import { sessionTargets } from '../commands/session/sessionTargets';
import { RoleTrustPolicyFileSystem } from '../roles/roleTrustPolicyFs';
import type { SessionState } from '../session/sessionState';
import { registerCodeActions } from './codeActions';
import { StatementSummaryLenses } from './codeLens';
import { registerCompletion } from './completion';
import { TrustPolicyDiagnostics } from './diagnostics';
import { registerHover } from './hover';
import { createEngineTools, type EngineTools } from './lmTools/engineTools';

export interface LanguageFeatures extends vscode.Disposable {
  readonly diagnostics: TrustPolicyDiagnostics;
  /** The live roles' trust policies as documents (the iam-role scheme is registered by the caller). */
  readonly roleFiles: RoleTrustPolicyFileSystem;
  /** The read-only language-model tools (lint, explain, draft); registered by lmTools/registerTools.ts. */
  readonly languageModelTools: EngineTools;
}

/** Registers the features; the commands among them are lazyLanguage.ts LAZY_COMMANDS. */
export function activateLanguageFeatures(extensionUri: vscode.Uri, session: SessionState, explanations: ExplanationDocuments): LanguageFeatures {
  const diagnostics = new TrustPolicyDiagnostics(extensionUri);
  // Live roles: their trust policies as documents, read and saved with the session's (or the default) credentials.
  const roleFiles = new RoleTrustPolicyFileSystem(
    () => sessionTargets.iamWithSession(session),
    () => vscode.workspace.getConfiguration('iamTrust').get<string>('accountId', '') || undefined,
  );
  const languageModelTools = createEngineTools();
  const disposable = vscode.Disposable.from(
    diagnostics,
    languageModelTools,
    registerValidateWorkspaceCommand(diagnostics),
    roleFiles,
    registerOpenRoleTrustPolicyCommand(session),
    new StatementSummaryLenses().register(),
    registerCheckWhoCanAssumeCommand(session, explanations),
    registerExplainDeniedCommand(session, explanations),
    registerCompletion(),
    registerHover(),
    registerCodeActions(),
  );
  return { diagnostics, roleFiles, languageModelTools, dispose: () => disposable.dispose() };
}

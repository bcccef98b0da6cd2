// dist/commands.js (issue 15 §2): the session's commands and what a session needs, loaded by
// lazyCommands.ts on the first run of one of these commands or the first call of an acting
// language-model tool, or at start-up when a session may be
// restored (iamTrust.session.restoreOnReload). Only these modules set a session (Assume Role,
// Refresh, the restore), so everything that follows the session can start here: before this
// bundle loads there is none to follow.
import type * as vscode from 'vscode';
import { registerNewTrustPolicyCommand } from './policy/newTrustPolicy';
import { registerValidateWithAccessAnalyzerCommand } from './policy/validateWithAccessAnalyzer';
import { originCoveredByMfaSession, registerAssumeRoleCommands } from './session/assumeRole';
import { registerCopyCredentialsCommand } from './session/copyCredentials';
import { registerConsoleCommands } from './session/openConsole';
import { trackSessionContext } from './session/sessionContext';
import { watchSessionExpiry } from './session/sessionExpiry';
import { logSessionEvents } from './session/sessionLog';
import { registerSessionRestore } from './session/sessionRestore';
import { registerOpenSessionTerminalCommand, registerSessionMenuCommand, registerWhoAmICommand } from './session/sessionMenu';
import { registerClearSessionCommand, registerShowStatusCommand } from './session/showStatus';
import { trackSessionProgress } from './walkthroughProgress';
import { assumeRoleTool } from '../language/lmTools/assumeRoleTool';
import type { SessionTools } from '../language/lmTools/registerTools';
import { openRoleTrustPolicyTool } from '../language/lmTools/openRoleTrustPolicyTool';
import { CredentialEndpoint } from '../session/credentialEndpoint';
import { MfaSessions } from '../session/mfaSession';
import type { SessionState } from '../session/sessionState';
import { registerDebugSessionEnvironment } from '../terminal/debugSessions';
import { SessionEnvironment } from '../terminal/sessionEnvironment';
import { connectSessionToTerminals } from '../terminal/sessionToTerminals';

export interface CommandFeatures extends vscode.Disposable {
  /** What new terminals get from the session. */
  readonly environment: SessionEnvironment;
  /** The acting language-model tools (registered by registerTools.ts at activation). */
  readonly tools: SessionTools;
}

/** Registers the commands lazyCommands.ts stood in for (their stand-ins are gone) and follows the session. */
export function activateCommandFeatures(session: SessionState, context: vscode.ExtensionContext): CommandFeatures {
  // MFA once, not every hour (iamTrust.session.mfaSession): GetSessionToken keys, in memory only.
  const mfaSessions = new MfaSessions();
  const mfaCovered = () => originCoveredByMfaSession(mfaSessions, session.origin);
  const environment = new SessionEnvironment(context.environmentVariableCollection);
  // Programs in terminals get the session from this window's credential endpoint (127.0.0.1, a random port and token);
  // its server starts with the first session (without it, terminals get the keys).
  const endpoint = new CredentialEndpoint();
  const disposables: vscode.Disposable[] = [
    endpoint,
    // Terminals get the session while it lives; at expiry and after Clear they get nothing, and the endpoint refuses.
    connectSessionToTerminals(session, environment, endpoint),
    mfaSessions,
    // The palette lists session commands only while they can run.
    trackSessionContext(session),
    logSessionEvents(session),
    watchSessionExpiry(session, mfaCovered),
    trackSessionProgress(session),
    registerDebugSessionEnvironment(session, environment),
    registerNewTrustPolicyCommand(),
    registerShowStatusCommand(session),
    ...registerAssumeRoleCommands(session, context.globalState, mfaSessions),
    registerSessionMenuCommand(session, mfaCovered),
    registerOpenSessionTerminalCommand(session, environment),
    registerWhoAmICommand(session),
    registerClearSessionCommand(session),
    registerCopyCredentialsCommand(session),
    registerConsoleCommands(session),
    registerValidateWithAccessAnalyzerCommand(session, context.globalState),
    // Last: a restored session is set once everything above follows the session.
    registerSessionRestore(session, context),
  ];
  return {
    environment,
    tools: { openRoleTrustPolicy: openRoleTrustPolicyTool(session) as vscode.LanguageModelTool<never>, assumeRole: assumeRoleTool(session) as vscode.LanguageModelTool<never> },
    dispose: () => {
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}

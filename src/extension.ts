import * as vscode from 'vscode';
import { ExplanationDocuments } from './commands/policy/explanationDocument';
import { registerNewTrustPolicyCommand } from './commands/policy/newTrustPolicy';
import { registerValidateWithAccessAnalyzerCommand } from './commands/policy/validateWithAccessAnalyzer';
import { originCoveredByMfaSession, registerAssumeRoleCommands } from './commands/session/assumeRole';
import { registerCopyCredentialsCommand } from './commands/session/copyCredentials';
import { registerConsoleCommands } from './commands/session/openConsole';
import { trackSessionContext } from './commands/session/sessionContext';
import { watchSessionExpiry } from './commands/session/sessionExpiry';
import { logSessionEvents } from './commands/session/sessionLog';
import { registerSessionRestore } from './commands/session/sessionRestore';
import { registerOpenSessionTerminalCommand, registerSessionMenuCommand, registerWhoAmICommand } from './commands/session/sessionMenu';
import { registerClearSessionCommand, registerShowStatusCommand } from './commands/session/showStatus';
// Only what every window needs is imported here; the engine's features load on demand (lazyLanguage.ts).
import { LazyLanguageFeatures, type LanguageFeaturesStatus } from './language/lazyLanguage';
import { registerLanguageModelTools } from './language/lmTools/registerTools';
import { trackWalkthroughProgress } from './commands/walkthroughProgress';
import { SessionState } from './session/sessionState';
import { SessionStatusItem, type SessionStatusView } from './statusBar/sessionStatusItem';
import { SessionEnvironment } from './terminal/sessionEnvironment';
import { connectSessionToTerminals } from './terminal/sessionToTerminals';
import { CredentialEndpoint } from './session/credentialEndpoint';
import { MfaSessions } from './session/mfaSession';
import { registerSessionTerminalProfile } from './terminal/sessionTerminal';
import { registerDebugSessionEnvironment } from './terminal/debugSessions';
import { registerRolesView } from './roles/rolesView';

/** What activate() returns to other extensions and to our own tests. */
export interface IamTrustApi {
  /** Wall time spent inside activate(), in milliseconds. */
  readonly activationTimeMs: number;
  /** What the status-bar item shows, and whether it is shown. */
  readonly sessionStatus: SessionStatusView;
  /** Fires when a document's trust-policy diagnostics were published. */
  readonly onDidUpdateDiagnostics: vscode.Event<vscode.Uri>;
  /** What new terminals get from the extension (the role session's variables). */
  readonly terminalEnvironment: Pick<vscode.EnvironmentVariableCollection, 'get' | 'persistent' | 'description'>;
  /** Whether and why dist/language.js (the engine and its features) was loaded, and what it cost. */
  readonly languageFeatures: LanguageFeaturesStatus;
}

export function activate(context: vscode.ExtensionContext): IamTrustApi {
  const started = performance.now();
  const setting = <T>(name: string, fallback: T) => vscode.workspace.getConfiguration('iamTrust').get<T>(name, fallback);
  const session = new SessionState({ warnBeforeMs: () => setting('session.warnMinutes', 5) * 60_000 });
  // MFA once, not every hour (iamTrust.session.mfaSession): GetSessionToken keys, in memory only.
  const mfaSessions = new MfaSessions();
  const environment = new SessionEnvironment(context.environmentVariableCollection);
  // Programs in terminals get the session from this window's credential endpoint (127.0.0.1, a random port and token);
  // its server starts with the first session (without it, terminals get the keys).
  const endpoint = new CredentialEndpoint();
  // Terminals get the session while it lives; at expiry and after Clear they get nothing, and the endpoint refuses.
  const sessionToTerminals = connectSessionToTerminals(session, environment, endpoint);
  const sessionStatus = new SessionStatusItem(session, () => environment.caveats, (listener) => environment.onDidChange(listener));
  const explanations = new ExplanationDocuments();
  // Diagnostics, completion, hover, code actions and lenses, the live roles' documents and the
  // policy commands: loaded when a document may be a trust policy or such a command is first run.
  const language = new LazyLanguageFeatures(context.extensionUri, session, explanations);
  context.subscriptions.push(
    session,
    endpoint,
    sessionToTerminals,
    sessionStatus,
    language,
    // Tools for AI assistants: registered now, the read-only ones load the engine on first use.
    registerLanguageModelTools(session, () => language.load('language model tool').languageModelTools),
    trackWalkthroughProgress(session),
    registerNewTrustPolicyCommand(),
    registerShowStatusCommand(session),
    registerSessionRestore(session, context),
    mfaSessions,
    ...registerAssumeRoleCommands(session, context.globalState, mfaSessions),
    registerSessionMenuCommand(session, () => originCoveredByMfaSession(mfaSessions, session.origin)),
    registerOpenSessionTerminalCommand(session, environment),
    registerSessionTerminalProfile(session, environment),
    registerDebugSessionEnvironment(session, environment),
    registerWhoAmICommand(session),
    watchSessionExpiry(session, () => originCoveredByMfaSession(mfaSessions, session.origin)),
    logSessionEvents(session),
    registerClearSessionCommand(session),
    registerCopyCredentialsCommand(session),
    registerConsoleCommands(session),
    // The palette lists session commands only while they can run.
    trackSessionContext(session),
    registerValidateWithAccessAnalyzerCommand(session, context.globalState),
    explanations.register(),
    registerRolesView(session, explanations),
  );
  return {
    activationTimeMs: performance.now() - started,
    sessionStatus,
    onDidUpdateDiagnostics: language.onDidUpdateDiagnostics,
    terminalEnvironment: context.environmentVariableCollection,
    languageFeatures: language,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

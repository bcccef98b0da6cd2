import * as vscode from 'vscode';
// Only what every window needs is imported here. The engine's features load on demand
// (lazyLanguage.ts: dist/language.js), and so do the session's commands (lazyCommands.ts:
// dist/commands.js) and the IAM Roles view's items (rolesView.ts: dist/rolesView.js).
import { LazyCommands, type CommandFeaturesStatus } from './commands/lazyCommands';
import { LazyExplanationDocuments } from './commands/policy/lazyExplanationDocuments';
import { trackPolicyProgress, trackZoneProgress } from './commands/walkthroughProgress';
import { LazyLanguageFeatures, type LanguageFeaturesStatus } from './language/lazyLanguage';
import { registerLanguageModelTools } from './language/lmTools/registerTools';
import { registerRolesView } from './roles/rolesView';
import { SessionState } from './session/sessionState';
import { SessionStatusItem, type SessionStatusView } from './statusBar/sessionStatusItem';
import { registerSessionTerminalProfile } from './terminal/sessionTerminal';

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
  /** Whether and why dist/commands.js (the session's commands) was loaded. */
  readonly commandFeatures: CommandFeaturesStatus;
}

export function activate(context: vscode.ExtensionContext): IamTrustApi {
  const started = performance.now();
  const setting = <T>(name: string, fallback: T) => vscode.workspace.getConfiguration('iamTrust').get<T>(name, fallback);
  const session = new SessionState({ warnBeforeMs: () => setting('session.warnMinutes', 5) * 60_000 });
  // The session's commands, the terminals' environment and the credential endpoint: loaded by
  // the first session command (or a session to restore), as only they can set a session.
  const commands = new LazyCommands(session, context);
  const sessionStatus = new SessionStatusItem(session, () => commands.environment.caveats, (listener) => commands.environment.onDidChange(listener));
  const explanations = new LazyExplanationDocuments();
  // Diagnostics, completion, hover, code actions and lenses, the live roles' documents and the
  // policy commands: loaded when a document may be a trust policy or such a command is first run.
  const language = new LazyLanguageFeatures(context.extensionUri, session, explanations, trackPolicyProgress);
  context.subscriptions.push(
    session,
    commands,
    sessionStatus,
    language,
    explanations,
    // Tools for AI assistants: registered now, each loads what it needs on first use.
    registerLanguageModelTools(() => language.load('language model tool').languageModelTools, commands.sessionTools),
    registerSessionTerminalProfile(session, commands.environment),
    registerRolesView(session, explanations),
    // The walkthrough's zone-of-trust step (its other steps start with the bundles that make them happen).
    trackZoneProgress(),
  );
  return {
    activationTimeMs: performance.now() - started,
    sessionStatus,
    onDidUpdateDiagnostics: language.onDidUpdateDiagnostics,
    terminalEnvironment: context.environmentVariableCollection,
    languageFeatures: language,
    commandFeatures: commands,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

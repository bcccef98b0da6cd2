// The part of the session's commands that lives in dist/extension.js (issue 15 §2): a stand-in
// for each command of dist/commands.js (commandFeatures.ts), so that the palette has them all at
// once, and the decision when to load it. It loads on the first run of one of these commands,
// the first call of an acting language-model tool, at start-up when a session may be restored,
// or when iamTrust.session.restoreOnReload changes. A window that never assumes a role never loads it.
import * as vscode from 'vscode';
import type { SessionTools } from '../language/lmTools/registerTools';
import type { SessionState } from '../session/sessionState';
import type { SessionEnvironment } from '../terminal/sessionEnvironment';
import type { CommandFeatures } from './commandFeatures';
import { COMMANDS } from './ids';

/** The commands that commandFeatures.ts registers: stand-ins hold their ids until it loads. */
export const SESSION_BUNDLE_COMMANDS: readonly string[] = [
  COMMANDS.newTrustPolicy,
  COMMANDS.showStatus,
  COMMANDS.assumeRole,
  COMMANDS.refreshSession,
  COMMANDS.clearSession,
  COMMANDS.copyCredentials,
  COMMANDS.openConsole,
  COMMANDS.copyConsoleUrl,
  COMMANDS.openSessionTerminal,
  COMMANDS.whoAmI,
  COMMANDS.sessionMenu,
  // validateWithAccessAnalyzer.ts's VALIDATE_WITH_ACCESS_ANALYZER (not imported: that module's top level would come along).
  'iamTrust.validateWithAccessAnalyzer',
];

/** sessionRestore.ts's setting and global-state flag (test/unit/thinExtensionBundle.test.ts checks they are the same). */
export const RESTORE_SETTING = 'iamTrust.session.restoreOnReload';
export const RESTORE_STORED_FLAG = 'iamTrust.sessionStored';

/** What the API tells of the lazy part. */
export interface CommandFeaturesStatus {
  readonly loaded: boolean;
  /** Why it was loaded: the command, tool or start-up restore that needed it. */
  readonly reason: string | undefined;
}

export class LazyCommands implements vscode.Disposable, CommandFeaturesStatus {
  private features: CommandFeatures | undefined;
  private stubs: vscode.Disposable[];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly environmentListeners = new Set<() => void>();
  reason: string | undefined;

  constructor(
    private readonly session: SessionState,
    private readonly context: vscode.ExtensionContext,
  ) {
    this.stubs = SESSION_BUNDLE_COMMANDS.map((id) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        this.load(`command ${id}`);
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
    // The restore reads the secret storage whenever the option is on (it is the truth then), and
    // with the option off only to remove what was stored while it was on.
    const restoreOn = () => vscode.workspace.getConfiguration().get<boolean>(RESTORE_SETTING, false);
    if (restoreOn() || context.globalState.get<boolean>(RESTORE_STORED_FLAG, false)) this.load('session restore');
    else {
      // Before the first session nothing is stored: the restore's own listener takes over once loaded.
      const listener = vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(RESTORE_SETTING)) this.load(`setting ${RESTORE_SETTING}`);
      });
      this.disposables.push(listener);
    }
  }

  get loaded(): boolean {
    return this.features !== undefined;
  }

  /** Loads dist/commands.js and registers its commands in place of the stand-ins, once. */
  load(reason: string): CommandFeatures {
    if (this.features) return this.features;
    // esbuild turns this into require('./commands.js'), beside dist/extension.js (scripts/build.mjs).
    const { activateCommandFeatures } = require('./commandFeatures') as typeof import('./commandFeatures');
    for (const d of [...this.stubs, ...this.disposables.splice(0)]) d.dispose();
    this.stubs = [];
    const features = activateCommandFeatures(this.session, this.context);
    this.features = features;
    this.reason = reason;
    const forwarding = features.environment.onDidChange(() => {
      for (const listener of [...this.environmentListeners]) listener();
    });
    this.disposables.push(features, forwarding);
    return features;
  }

  /** The acting language-model tools (registerTools.ts). */
  readonly sessionTools = (): SessionTools => this.load('language model tool').tools;

  /**
   * What terminals get, for the status-bar item and the terminal profile: nothing until the
   * bundle loads (there is no session before it).
   */
  readonly environment: Pick<SessionEnvironment, 'caveats' | 'terminalOptionsEnv' | 'onDidChange'> = ((lazy: LazyCommands) => ({
    get caveats() {
      return lazy.features?.environment.caveats ?? [];
    },
    get terminalOptionsEnv() {
      return lazy.features?.environment.terminalOptionsEnv ?? {};
    },
    onDidChange: (listener: () => void) => {
      lazy.environmentListeners.add(listener);
      return { dispose: () => lazy.environmentListeners.delete(listener) };
    },
  }))(this);

  dispose(): void {
    for (const d of [...this.stubs, ...this.disposables]) d.dispose();
    this.environmentListeners.clear();
  }
}

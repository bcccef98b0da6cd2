import type * as vscode from 'vscode';
import { terminalEnvironment, type StartEnvironment, type TerminalEnvironment, type TerminalEnvironmentOptions } from '../session/terminalEnvironment';
import type { AssumedSession } from '../session/sts';

/**
 * Puts a session's credentials into every new integrated terminal, through the extension's
 * environment variable collection. Not persistent: VS Code would otherwise keep the secrets
 * in workspace storage across reloads.
 *
 * What is set comes from terminalEnvironment() (src/session/terminalEnvironment.ts): the keys,
 * never an empty value. A profile in VS Code's environment cannot be removed by a collection;
 * `terminalOptionsEnv` removes it in the terminals the extension opens itself, and `caveats`
 * says which clients it still misleads elsewhere.
 */
export class SessionEnvironment {
  private plan: TerminalEnvironment | undefined;
  private readonly listeners = new Set<() => void>();

  /** `start`: the environment terminals start from; VS Code's, which the extension host inherits. */
  constructor(
    private readonly collection: vscode.GlobalEnvironmentVariableCollection,
    private readonly start: StartEnvironment = process.env,
  ) {
    collection.persistent = false;
  }

  apply(session: AssumedSession, options: TerminalEnvironmentOptions = {}): void {
    const plan = terminalEnvironment(session, this.start, options);
    this.plan = plan;
    this.collection.clear();
    // Also applied again after the shell's rc file where VS Code's shell integration runs
    // (bash, zsh, fish, pwsh): keys or a region exported there do not replace the session's.
    for (const [name, value] of Object.entries(plan.set)) this.collection.replace(name, value, { applyAtProcessCreation: true, applyAtShellIntegration: true });
    this.collection.description = collectionDescription(session, plan);
    this.changed();
  }

  clear(): void {
    this.plan = undefined;
    this.collection.clear();
    this.collection.description = undefined;
    this.changed();
  }

  /**
   * Fires after apply() and clear(). The plan can come a tick after the session (the credential
   * endpoint starts with the window's first session): what shows the caveats listens here.
   */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** For `TerminalOptions.env` of the terminals the extension opens: null removes a variable there. */
  get terminalOptionsEnv(): Record<string, null> {
    return Object.fromEntries((this.plan?.remove ?? []).map((name) => [name, null]));
  }

  /** What session terminals get and go without, for other processes (debug sessions); undefined without a session. */
  get variables(): Pick<TerminalEnvironment, 'set' | 'remove'> | undefined {
    return this.plan ? { set: { ...this.plan.set }, remove: [...this.plan.remove] } : undefined;
  }

  /** How terminals get the session: the endpoint, or keys (undefined without a session). */
  get mode(): TerminalEnvironment['mode'] | undefined {
    return this.plan?.mode;
  }

  /** Why some client would not get the session in a terminal the extension did not open. */
  get caveats(): TerminalEnvironment['caveats'] {
    return this.plan?.caveats ?? [];
  }
}

/**
 * What VS Code shows for the collection in a terminal's environment hover: it puts the text into
 * a Markdown list item ("- `IAM Trust & Sessions`: …"), so it is one line, the ARN is a code
 * span, and the caveats (which quote profile names from the environment) cannot turn into
 * emphasis, links or HTML.
 */
export function collectionDescription(session: Pick<AssumedSession, 'assumedRoleArn' | 'expiration'>, plan: Pick<TerminalEnvironment, 'mode' | 'caveats'>): string {
  const how = plan.mode === 'endpoint' ? ' Served by this window\'s credential endpoint: running programs get refreshed keys, and none after Clear Session.' : '';
  const caveats = plan.caveats.map((c) => ` ${markdownText(c.message)}`).join('');
  return `AWS role session \`${session.assumedRoleArn}\`, until ${session.expiration.toLocaleTimeString()}.${how}${caveats}`.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Text as literal Markdown: the characters that start emphasis, code, links or HTML escaped (underscores inside words stay, as Markdown leaves them). */
function markdownText(text: string): string {
  return text.replace(/[\\`*[\]<>]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (ch) => `\\${ch}`);
}

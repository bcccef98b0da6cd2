import * as vscode from 'vscode';
import {
  consoleDestination,
  consolePartition,
  consoleSessionDuration,
  consoleSignInUrl,
  copiedSecretWarning,
  federationEndpoint,
} from '../../session/consoleSignIn';
import { roleNameOf } from '../../session/iam';
import type { SessionState } from '../../session/sessionState';
import { COMMANDS } from '../ids';
import { sessionTargets } from './sessionTargets';

/** What the commands take from a caller (tests, keybindings) instead of asking. */
export interface ConsoleArgs {
  /** A console path (`iam`, `ec2/home#Instances:`), `home`, or an https console URL. */
  destination?: string;
  region?: string;
}

/** Shown in the AWS console as where the sign-in came from. */
const ISSUER = 'vscode-iam-trust-sessions';

const DESTINATIONS: Array<{ label: string; path: string }> = [
  { label: 'Console Home', path: 'home' },
  { label: 'IAM', path: 'iam' },
  { label: 'CloudFormation', path: 'cloudformation' },
  { label: 'EC2', path: 'ec2' },
  { label: 'Lambda', path: 'lambda' },
  { label: 'S3', path: 's3' },
  { label: 'CloudWatch', path: 'cloudwatch' },
  { label: 'CloudTrail', path: 'cloudtrail' },
];

/**
 * "IAM: Open AWS Console as Role…" and "IAM: Copy Console URL": the federation sign-in with the
 * window's role session (src/session/consoleSignIn.ts). Both only read the session: a refusal
 * leaves it as it was, and without a live session nothing is sent.
 */
export function registerConsoleCommands(state: SessionState): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.openConsole, async (args?: ConsoleArgs) => {
      const signin = await signInUrl(state, args, 'Open AWS Console');
      if (!signin) return false;
      // A string, not Uri.parse(url): VS Code opens a string exactly as given, where a Uri would
      // re-encode the query (and the sign-in token and destination with it).
      return vscode.env.openExternal(signin.url as unknown as vscode.Uri);
    }),
    vscode.commands.registerCommand(COMMANDS.copyConsoleUrl, async (args?: ConsoleArgs) => {
      const signin = await signInUrl(state, args, 'Copy Console URL');
      if (!signin) return false;
      await vscode.env.clipboard.writeText(signin.url);
      void vscode.window.showWarningMessage(
        `${copiedSecretWarning({ text: 'a console sign-in URL' }, signin.assumedRoleArn, signin.expiresAt)} Until then, whoever opens it is signed in to the console as the role.`,
      );
      return true;
    }),
  );
}

async function signInUrl(state: SessionState, args: ConsoleArgs | undefined, title: string): Promise<{ url: string; expiresAt: Date; assumedRoleArn: string } | undefined> {
  const session = state.live;
  if (!session) {
    void vscode.window.showWarningMessage(state.current ? 'The role session has expired: assume the role again first.' : 'No role session to sign in with: run "IAM: Assume Role…" first.');
    return undefined;
  }
  const config = vscode.workspace.getConfiguration('iamTrust');
  const fail = (problem: string) => {
    void vscode.window.showErrorMessage(`${title}: ${problem}`);
    return undefined;
  };
  const partition = consolePartition(session);
  if ('problem' in partition) return fail(partition.problem);
  const endpoint = federationEndpoint(config.get<string>('console.federationEndpoint', ''), partition.partition);
  if ('problem' in endpoint) return fail(endpoint.problem);
  // An MFA session's keys (iamTrust.session.mfaSession) made this a role assumed with temporary credentials.
  // Role chaining (a role-session source, or an MFA session's keys) is recorded when the role is assumed.
  const chained = state.origin?.chained === true || (Boolean(state.origin?.answers.mfaSerial) && config.get<number>('session.mfaSession', 0) > 0);
  const duration = consoleSessionDuration(config.get<number>('console.sessionDurationSeconds', 0), chained);
  if ('problem' in duration) return fail(duration.problem);
  const region = args?.region ?? session.region ?? sessionTargets.region({});
  const spec = args?.destination ?? (config.get<string>('console.destination', '').trim() || (await pickDestination(title)));
  if (spec === undefined) return undefined;
  const destination = consoleDestination(spec, region, partition.partition);
  if ('problem' in destination) return fail(destination.problem);

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Signing in to the AWS console as ${roleNameOf(session.roleArn)}…`, cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return consoleSignInUrl(session, {
        endpoint: endpoint.endpoint,
        destination: destination.url,
        issuer: ISSUER,
        ...(duration.seconds !== undefined ? { sessionDurationSeconds: duration.seconds } : {}),
        signal: abort.signal,
      });
    },
  );
  if ('problem' in result) return fail(result.problem);
  if (duration.note) void vscode.window.showInformationMessage(duration.note);
  return { ...result, assumedRoleArn: session.assumedRoleArn };
}

async function pickDestination(title: string): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { path?: string };
  const items: Item[] = [...DESTINATIONS.map((d) => ({ label: d.label, description: d.path, path: d.path })), { label: 'Another console path…', description: 'e.g. ec2/home#Instances:' }];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Where to land in the console (iamTrust.console.destination sets it for good)' });
  if (!picked) return undefined;
  if (picked.path !== undefined) return picked.path;
  return vscode.window.showInputBox({ title, prompt: 'A console path, such as ec2/home#Instances: or s3/buckets', ignoreFocusOut: true });
}

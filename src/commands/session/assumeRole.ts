import * as vscode from 'vscode';
import { answersProblem, readRecentRoles, rememberRole, requestFrom, type AssumeRoleAnswers } from '../../session/answers';
import { explainStsError } from '../../session/errors';
import { listProfiles } from '../../session/profiles';
import type { SessionState } from '../../session/sessionState';
import { assumeRole, callerIdentity, isRoleSessionArn, withResolvedSource, type AssumedSession } from '../../session/sts';
import { DEFAULT_DURATION_SECONDS, validateDuration, validateMfaCode } from '../../session/validation';
import { pickRole, position, type AssumeRoleFlow } from './assumeRoleSteps';
import { COMMANDS } from '../ids';
import { MultiStepInput } from './multiStepInput';
import { sessionTargets } from './sessionTargets';

/** Arguments for running the command without prompts (keybindings, tasks, tests). */
export type AssumeRoleArgs = AssumeRoleAnswers;

const TITLE = 'Assume Role';
/** Where the recent roles are kept (global state: role ARNs and settings, never a secret). */
export const RECENT_ROLES_KEY = 'iamTrust.recentRoles';

/** "IAM: Assume Role…" and "IAM: Refresh Role Session". */
export function registerAssumeRoleCommands(state: SessionState, memento: vscode.Memento): vscode.Disposable[] {
  const assume = async (args?: AssumeRoleArgs) => {
    const answers = args ?? (await ask(memento));
    if (!answers) return undefined;
    const session = await execute(state, answers);
    if (session) await memento.update(RECENT_ROLES_KEY, rememberRole(readRecentRoles(memento.get(RECENT_ROLES_KEY)), answers));
    return session?.assumedRoleArn;
  };
  const refresh = async (options?: { silent?: boolean; mfaCode?: string }) => {
    const origin = state.origin;
    if (!origin) return assume();
    const answers: AssumeRoleAnswers = { ...origin.answers };
    if (answers.mfaSerial) {
      if (options?.silent) return undefined;
      const code =
        options?.mfaCode ??
        (await vscode.window.showInputBox({
          title: `Refresh ${origin.answers.roleArn}`,
          prompt: `The 6-digit code of your MFA device ${answers.mfaSerial}`,
          ignoreFocusOut: true,
          validateInput: validateMfaCode,
        }));
      if (code === undefined) return undefined;
      answers.mfaCode = code.trim();
    }
    return (await execute(state, answers, options?.silent ? { silent: true } : {}))?.assumedRoleArn;
  };
  return [vscode.commands.registerCommand(COMMANDS.assumeRole, assume), vscode.commands.registerCommand(COMMANDS.refreshSession, refresh)];
}

/** The quick input; undefined when the person cancels. */
async function ask(memento: vscode.Memento): Promise<AssumeRoleAnswers | undefined> {
  const config = vscode.workspace.getConfiguration('iamTrust');
  const flow: AssumeRoleFlow = {
    answers: { roleArn: '' },
    profiles: await listProfiles().catch(() => ({ roles: [], all: [] })),
    recent: readRecentRoles(memento.get(RECENT_ROLES_KEY)),
    targets: sessionTargets,
    fixedByProfile: new Set(),
    defaultDurationSeconds: config.get<number>('session.defaultDurationSeconds', DEFAULT_DURATION_SECONDS),
    mfaSerialSetting: config.get<string>('session.mfaSerial', '').trim(),
  };
  const done = await MultiStepInput.run(pickRole, flow, position);
  return done ? flow.answers : undefined;
}

/**
 * Validates, calls STS with progress (cancellable), and on success replaces the window's
 * session. A failure leaves the previous session exactly as it was.
 */
async function execute(state: SessionState, answers: AssumeRoleAnswers, options: { silent?: boolean } = {}): Promise<AssumedSession | undefined> {
  const problem = answersProblem(answers);
  if (problem) {
    void vscode.window.showErrorMessage(`${TITLE}: ${problem}`);
    return undefined;
  }
  const request = requestFrom(answers);
  const region = sessionTargets.region(answers);
  return vscode.window.withProgress(
    {
      location: options.silent ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification,
      title: `${options.silent ? 'Refreshing' : 'Assuming'} ${answers.roleArn}`,
      cancellable: !options.silent,
    },
    async (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      let target = sessionTargets.sts(answers, abort.signal, !options.silent);
      let caller: { arn: string } | undefined;
      try {
        target = await withResolvedSource(target);
        // Who the source credentials are: for the chaining cap, and to name the caller in errors.
        caller = await callerIdentity(target).catch(() => undefined);
        // From a role session, STS allows at most an hour (role chaining): say so before asking.
        if (caller && isRoleSessionArn(caller.arn)) {
          const chained = validateDuration(request.durationSeconds, { chaining: true });
          if (chained) {
            void vscode.window.showErrorMessage(`${TITLE}: ${chained} (${caller.arn}).`);
            return undefined;
          }
        }
        const session = await assumeRole(request, target);
        const { mfaCode: _secret, ...kept } = answers;
        state.set(session, { answers: kept, region, obtainedAt: Date.now(), ...(target.endpoint ? { stsEndpoint: target.endpoint } : {}) });
        const message = `Assumed ${session.assumedRoleArn} until ${session.expiration.toLocaleTimeString()}. New terminals use it.`;
        if (options.silent) vscode.window.setStatusBarMessage(`$(key) ${message}`, 5000);
        else void vscode.window.showInformationMessage(message);
        return session;
      } catch (error) {
        if (token.isCancellationRequested) return undefined;
        const explained = explainStsError(error, {
          roleArn: answers.roleArn,
          ...(caller ? { callerArn: caller.arn } : {}),
          ...(answers.profile ? { sourceProfile: answers.profile } : {}),
          durationSeconds: request.durationSeconds,
          region,
          ...(target.endpoint ? { endpoint: target.endpoint } : {}),
        });
        if (explained.code === 'AccessDenied' && caller && !options.silent) {
          // Which statement or condition refused it, when the role's trust policy can be read.
          const { mfaCode: _secret, ...attempted } = answers;
          void vscode.window.showErrorMessage(`${explained.title}. ${explained.detail}`, 'Explain').then((choice) => {
            if (choice) void vscode.commands.executeCommand(COMMANDS.explainAssumeRoleDenied, { answers: attempted, callerArn: caller!.arn });
          });
        } else {
          void vscode.window.showErrorMessage(`${explained.title}. ${explained.detail}`);
        }
        return undefined;
      }
    },
  );
}

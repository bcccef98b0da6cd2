import * as vscode from 'vscode';
import { answersProblem, readRecentRoles, rememberRole, requestFrom, type AssumeRoleAnswers } from '../../session/answers';
import { explainStsError } from '../../session/errors';
import type { MfaSessionKey, MfaSessions } from '../../session/mfaSession';
import { listProfiles } from '../../session/profiles';
import type { SessionOrigin, SessionState } from '../../session/sessionState';
import { assumeRole, callerIdentity, getSessionToken, isRoleSessionArn, withResolvedSource, type AssumedSession, type StsTarget } from '../../session/sts';
import { DEFAULT_DURATION_SECONDS, validateDuration, validateMfaCode, validateMfaSerial, validateMfaSessionSeconds } from '../../session/validation';
import { pickRole, position, type AssumeRoleFlow } from './assumeRoleSteps';
import { COMMANDS } from '../ids';
import { MultiStepInput } from './multiStepInput';
import { sessionTargets } from './sessionTargets';

/** Arguments for running the command without prompts (keybindings, tasks, tests). */
export type AssumeRoleArgs = AssumeRoleAnswers;

const TITLE = 'Assume Role';
/** Where the recent roles are kept (global state: role ARNs and settings, never a secret). */
export const RECENT_ROLES_KEY = 'iamTrust.recentRoles';

/** iamTrust.session.mfaSession: seconds of a GetSessionToken session per MFA code, 0 for none. */
function mfaSessionSeconds(): number {
  return vscode.workspace.getConfiguration('iamTrust').get<number>('session.mfaSession', 0);
}

/** Which MFA session serves these answers: the source, the device, and the STS endpoint setting. */
function mfaSessionKey(answers: Pick<AssumeRoleAnswers, 'profile' | 'region' | 'mfaSerial'>): MfaSessionKey | undefined {
  if (!answers.mfaSerial) return undefined;
  const { endpoint } = sessionTargets.sts(answers);
  return { ...(answers.profile ? { profile: answers.profile } : {}), mfaSerial: answers.mfaSerial, ...(endpoint ? { endpoint } : {}) };
}

/** Whether a live MFA session spares these answers the MFA code (iamTrust.session.mfaSession on). */
export function mfaSessionCovers(sessions: MfaSessions, answers: Pick<AssumeRoleAnswers, 'profile' | 'region' | 'mfaSerial'>): boolean {
  const key = mfaSessionKey(answers);
  return key !== undefined && mfaSessionSeconds() > 0 && sessions.has(key);
}

/** For auto-refresh: whether the session's origin needs no new MFA code now. */
export function originCoveredByMfaSession(sessions: MfaSessions, origin: SessionOrigin | undefined): boolean {
  return origin !== undefined && mfaSessionCovers(sessions, origin.answers);
}

async function askMfaCode(title: string, serial: string): Promise<string | undefined> {
  const code = await vscode.window.showInputBox({ title, prompt: `The 6-digit code of your MFA device ${serial}`, ignoreFocusOut: true, validateInput: validateMfaCode });
  return code?.trim();
}

/** "IAM: Assume Role…" and "IAM: Refresh Role Session". */
export function registerAssumeRoleCommands(state: SessionState, memento: vscode.Memento, mfaSessions: MfaSessions): vscode.Disposable[] {
  const assume = async (args?: AssumeRoleArgs) => {
    const answers = args ?? (await ask(memento, mfaSessions));
    if (!answers) return undefined;
    const session = await execute(state, answers, mfaSessions);
    if (session) await memento.update(RECENT_ROLES_KEY, rememberRole(readRecentRoles(memento.get(RECENT_ROLES_KEY)), answers));
    return session?.assumedRoleArn;
  };
  const refresh = async (options?: { silent?: boolean; mfaCode?: string }) => {
    const origin = state.origin;
    if (!origin) return assume();
    const answers: AssumeRoleAnswers = { ...origin.answers };
    // A live MFA session (iamTrust.session.mfaSession) spares the code; execute() asks if it ends meanwhile.
    if (answers.mfaSerial && !mfaSessionCovers(mfaSessions, answers)) {
      if (options?.silent) return undefined;
      const code = options?.mfaCode ?? (await askMfaCode(`Refresh ${origin.answers.roleArn}`, answers.mfaSerial));
      if (code === undefined) return undefined;
      answers.mfaCode = code.trim();
    }
    return (await execute(state, answers, mfaSessions, options?.silent ? { silent: true } : {}))?.assumedRoleArn;
  };
  return [vscode.commands.registerCommand(COMMANDS.assumeRole, assume), vscode.commands.registerCommand(COMMANDS.refreshSession, refresh)];
}

/** The quick input; undefined when the person cancels. */
async function ask(memento: vscode.Memento, mfaSessions: MfaSessions): Promise<AssumeRoleAnswers | undefined> {
  const config = vscode.workspace.getConfiguration('iamTrust');
  const flow: AssumeRoleFlow = {
    answers: { roleArn: '' },
    profiles: await listProfiles().catch(() => ({ roles: [], all: [] })),
    recent: readRecentRoles(memento.get(RECENT_ROLES_KEY)),
    targets: sessionTargets,
    fixedByProfile: new Set(),
    defaultDurationSeconds: config.get<number>('session.defaultDurationSeconds', DEFAULT_DURATION_SECONDS),
    mfaSerialSetting: config.get<string>('session.mfaSerial', '').trim(),
    mfaSessionSeconds: mfaSessionSeconds(),
    mfaSessionCovers: (answers) => mfaSessionCovers(mfaSessions, answers),
  };
  const done = await MultiStepInput.run(pickRole, flow, position);
  return done ? flow.answers : undefined;
}

/**
 * Validates, calls STS with progress (cancellable), and on success replaces the window's
 * session. A failure leaves the previous session exactly as it was.
 */
async function execute(state: SessionState, answers: AssumeRoleAnswers, mfaSessions: MfaSessions, options: { silent?: boolean } = {}): Promise<AssumedSession | undefined> {
  const seconds = mfaSessionSeconds();
  const settingProblem = validateMfaSessionSeconds(seconds);
  if (settingProblem) {
    void vscode.window.showErrorMessage(`${TITLE}: ${settingProblem}`);
    return undefined;
  }
  // With an MFA session, the code goes to GetSessionToken (or is not needed at all) and AssumeRole goes without it.
  const { mfaSerial, mfaCode, ...withoutMfa } = answers;
  const viaMfaSession = mfaSerial !== undefined && seconds > 0;
  const problem = viaMfaSession
    ? (answersProblem(withoutMfa, { mfaSession: true }) ?? validateMfaSerial(mfaSerial) ?? (mfaCode !== undefined ? validateMfaCode(mfaCode) : undefined))
    : answersProblem(answers);
  if (problem) {
    void vscode.window.showErrorMessage(`${TITLE}: ${problem}`);
    return undefined;
  }
  let request = requestFrom(viaMfaSession ? withoutMfa : answers);
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
        let assumeTarget: StsTarget = target;
        let mfaKey: MfaSessionKey | undefined;
        if (viaMfaSession) {
          if (caller && isRoleSessionArn(caller.arn)) {
            // GetSessionToken takes IAM user credentials only: from a role session, the code goes with AssumeRole.
            const code = mfaCode ?? (options.silent ? undefined : await askMfaCode(`${TITLE}: ${answers.roleArn}`, mfaSerial));
            if (code === undefined) return undefined;
            request = requestFrom({ ...answers, mfaCode: code });
          } else {
            mfaKey = mfaSessionKey(answers)!;
            let mfa = mfaSessions.get(mfaKey);
            if (!mfa) {
              const code = mfaCode ?? (options.silent ? undefined : await askMfaCode(`MFA session for ${answers.profile ?? 'your default credentials'}`, mfaSerial));
              if (code === undefined) {
                if (options.silent) {
                  void vscode.window.showWarningMessage(`The MFA session has ended: refreshing ${answers.roleArn} needs a new MFA code.`, 'Refresh').then((choice) => {
                    if (choice) void vscode.commands.executeCommand(COMMANDS.refreshSession);
                  });
                }
                return undefined;
              }
              // A refused code fails here: nothing is kept, and the window's session stays as it was.
              mfa = await getSessionToken({ mfaSerial, mfaCode: code, durationSeconds: seconds }, target);
              mfaSessions.put(mfaKey, mfa);
            }
            const { accessKeyId, secretAccessKey, sessionToken, expiration } = mfa;
            assumeTarget = { ...target, source: { accessKeyId, secretAccessKey, sessionToken, expiration } };
          }
        }
        const session = await assumeRole(request, assumeTarget).catch((error: unknown) => {
          // Keys STS no longer takes (revoked, expired early): the next attempt asks for a code again.
          const name = (error as { name?: string }).name ?? '';
          if (mfaKey && /^(ExpiredToken|InvalidClientTokenId)/.test(name)) mfaSessions.forget(mfaKey);
          throw error;
        });
        const { mfaCode: _secret, ...kept } = answers;
        state.set(session, { answers: kept, region, obtainedAt: Date.now(), ...(target.endpoint ? { stsEndpoint: target.endpoint } : {}), ...(viaMfaSession || (caller && isRoleSessionArn(caller.arn)) ? { chained: true } : {}) });
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

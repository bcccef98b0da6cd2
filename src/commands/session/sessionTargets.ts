import * as vscode from 'vscode';
import { regionFor, type AssumeRoleAnswers } from '../../session/answers';
import { getRole, roleNameOf, type IamTarget } from '../../session/iam';
import type { SessionState } from '../../session/sessionState';
import { callerIdentity, isRoleSessionArn, type StsTarget } from '../../session/sts';
import { validateMfaCode, type DurationLimits } from '../../session/validation';

/** Where the calls for some answers go: region and endpoints from the settings, the profile and the environment. */
export interface SessionTargets {
  region(answers: Pick<AssumeRoleAnswers, 'region'>): string;
  sts(answers: Pick<AssumeRoleAnswers, 'profile' | 'region'>, signal?: AbortSignal, interactive?: boolean): StsTarget;
  iam(answers: Pick<AssumeRoleAnswers, 'profile' | 'region'>, signal?: AbortSignal): IamTarget;
  /** IAM with the window's role session while it lives, else with the default credentials: for the live-role features. */
  iamWithSession(state: SessionState, signal?: AbortSignal): IamTarget;
  /** STS the same way: with the window's live session, else with the default credentials. */
  stsWithSession(state: SessionState): StsTarget;
  /**
   * What bounds the duration: the role's MaxSessionDuration (GetRole, when the caller may call
   * it) and whether the caller is a role session (GetCallerIdentity). Never fails: what cannot
   * be found out is left out, and the note says so.
   */
  limits(answers: AssumeRoleAnswers, known?: DurationLimits & { note: string }): Promise<DurationLimits & { note: string }>;
}

const LIMITS_TIMEOUT_MS = 5000;

/** A target whose source is the window's live session (in its region), or the default credentials without one. */
function withSession<T extends { source: StsTarget['source']; region: string }>(state: SessionState, target: (answers: Pick<AssumeRoleAnswers, 'region'>) => T): T {
  const session = state.live;
  if (!session) return target({});
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = session;
  const base = target(session.region ? { region: session.region } : {});
  // The session's own region first: its keys were issued for it.
  return { ...base, region: session.region ?? base.region, source: { accessKeyId, secretAccessKey, sessionToken, expiration } };
}

/** The MFA code a source profile's own role chain needs (its mfa_serial), asked when the SDK needs it. */
async function askSourceMfaCode(serial: string): Promise<string> {
  const code = await vscode.window.showInputBox({
    title: 'MFA code for your source profile',
    prompt: `Your source profile assumes a role that needs the code of ${serial}`,
    ignoreFocusOut: true,
    validateInput: validateMfaCode,
  });
  if (code === undefined) throw Object.assign(new Error('No MFA code was given'), { name: 'AbortError' });
  return code.trim();
}

export const sessionTargets: SessionTargets = {
  region(answers) {
    return regionFor(vscode.workspace.getConfiguration('iamTrust').get<string>('region', ''), answers);
  },
  sts(answers, signal, interactive = false) {
    const endpoint = vscode.workspace.getConfiguration('iamTrust').get<string>('sts.endpoint', '').trim();
    return {
      region: this.region(answers),
      ...(endpoint ? { endpoint } : {}),
      source: answers.profile ? { profile: answers.profile } : {},
      ...(signal ? { abortSignal: signal } : {}),
      // Only a call the person is waiting for may ask for a code; background lookups do without.
      ...(interactive ? { askMfaCode: askSourceMfaCode } : {}),
    };
  },
  iam(answers, signal) {
    const endpoint = vscode.workspace.getConfiguration('iamTrust').get<string>('iam.endpoint', '').trim();
    return { region: this.region(answers), ...(endpoint ? { endpoint } : {}), source: answers.profile ? { profile: answers.profile } : {}, ...(signal ? { abortSignal: signal } : {}) };
  },
  iamWithSession(state, signal) {
    return withSession(state, (answers) => this.iam(answers, signal));
  },
  stsWithSession(state) {
    const target = withSession(state, (answers) => this.sts(answers));
    // The endpoint the session was assumed through, when it is known.
    return state.live && state.origin?.stsEndpoint ? { ...target, endpoint: state.origin.stsEndpoint } : target;
  },
  async limits(answers, known) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), LIMITS_TIMEOUT_MS);
    try {
      const [caller, role] = await Promise.all([
        callerIdentity(this.sts(answers, abort.signal)).catch(() => undefined),
        known?.roleMaxSeconds !== undefined
          ? Promise.resolve(undefined)
          : getRole(roleNameOf(answers.roleArn), this.iam(answers, abort.signal))
              // GetRole works in the caller's own account only: a role of the same name there is another role.
              .then((role) => (role.arn.toLowerCase() === answers.roleArn.trim().toLowerCase() ? role : undefined))
              .catch(() => undefined),
      ]);
      const roleMaxSeconds = known?.roleMaxSeconds ?? role?.maxSessionDuration;
      const chaining = caller ? isRoleSessionArn(caller.arn) : undefined;
      const notes = [
        roleMaxSeconds !== undefined ? (known?.note ?? `the role allows ${roleMaxSeconds / 3600} h`) : 'the role\'s maximum is unknown (GetRole not allowed, or the role is in another account): STS will check it',
        ...(chaining ? ['your source is a role session: role chaining allows 1 h'] : []),
      ];
      return { ...(roleMaxSeconds !== undefined ? { roleMaxSeconds } : {}), ...(chaining ? { chaining } : {}), note: notes.join('; ') };
    } finally {
      clearTimeout(timer);
    }
  },
};

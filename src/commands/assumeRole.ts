import { userInfo } from 'node:os';
import * as vscode from 'vscode';
import { explainStsError } from '../session/errors';
import { listProfiles, type RoleProfile } from '../session/profiles';
import type { SessionState } from '../session/sessionState';
import { assumeRole, callerIdentity, isRoleSessionArn, type AssumeRoleRequest, type StsTarget } from '../session/sts';
import {
  DEFAULT_DURATION_SECONDS,
  sessionNameFrom,
  validateDuration,
  validateExternalId,
  validateMfaCode,
  validateRoleArn,
  validateSessionName,
} from '../session/validation';
import { COMMANDS } from './ids';

/** Arguments for running the command without prompts (keybindings, tasks, tests). */
export interface AssumeRoleArgs {
  roleArn: string;
  profile?: string;
  sessionName?: string;
  durationSeconds?: number;
  externalId?: string;
  mfaSerial?: string;
  mfaCode?: string;
  region?: string;
}

const TITLE = 'Assume Role';

/** "IAM: Assume Role…": ask for what STS needs, validate it as it is typed, then call STS. */
export function registerAssumeRoleCommand(state: SessionState): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.assumeRole, async (args?: AssumeRoleArgs) => {
    const input = args ?? (await ask());
    if (!input) return undefined;
    const problem =
      validateRoleArn(input.roleArn) ??
      validateSessionName(input.sessionName ?? '') ??
      validateDuration(input.durationSeconds ?? DEFAULT_DURATION_SECONDS) ??
      (input.externalId ? validateExternalId(input.externalId) : undefined);
    if (problem) {
      void vscode.window.showErrorMessage(`${TITLE}: ${problem}`);
      return undefined;
    }
    const config = vscode.workspace.getConfiguration('iamTrust');
    const endpoint = config.get<string>('sts.endpoint', '').trim() || undefined;
    const region = config.get<string>('region', '').trim() || input.region || process.env.AWS_REGION || 'us-east-1';
    const request: AssumeRoleRequest = {
      roleArn: input.roleArn,
      sessionName: input.sessionName!,
      durationSeconds: input.durationSeconds ?? DEFAULT_DURATION_SECONDS,
      ...(input.externalId ? { externalId: input.externalId } : {}),
      ...(input.mfaSerial && input.mfaCode ? { mfaSerial: input.mfaSerial, mfaCode: input.mfaCode } : {}),
    };
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Assuming ${input.roleArn}`, cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        const target: StsTarget = { region, ...(endpoint ? { endpoint } : {}), source: input.profile ? { profile: input.profile } : {}, abortSignal: abort.signal };
        // Who the source credentials are: for the chaining cap, and to name the caller in errors.
        const caller = await callerIdentity(target).catch(() => undefined);
        try {
          // From a role session, STS allows at most an hour (role chaining): say so before asking.
          if (caller && isRoleSessionArn(caller.arn)) {
            const chained = validateDuration(request.durationSeconds, { chaining: true });
            if (chained) {
              void vscode.window.showErrorMessage(`${TITLE}: ${chained} (${caller.arn}).`);
              return undefined;
            }
          }
          const session = await assumeRole(request, target);
          // Only a successful call replaces the session: a failure leaves the previous one as it was.
          state.set(session);
          void vscode.window.showInformationMessage(`Assumed ${session.assumedRoleArn} until ${session.expiration.toLocaleTimeString()}. New terminals use it.`);
          return session.assumedRoleArn;
        } catch (error) {
          if (token.isCancellationRequested) return undefined;
          const explained = explainStsError(error, {
            roleArn: input.roleArn,
            ...(caller ? { callerArn: caller.arn } : {}),
            ...(input.profile ? { sourceProfile: input.profile } : {}),
            durationSeconds: request.durationSeconds,
            region,
            ...(endpoint ? { endpoint } : {}),
          });
          void vscode.window.showErrorMessage(`${explained.title}. ${explained.detail}`);
          return undefined;
        }
      },
    );
  });
}

type Answers = AssumeRoleArgs;

/** The prompts, one after another; Escape at any step cancels the whole command. */
async function ask(): Promise<Answers | undefined> {
  const { roles, all } = await listProfiles().catch(() => ({ roles: [] as RoleProfile[], all: [] }));
  type RoleItem = vscode.QuickPickItem & { profile?: RoleProfile };
  const typed: RoleItem = { label: '$(edit) Enter a role ARN…', alwaysShow: true };
  const picked = await vscode.window.showQuickPick<RoleItem>(
    [
      ...roles.map((profile) => ({
        label: profile.name,
        description: profile.roleArn,
        detail: profile.problems.length ? `$(warning) ${profile.problems.join('; ')}` : undefined,
        profile,
      })),
      typed,
    ],
    { title: `${TITLE} (1/4): role`, placeHolder: 'A profile with role_arn, or a role ARN', matchOnDescription: true },
  );
  if (!picked) return undefined;
  let answers: Answers;
  if (picked.profile) {
    const p = picked.profile;
    answers = {
      roleArn: p.roleArn,
      ...(p.sourceProfile ? { profile: p.sourceProfile } : {}),
      ...(p.externalId ? { externalId: p.externalId } : {}),
      ...(p.mfaSerial ? { mfaSerial: p.mfaSerial } : {}),
      ...(p.durationSeconds ? { durationSeconds: p.durationSeconds } : {}),
      ...(p.roleSessionName ? { sessionName: p.roleSessionName } : {}),
      ...(p.region ? { region: p.region } : {}),
    };
  } else {
    const roleArn = await vscode.window.showInputBox({ title: `${TITLE} (1/4): role ARN`, placeHolder: 'arn:aws:iam::111122223333:role/Deploy', ignoreFocusOut: true, validateInput: validateRoleArn });
    if (!roleArn) return undefined;
    const source = await vscode.window.showQuickPick(
      [{ label: 'Default credentials', description: 'the SDK default chain (environment, default profile, SSO, instance role …)' }, ...all.map((p) => ({ label: p.name, description: p.kind }))],
      { title: `${TITLE} (1/4): source credentials`, placeHolder: 'Which credentials call AssumeRole?' },
    );
    if (!source) return undefined;
    answers = { roleArn: roleArn.trim(), ...(source.label === 'Default credentials' ? {} : { profile: source.label }) };
  }

  const sessionName = await vscode.window.showInputBox({
    title: `${TITLE} (2/4): session name`,
    prompt: 'Shown in the role owner\'s CloudTrail',
    value: answers.sessionName ?? sessionNameFrom(userInfo().username),
    ignoreFocusOut: true,
    validateInput: validateSessionName,
  });
  if (sessionName === undefined) return undefined;
  const defaultDuration = answers.durationSeconds ?? vscode.workspace.getConfiguration('iamTrust').get<number>('session.defaultDurationSeconds', DEFAULT_DURATION_SECONDS);
  const duration = await vscode.window.showInputBox({
    title: `${TITLE} (3/4): duration in seconds`,
    prompt: '900 to 43,200, at most the role\'s MaxSessionDuration, at most 3,600 when your source is itself a role session',
    value: String(defaultDuration),
    ignoreFocusOut: true,
    validateInput: (v) => validateDuration(v),
  });
  if (duration === undefined) return undefined;
  answers = { ...answers, sessionName, durationSeconds: Number(duration) };

  if (answers.externalId === undefined) {
    const externalId = await vscode.window.showInputBox({
      title: `${TITLE} (4/4): external ID`,
      prompt: 'Only if the role requires one (sts:ExternalId); leave empty otherwise',
      ignoreFocusOut: true,
      validateInput: (v) => (v === '' ? undefined : validateExternalId(v)),
    });
    if (externalId === undefined) return undefined;
    if (externalId) answers.externalId = externalId;
  }
  if (answers.mfaSerial) {
    const code = await vscode.window.showInputBox({ title: `${TITLE}: MFA code for ${answers.mfaSerial}`, ignoreFocusOut: true, validateInput: validateMfaCode, password: false });
    if (code === undefined) return undefined;
    answers.mfaCode = code.trim();
  }
  return answers;
}

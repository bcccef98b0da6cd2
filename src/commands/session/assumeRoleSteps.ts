import { userInfo } from 'node:os';
import * as vscode from 'vscode';
import { answersFromProfile, type AssumeRoleAnswers, type RememberedRole } from '../../session/answers';
import { roleNameOf } from '../../session/iam';
import type { ProfileSummary, RoleProfile } from '../../session/profiles';
import {
  DEFAULT_DURATION_SECONDS,
  maxDuration,
  parseSessionTags,
  sessionNameFrom,
  validateDuration,
  validateExternalId,
  validateMfaCode,
  validateMfaSerial,
  validateRoleArn,
  validateSessionName,
  validateSourceIdentity,
  type DurationLimits,
} from '../../session/validation';
import { MultiStepInput, type Step, type StepPosition } from './multiStepInput';
import { roleListPick } from '../roles/roleList';
import type { SessionTargets } from './sessionTargets';

/** What the steps know: the answers so far, and what AWS told about the role and the caller. */
export interface AssumeRoleFlow {
  answers: AssumeRoleAnswers;
  profiles: { roles: RoleProfile[]; all: ProfileSummary[] };
  recent: RememberedRole[];
  targets: SessionTargets;
  /** Where the role came from, which decides the steps that follow. */
  roleFrom?: 'profile' | 'recent' | 'typed' | 'list';
  /** Settings of a profile with role_arn: they are not asked again. */
  fixedByProfile: Set<keyof AssumeRoleAnswers>;
  /** The role's MaxSessionDuration and whether the caller is a role session, fetched while the person types. */
  limits?: Promise<DurationLimits & { note: string }>;
  knownLimits?: DurationLimits & { note: string };
  defaultDurationSeconds: number;
  mfaSerialSetting: string;
  /** iamTrust.session.mfaSession: 0, or the seconds of an MFA session (GetSessionToken) per code. */
  mfaSessionSeconds?: number;
  /** Whether a live MFA session spares these answers the code. */
  mfaSessionCovers?: (answers: AssumeRoleAnswers) => boolean;
}

/** The MFA device these answers will use: the profile's, else the setting's. */
function mfaSerialOf(flow: AssumeRoleFlow): string | undefined {
  return flow.answers.mfaSerial ?? (flow.mfaSerialSetting && !validateMfaSerial(flow.mfaSerialSetting) ? flow.mfaSerialSetting : undefined);
}

/** The duration limits, with the one-hour cap of AssumeRole from an MFA session's keys when one will be used. */
function durationLimits(flow: AssumeRoleFlow): DurationLimits & { note?: string } {
  const known: DurationLimits & { note?: string } = flow.knownLimits ?? {};
  if (!(flow.mfaSessionSeconds && mfaSerialOf(flow))) return known;
  const note = 'with MFA sessions (iamTrust.session.mfaSession) STS allows 1 h';
  return { ...known, mfaSession: true, note: known.note ? `${known.note}; ${note}` : note };
}

const TITLE = 'Assume Role';

/** The title and the number of questions, as far as the answers so far tell. */
export function position(flow: AssumeRoleFlow): StepPosition {
  const role = flow.answers.roleArn ? `: ${roleNameOf(flow.answers.roleArn)}` : '';
  const fixed = flow.fixedByProfile;
  let total = 1; // role
  if (flow.roleFrom === 'typed' || flow.roleFrom === 'list') total += 1; // source
  if (flow.roleFrom === 'list') total += 1; // the list
  total += 2; // session name, duration
  if (!fixed.has('externalId')) total += 1;
  if ((flow.answers.mfaSerial ?? flow.mfaSerialSetting) && !flow.mfaSessionCovers?.(flow.answers)) total += 1;
  total += 1; // confirm
  return { title: `${TITLE}${role}`, totalSteps: total };
}

type RoleItem = vscode.QuickPickItem & { action?: 'list' | 'enter' | 'use'; profile?: RoleProfile; recent?: RememberedRole; typedArn?: string };

export const pickRole: Step<AssumeRoleFlow> = async (input, flow) => {
  const recent: RoleItem[] = flow.recent.map((r) => ({
    label: `$(history) ${roleNameOf(r.roleArn)}`,
    description: r.roleArn,
    detail: [r.profile ? `from profile ${r.profile}` : 'from the default credentials', r.sessionName, r.durationSeconds ? `${r.durationSeconds / 60} min` : undefined].filter(Boolean).join(' · '),
    recent: r,
  }));
  const profiles: RoleItem[] = flow.profiles.roles.map((profile) => ({
    label: `$(account) ${profile.name}`,
    description: profile.roleArn,
    ...(profile.problems.length ? { detail: `$(warning) ${profile.problems.join('; ')}` } : {}),
    profile,
  }));
  const list: RoleItem = { label: '$(list-unordered) List roles in an account…', detail: 'IAM ListRoles with the credentials you choose next', action: 'list', alwaysShow: true };
  const enter: RoleItem = { label: '$(edit) Enter a role ARN…', action: 'enter', alwaysShow: true };
  const separator = (label: string): RoleItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const items = [
    ...(recent.length ? [separator('recent'), ...recent] : []),
    ...(profiles.length ? [separator('profiles with role_arn'), ...profiles] : []),
    separator('other'),
    list,
    enter,
  ];
  const current = flow.answers.roleArn;
  const picked = await input.pick<RoleItem>({
    items,
    placeholder: 'A recent role, a profile with role_arn, or type a role ARN',
    matchOnDescription: true,
    ...(current ? { activeItem: items.find((i) => i.description === current) } : {}),
    // A mistyped ARN stays in the box, with what is wrong with it, until it is right.
    accepts: (item) => item.action !== 'use' || item.typedArn !== undefined,
    // Typing or pasting an ARN offers it at once, with what is wrong with it.
    itemsForValue: (value) => {
      const typed = value.trim();
      if (!typed.startsWith('arn:')) return [];
      const problem = validateRoleArn(typed);
      return [{ label: problem ? `$(error) ${typed}` : `$(arrow-right) Use ${typed}`, detail: problem ?? 'Choose the source credentials next', action: 'use', alwaysShow: true, ...(problem ? {} : { typedArn: typed }) }];
    },
  });
  flow.fixedByProfile = new Set();
  flow.limits = undefined;
  flow.knownLimits = undefined;
  if (picked.profile) {
    flow.roleFrom = 'profile';
    flow.answers = answersFromProfile(picked.profile);
    for (const key of Object.keys(flow.answers) as Array<keyof AssumeRoleAnswers>) if (key !== 'roleArn') flow.fixedByProfile.add(key);
    return sessionNameStep;
  }
  if (picked.recent) {
    flow.roleFrom = 'recent';
    const { usedAt: _when, ...remembered } = picked.recent;
    flow.answers = { ...remembered };
    return sessionNameStep;
  }
  if (picked.action === 'list') {
    flow.roleFrom = 'list';
    return pickSource;
  }
  if (picked.action === 'use') {
    const typed = picked.typedArn!;
    flow.roleFrom = 'typed';
    flow.answers = { ...keepAnswers(flow, typed), roleArn: typed };
    return pickSource;
  }
  return enterRoleArn;
};

/** What was answered before for the same role (when going back and forth). */
function keepAnswers(flow: AssumeRoleFlow, roleArn: string): Partial<AssumeRoleAnswers> {
  return flow.answers.roleArn === roleArn ? flow.answers : {};
}

const enterRoleArn: Step<AssumeRoleFlow> = async (input, flow) => {
  const value = await input.input({
    value: flow.answers.roleArn ?? '',
    placeholder: 'arn:aws:iam::111122223333:role/Deploy',
    prompt: 'The ARN of the role to assume',
    validate: validateRoleArn,
  });
  flow.roleFrom = 'typed';
  flow.answers = { ...keepAnswers(flow, value.trim()), roleArn: value.trim() };
  return pickSource;
};

type SourceItem = vscode.QuickPickItem & { profile?: string };

const pickSource: Step<AssumeRoleFlow> = async (input, flow) => {
  const fallback: SourceItem = { label: 'Default credentials', description: 'the SDK default chain: environment, default profile, SSO, instance role …' };
  const items: SourceItem[] = [fallback, ...flow.profiles.all.map((p) => ({ label: p.name, description: p.kind, profile: p.name }))];
  const picked = await input.pick({
    items,
    placeholder: flow.roleFrom === 'list' ? 'Whose credentials list the roles (and then assume one)?' : 'Which credentials call sts:AssumeRole?',
    activeItem: items.find((i) => i.profile === flow.answers.profile) ?? fallback,
    matchOnDescription: true,
  });
  if (picked.profile) flow.answers.profile = picked.profile;
  else delete flow.answers.profile;
  flow.limits = undefined;
  return flow.roleFrom === 'list' ? pickListedRole : sessionNameStep;
};

const pickListedRole: Step<AssumeRoleFlow> = async (input, flow) => {
  const picked = await input.pick(roleListPick((signal) => flow.targets.iam(flow.answers, signal), flow.answers.profile));
  if (picked.failed || !picked.role) return pickRole;
  flow.answers = { ...keepAnswers(flow, picked.role.arn), roleArn: picked.role.arn, ...(flow.answers.profile ? { profile: flow.answers.profile } : {}) };
  // ListRoles already told the role's maximum: no GetRole needed.
  flow.knownLimits = { roleMaxSeconds: picked.role.maxSessionDuration, note: `the role allows ${formatHours(picked.role.maxSessionDuration)}` };
  return sessionNameStep;
};

const sessionNameStep: Step<AssumeRoleFlow> = async (input, flow) => {
  // Ask AWS for the limits now, while the person types the session name.
  flow.limits ??= flow.targets.limits(flow.answers, flow.knownLimits);
  const value = await input.input({
    value: flow.answers.sessionName ?? sessionNameFrom(userInfo().username),
    prompt: 'Session name, shown in the role owner\'s CloudTrail (2–64 of letters, digits and +=,.@-_)',
    validate: validateSessionName,
  });
  flow.answers.sessionName = value;
  return durationStep;
};

const durationStep: Step<AssumeRoleFlow> = async (input, flow) => {
  const limits = flow.limits!.then((l) => (flow.knownLimits = l));
  const suggested = flow.answers.durationSeconds ?? flow.defaultDurationSeconds ?? DEFAULT_DURATION_SECONDS;
  const limitsPrompt = () => {
    const known = flow.knownLimits ? durationLimits(flow) : undefined;
    if (!known) return `Seconds: 900 to ${maxDuration(durationLimits(flow)).toLocaleString('en-US')} — checking the role\'s maximum…`;
    return `Seconds: 900 to ${maxDuration(known).toLocaleString('en-US')} (${known.note})`;
  };
  const value = await input.input({
    value: String(suggested),
    prompt: limitsPrompt(),
    validate: (v) => validateDuration(v, durationLimits(flow)),
    pending: limits,
    promptWhenReady: limitsPrompt,
  });
  flow.answers.durationSeconds = Number(value);
  return flow.fixedByProfile.has('externalId') ? afterExternalId(flow) : externalIdStep;
};

const externalIdStep: Step<AssumeRoleFlow> = async (input, flow) => {
  const value = await input.input({
    value: flow.answers.externalId ?? '',
    prompt: 'External ID, only if the role requires one (sts:ExternalId); leave empty otherwise',
    validate: (v) => (v === '' ? undefined : validateExternalId(v)),
  });
  if (value) flow.answers.externalId = value;
  else delete flow.answers.externalId;
  return afterExternalId(flow);
};

function afterExternalId(flow: AssumeRoleFlow): Step<AssumeRoleFlow> {
  if (!flow.answers.mfaSerial && flow.mfaSerialSetting && !validateMfaSerial(flow.mfaSerialSetting)) flow.answers.mfaSerial = flow.mfaSerialSetting;
  // A live MFA session for this source and device: no code to ask.
  if (flow.answers.mfaSerial && flow.mfaSessionCovers?.(flow.answers)) {
    delete flow.answers.mfaCode;
    return confirmStep;
  }
  return flow.answers.mfaSerial ? mfaStep : confirmStep;
}

const mfaStep: Step<AssumeRoleFlow> = async (input, flow) => {
  const value = await input.input({
    value: '',
    prompt: `The 6-digit code of your MFA device ${flow.answers.mfaSerial}`,
    placeholder: '123456',
    validate: (v) => (v === '' ? 'Enter the 6-digit code your MFA device shows' : validateMfaCode(v)),
  });
  flow.answers.mfaCode = value.trim();
  return confirmStep;
};

type ConfirmItem = vscode.QuickPickItem & { choice: 'assume' | 'sourceIdentity' | 'tags' };

/** The last step: what will be sent, with the optional extras one key away. */
export const confirmStep: Step<AssumeRoleFlow> = async (input, flow) => {
  for (;;) {
    const a = flow.answers;
    const assume: ConfirmItem = {
      label: `$(check) Assume ${roleNameOf(a.roleArn)}`,
      description: `${formatHours(a.durationSeconds ?? DEFAULT_DURATION_SECONDS)} as ${a.sessionName}`,
      detail: [a.profile ? `from profile ${a.profile}` : 'from the default credentials', a.externalId ? 'with external ID' : undefined, a.mfaSerial ? (flow.mfaSessionCovers?.(a) ? 'with your MFA session' : 'with MFA') : undefined]
        .filter(Boolean)
        .join(' · '),
      choice: 'assume',
    };
    const picked = await input.pick<ConfirmItem>({
      items: [
        assume,
        { label: '$(person) Source identity…', description: a.sourceIdentity ?? 'none', detail: 'Persists through role chaining and shows in CloudTrail (needs sts:SetSourceIdentity in the trust policy)', choice: 'sourceIdentity' },
        { label: '$(tag) Session tags…', description: a.tags?.length ? a.tags.map((t) => `${t.Key}=${t.Value}`).join(', ') : 'none', detail: 'key=value pairs (needs sts:TagSession in the trust policy)', choice: 'tags' },
      ],
      placeholder: 'Press Enter to assume the role',
      activeItem: assume,
    });
    if (picked.choice === 'assume') return undefined;
    try {
      if (picked.choice === 'sourceIdentity') {
        const value = await input.input({ value: a.sourceIdentity ?? '', prompt: 'Source identity (empty for none)', validate: (v) => (v === '' ? undefined : validateSourceIdentity(v)) });
        if (value) a.sourceIdentity = value;
        else delete a.sourceIdentity;
      } else {
        const value = await input.input({
          value: (a.tags ?? []).map((t) => `${t.Key}=${t.Value}`).join(', '),
          prompt: 'Session tags as key=value, separated by commas (empty for none)',
          validate: (v) => parseSessionTags(v).problem,
        });
        const { tags } = parseSessionTags(value);
        if (tags.length) a.tags = tags;
        else delete a.tags;
      }
    } catch (error) {
      // Back from a follow-up question returns to this summary, not to the step before it.
      if (!MultiStepInput.isBack(error)) throw error;
    }
  }
};

function formatHours(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  return seconds >= 3600 ? `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min` : `${Math.round(seconds / 60)} min`;
}

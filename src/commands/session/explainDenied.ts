import * as vscode from 'vscode';
import { evaluate, type AssumeRequest } from '../../policy/evaluate/evaluate';
import type { AssumeRoleAnswers } from '../../session/answers';
import { getRole, roleNameOf, type RoleDetails } from '../../session/iam';
import type { SessionState } from '../../session/sessionState';
import { explanationMarkdown } from '../policy/checkWhoCanAssume';
import type { ExplanationDocuments } from '../policy/explanationDocument';
import { COMMANDS } from '../ids';
import { sessionTargets } from './sessionTargets';

export interface ExplainDeniedArgs {
  answers: Omit<AssumeRoleAnswers, 'mfaCode'> & { mfaCode?: string };
  /** Who called AssumeRole (GetCallerIdentity of the source credentials). */
  callerArn: string;
}

/** The request STS evaluated, as the trust policy sees it: the actions it needs and its context keys. */
export function attemptedRequests(args: ExplainDeniedArgs): AssumeRequest[] {
  const a = args.answers;
  const context: AssumeRequest['context'] = {
    ...(a.sessionName ? { 'sts:RoleSessionName': a.sessionName } : {}),
    ...(a.externalId ? { 'sts:ExternalId': a.externalId } : {}),
    ...(a.mfaSerial ? { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '0' } : {}),
    ...(a.sourceIdentity ? { 'sts:SourceIdentity': a.sourceIdentity } : {}),
    ...(a.tags?.length ? { 'aws:TagKeys': a.tags.map((t) => t.Key), ...Object.fromEntries(a.tags.map((t) => [`aws:RequestTag/${t.Key}`, t.Value])) } : {}),
  };
  const actions = ['sts:AssumeRole', ...(a.tags?.length ? ['sts:TagSession'] : []), ...(a.sourceIdentity ? ['sts:SetSourceIdentity'] : [])];
  return actions.map((action) => ({ principal: { type: 'AWS', id: args.callerArn }, action, context, roleArn: a.roleArn }));
}

/**
 * After an AccessDenied from AssumeRole: read the role's trust policy (with the window's
 * session, else the source credentials — GetRole works only in the role's own account), evaluate
 * the attempted request, and say which statement and condition refused it, or that the trust
 * policy allows it and the caller's own identity policy must be what is missing.
 */
export function registerExplainDeniedCommand(state: SessionState, explanations: ExplanationDocuments): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.explainAssumeRoleDenied, async (args: ExplainDeniedArgs) => {
    const roleName = roleNameOf(args.answers.roleArn);
    const role = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Reading the trust policy of ${roleName}` }, () => readRole(args, state));
    if (!role) {
      const message =
        `Cannot read the trust policy of ${args.answers.roleArn}: iam:GetRole works only with credentials of the role's own account that are allowed to call it. ` +
        'Assume a role in that account (or ask its owner) and check the policy with "IAM: Open Role Trust Policy…" and "IAM: Check Who Can Assume…".';
      void vscode.window.showWarningMessage(message);
      return message;
    }
    const requests = attemptedRequests(args);
    const results = requests.map((request) => ({ request, result: evaluate(role.trustPolicy, request) }));
    const refused = results.find((r) => r.result.decision !== 'allowed');
    const heading = `Why ${args.callerArn} may not assume ${roleName}`;
    const markdown = refused
      ? explanationMarkdown(heading, refused.request, refused.result, [
          `The role's trust policy refuses \`${refused.request.action}\`: the statements below say which principal, action or condition did not match.`,
          '',
        ])
      : explanationMarkdown(heading, results[0]!.request, results[0]!.result, [
          '**The trust policy allows this request.** What refused it must be on the caller\'s side: its identity policy must allow `sts:AssumeRole` on ' +
            `\`${args.answers.roleArn}\` — or a permissions boundary, a service control policy or a session policy denies it. ` +
            '(An MFA code that was wrong is refused before the trust policy is evaluated.)',
          '',
        ]);
    await explanations.show(`Why not ${roleName}`, markdown);
    return markdown;
  });
}

async function readRole(args: ExplainDeniedArgs, state: SessionState): Promise<RoleDetails | undefined> {
  const name = roleNameOf(args.answers.roleArn);
  const wanted = args.answers.roleArn.trim().toLowerCase();
  for (const target of [sessionTargets.iamWithSession(state), sessionTargets.iam(args.answers)]) {
    const role = await getRole(name, target).catch(() => undefined);
    // A role of the same name in the credentials' own account is another role.
    if (role && role.arn.toLowerCase() === wanted) return role;
  }
  return undefined;
}

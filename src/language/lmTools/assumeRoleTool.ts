import * as vscode from 'vscode';
import { COMMANDS } from '../../commands/ids';
import type { AssumeRoleArgs } from '../../commands/session/assumeRole';
import type { SessionState } from '../../session/sessionState';
import { toolResult } from './toolResult';

export interface AssumeRoleInput {
  roleArn: string;
  profile?: string;
  sessionName?: string;
  durationSeconds?: number;
  externalId?: string;
  region?: string;
}

/** The session name when the model gives none (STS requires one). */
export const DEFAULT_SESSION_NAME = 'vscode-assistant';

/** The command's arguments for the input: the fields it takes, nothing else (no MFA code from a model). */
export function assumeRoleArgs(input: AssumeRoleInput): AssumeRoleArgs {
  return {
    roleArn: String(input.roleArn ?? '').trim(),
    sessionName: input.sessionName?.trim() || DEFAULT_SESSION_NAME,
    ...(input.profile ? { profile: input.profile } : {}),
    ...(input.durationSeconds !== undefined ? { durationSeconds: input.durationSeconds } : {}),
    ...(input.externalId ? { externalId: input.externalId } : {}),
    ...(input.region ? { region: input.region } : {}),
  };
}

/** The confirmation the user sees before the role is assumed. */
export function assumeRoleConfirmation(input: AssumeRoleInput): vscode.LanguageModelToolConfirmationMessages {
  const args = assumeRoleArgs(input);
  const details = [
    vscode.l10n.t('Role: `{0}`', args.roleArn),
    vscode.l10n.t('With: {0}', args.profile ? vscode.l10n.t('profile `{0}`', args.profile) : vscode.l10n.t('your default AWS credentials')),
    vscode.l10n.t('Session name: `{0}`', args.sessionName ?? DEFAULT_SESSION_NAME),
    ...(args.durationSeconds !== undefined ? [vscode.l10n.t('Duration: {0} seconds', args.durationSeconds)] : []),
    ...(args.externalId ? [vscode.l10n.t('ExternalId: given')] : []),
  ];
  return {
    title: vscode.l10n.t('Assume an AWS role?'),
    message: new vscode.MarkdownString(
      [
        vscode.l10n.t('Calls STS AssumeRole and makes the result this window\'s role session: new terminals, debug sessions and AWS tools of this window act as that role until it expires or you clear it.'),
        '',
        ...details.map((d) => `- ${d}`),
        '',
        vscode.l10n.t('The credentials stay in VS Code; the assistant is told only the role session\'s ARN and expiry.'),
      ].join('\n'),
    ),
  };
}

/**
 * Acts (asks first): assumes a role through "IAM: Assume Role…" with the given answers, so the
 * session lives exactly as one the user started. The model gets the assumed-role ARN and the
 * expiry, never a key.
 */
export function assumeRoleTool(session: SessionState): vscode.LanguageModelTool<AssumeRoleInput> {
  return {
    prepareInvocation(options) {
      return { invocationMessage: vscode.l10n.t('Assuming {0}', String(options.input.roleArn)), confirmationMessages: assumeRoleConfirmation(options.input) };
    },
    async invoke(options) {
      const args = assumeRoleArgs(options.input);
      const assumed = await vscode.commands.executeCommand<string | undefined>(COMMANDS.assumeRole, args);
      const live = session.live;
      if (!assumed || !live) {
        const message = `${args.roleArn} was not assumed; VS Code showed the user why (invalid input, no credentials, AccessDenied, MFA required …). The window's previous session, if any, is unchanged.`;
        return toolResult(message, { roleArn: args.roleArn, assumed: false, error: message });
      }
      const expiration = live.expiration.toISOString();
      const message = `Assumed ${assumed} until ${expiration}. New terminals of this window (e.g. "IAM: Open Terminal in Session") act as this role; the credentials are not shown to the assistant.`;
      return toolResult(message, { roleArn: args.roleArn, assumed: true, assumedRoleArn: assumed, expiration });
    },
  };
}

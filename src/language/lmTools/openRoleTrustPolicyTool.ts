import * as vscode from 'vscode';
import { COMMANDS } from '../../commands/ids';
import type { SessionState } from '../../session/sessionState';
import { toolResult } from './toolResult';

export interface OpenRoleInput {
  roleArn: string;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** Who reads the role from IAM: the window's session, or the default credentials. */
function readsWith(session: SessionState): string {
  const live = session.live;
  return live ? vscode.l10n.t('the role session {0}', live.assumedRoleArn) : vscode.l10n.t('your default AWS credentials');
}

/**
 * Acts (asks first): opens a live role's trust policy from IAM in an editor, through "IAM: Open
 * Role Trust Policy…", and returns its text. Saving it later would update the role: that stays
 * the user's own action in the editor.
 */
export function openRoleTrustPolicyTool(session: SessionState): vscode.LanguageModelTool<OpenRoleInput> {
  return {
    prepareInvocation(options) {
      const arn = options.input.roleArn;
      return {
        invocationMessage: vscode.l10n.t('Opening the trust policy of {0}', arn),
        confirmationMessages: {
          title: vscode.l10n.t('Open a role\'s trust policy from AWS?'),
          message: new vscode.MarkdownString(
            vscode.l10n.t('Reads the trust policy of `{0}` from IAM (GetRole) with {1} and opens it in an editor. Nothing is changed in AWS; the assistant gets the policy text.', arn, readsWith(session)),
          ),
        },
      };
    },
    async invoke(options) {
      const arn = options.input.roleArn?.trim() ?? '';
      if (!ROLE_ARN.test(arn)) {
        const message = `Not a role ARN: ${JSON.stringify(arn)}. Expected arn:aws:iam::<12-digit account>:role/<name>.`;
        return toolResult(message, { error: message });
      }
      const uri = await vscode.commands.executeCommand<string | undefined>(COMMANDS.openRoleTrustPolicy, arn);
      if (!uri) {
        const message = `The trust policy of ${arn} could not be opened; VS Code showed the user why (no credentials, AccessDenied, no such role …).`;
        return toolResult(message, { roleArn: arn, error: message });
      }
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const markdown = [
        `Opened the trust policy of ${arn} in an editor (${uri}). Saving that document updates the role in AWS (UpdateAssumeRolePolicy); it is the user's to save.`,
        '',
        '```json',
        document.getText().trimEnd(),
        '```',
      ].join('\n');
      return toolResult(markdown + '\n', { roleArn: arn, uri, policy: document.getText() });
    },
  };
}

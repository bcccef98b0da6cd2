import * as vscode from 'vscode';
import { roleRefFromArn } from '../../session/roleDocuments';
import type { SessionState } from '../../session/sessionState';
import { roleDocumentUri } from '../../roles/roleTrustPolicyFs';
import { COMMANDS } from '../ids';
import { MultiStepInput } from '../session/multiStepInput';
import { roleListPick } from './roleList';
import { sessionTargets } from '../session/sessionTargets';

/**
 * "IAM: Open Role Trust Policy…": a role of the account of the current session (or of the
 * default credentials), its trust policy opened as an editable document that saves to AWS.
 */
export function registerOpenRoleTrustPolicyCommand(state: SessionState): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.openRoleTrustPolicy, async (roleArn?: string) => {
    let arn = roleArn;
    if (!arn) {
      const session = state.live;
      let picked: string | undefined;
      const done = await MultiStepInput.run(
        async (input) => {
          const item = await input.pick(roleListPick((signal) => sessionTargets.iamWithSession(state, signal)));
          picked = item.role?.arn;
          return undefined;
        },
        {},
        () => ({ title: `Open Role Trust Policy — with ${session ? session.assumedRoleArn : 'your default credentials'}`, totalSteps: 1 }),
      );
      if (!done || !picked) return undefined;
      arn = picked;
    }
    const ref = roleRefFromArn(arn);
    if (!ref) {
      void vscode.window.showErrorMessage(`Not a role ARN: ${arn}`);
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(roleDocumentUri(ref)).then(
      (d) => d,
      (error: unknown) => {
        void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
        return undefined;
      },
    );
    if (!document) return undefined;
    await vscode.window.showTextDocument(document);
    return document.uri.toString();
  });
}

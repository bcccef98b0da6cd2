import type * as vscode from 'vscode';
import { explainStsError } from '../../session/errors';
import { listRoles, type IamTarget, type RoleSummary } from '../../session/iam';
import type { PickOptions } from '../session/multiStepInput';

export type ListedRoleItem = vscode.QuickPickItem & { role?: RoleSummary; failed?: boolean };

/** A quick pick of the roles ListRoles returns, page by page as they arrive; a failure is an item that explains it. */
export function roleListPick(target: (signal: AbortSignal) => IamTarget, sourceProfile?: string): PickOptions<ListedRoleItem> {
  return {
    items: [],
    placeholder: 'Loading roles… type to filter',
    matchOnDescription: true,
    matchOnDetail: true,
    load: async (add, signal) => {
      try {
        await listRoles(target(signal), (page) =>
          add(
            page.map((role) => ({
              label: role.name,
              description: role.path === '/' ? role.arn : `${role.path} · ${role.arn}`,
              detail: [`at most ${role.maxSessionDuration / 3600} h`, role.description].filter(Boolean).join(' · '),
              role,
            })),
          ),
        );
      } catch (error) {
        if (signal.aborted) return;
        const explained = explainStsError(error, { roleArn: 'the roles of this account', service: 'IAM', ...(sourceProfile ? { sourceProfile } : {}) });
        add([{ label: `$(error) Cannot list roles: ${explained.title}`, detail: `${explained.detail} — press Enter to go back`, failed: true, alwaysShow: true }]);
      }
    },
  };
}

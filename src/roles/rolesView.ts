// The "IAM Roles" view (issue 16 §3), the part in dist/extension.js: it registers the view and
// its commands at activation, and loads the rest (rolesViewTree.ts: the audit reading, the
// engine, the trust graph; dist/rolesView.js) when the view first asks for its items or one of
// the commands is first run. A window that never shows the view never loads it.
import * as vscode from 'vscode';
import type { ExplanationDocuments } from '../commands/policy/explanationDocument';
import type { SessionState } from '../session/sessionState';
import { ROLES_VIEW_COMMANDS, ROLES_VIEW_ID, ROLES_VIEW_SNAPSHOT_COMMAND } from './rolesViewIds';
import type { RolesNode, RolesTree } from './rolesViewTree';

export function registerRolesView(session: SessionState, explanations: ExplanationDocuments): vscode.Disposable {
  let tree: RolesTree | undefined;
  const changed = new vscode.EventEmitter<RolesNode | undefined>();
  const loaded = (): RolesTree => {
    if (!tree) {
      // esbuild turns this into require('./rolesView.js'), beside dist/extension.js (scripts/build.mjs).
      const { RolesTree } = require('./rolesViewTree') as typeof import('./rolesViewTree');
      tree = new RolesTree(view, session, explanations, changed);
    }
    return tree;
  };
  const view = vscode.window.createTreeView<RolesNode>(ROLES_VIEW_ID, {
    treeDataProvider: {
      onDidChangeTreeData: changed.event,
      getTreeItem: (node) => loaded().getTreeItem(node),
      getChildren: (node) => loaded().getChildren(node),
    },
    showCollapseAll: true,
  });
  const forward = (id: string, run: (tree: RolesTree, ...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, (...args: unknown[]) => run(loaded(), ...args));
  const c = ROLES_VIEW_COMMANDS;
  return vscode.Disposable.from(
    view,
    changed,
    forward(c.refresh, (t) => t.refresh()),
    forward(c.filter, (t, text) => t.askFilter(typeof text === 'string' ? text : undefined)),
    forward(c.clearFilter, (t) => t.setFilter({ text: '' })),
    forward(c.showOnlyWithFindings, (t) => t.setFilter({ onlyWithFindings: true })),
    forward(c.showAllRoles, (t) => t.setFilter({ onlyWithFindings: false })),
    forward(c.openRole, (t, node) => t.openRole(node)),
    forward(c.whoCanReach, (t, node) => t.query(node, 'who-can-reach')),
    forward(c.reachableFrom, (t, node) => t.query(node, 'reachable-from')),
    forward(ROLES_VIEW_SNAPSHOT_COMMAND, (t) => t.snapshot()),
    { dispose: () => tree?.dispose() },
  );
}

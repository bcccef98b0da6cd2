/** The "IAM Roles" view's identifiers, as contributed in package.json (issue 16 §3). */
export const ROLES_VIEW_ID = 'iamTrust.roles';

export const ROLES_VIEW_COMMANDS = {
  refresh: 'iamTrust.rolesView.refresh',
  filter: 'iamTrust.rolesView.filter',
  clearFilter: 'iamTrust.rolesView.clearFilter',
  showOnlyWithFindings: 'iamTrust.rolesView.showOnlyWithFindings',
  showAllRoles: 'iamTrust.rolesView.showAllRoles',
  openRole: 'iamTrust.rolesView.openRole',
  whoCanReach: 'iamTrust.rolesView.whoCanReach',
  reachableFrom: 'iamTrust.rolesView.reachableFrom',
} as const;

/** Not contributed (no title, not in the palette): the tree as its items say it, for the extension-host tests. */
export const ROLES_VIEW_SNAPSHOT_COMMAND = 'iamTrust.rolesView.snapshot';

/** Context keys of the view's title buttons. */
export const ROLES_VIEW_CONTEXT = {
  onlyWithFindings: 'iamTrust.rolesView.onlyWithFindings',
  filtered: 'iamTrust.rolesView.filtered',
} as const;

/** Command identifiers, as contributed in package.json. */
export const COMMANDS = {
  newTrustPolicy: 'iamTrust.newTrustPolicy',
  showStatus: 'iamTrust.showStatus',
  validateWorkspace: 'iamTrust.validateWorkspace',
  assumeRole: 'iamTrust.assumeRole',
  refreshSession: 'iamTrust.refreshSession',
  clearSession: 'iamTrust.clearSession',
  copyCredentials: 'iamTrust.copyCredentials',
  openConsole: 'iamTrust.openConsole',
  copyConsoleUrl: 'iamTrust.copyConsoleUrl',
  openSessionTerminal: 'iamTrust.openSessionTerminal',
  whoAmI: 'iamTrust.whoAmI',
  sessionMenu: 'iamTrust.sessionMenu',
  openRoleTrustPolicy: 'iamTrust.openRoleTrustPolicy',
  checkWhoCanAssume: 'iamTrust.checkWhoCanAssume',
  explainAssumeRoleDenied: 'iamTrust.explainAssumeRoleDenied',
} as const;

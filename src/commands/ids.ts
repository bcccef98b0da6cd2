/** Command identifiers, as contributed in package.json. */
export const COMMANDS = {
  newTrustPolicy: 'iamTrust.newTrustPolicy',
  showStatus: 'iamTrust.showStatus',
  validateWorkspace: 'iamTrust.validateWorkspace',
  assumeRole: 'iamTrust.assumeRole',
  clearSession: 'iamTrust.clearSession',
  copyCredentials: 'iamTrust.copyCredentials',
} as const;

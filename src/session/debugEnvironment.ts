/**
 * What a launch configuration's `env` becomes while a role session is live (the
 * DebugConfigurationProvider for '*', src/terminal/debugSessions.ts): the session's terminal
 * variables added, never replacing what the configuration sets itself. Pure: no 'vscode'.
 */

/** Variables that choose the credentials: a configuration that sets any of them has chosen its own. */
const CREDENTIAL_VARIABLES = new Set([
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
]);

/** Debug types whose `env` takes null to remove a variable (js-debug: "null removes the variable"). */
export const NULL_REMOVES_VARIABLE = new Set(['node', 'pwa-node', 'node-terminal']);

export interface DebugSessionVariables {
  /** What a session terminal gets (TerminalEnvironment.set). */
  set: Readonly<Record<string, string>>;
  /** What a session terminal goes without (TerminalEnvironment.remove): AWS_PROFILE inherited from VS Code. */
  remove: readonly string[];
}

/**
 * The configuration's `env` with the session's variables added. Its own values always win; and
 * when it sets any variable that chooses credentials (keys, a profile, a container endpoint),
 * none of the session's credential variables are added: half of one set of keys with half of
 * another (the configuration's key ID with the session's token) would fail in every client.
 * Variables to remove become null only where the debug type understands null.
 */
export function mergeDebugEnvironment(
  configEnv: unknown,
  session: DebugSessionVariables,
  options: { nullRemoves: boolean; caseInsensitive?: boolean },
): Record<string, string | null> {
  const own: Record<string, string | null> = configEnv && typeof configEnv === 'object' && !Array.isArray(configEnv) ? { ...(configEnv as Record<string, string | null>) } : {};
  const norm = (name: string) => (options.caseInsensitive ? name.toUpperCase() : name);
  const ownNames = new Set(Object.keys(own).map(norm));
  const choosesCredentials = [...ownNames].some((name) => CREDENTIAL_VARIABLES.has(name.toUpperCase()));
  const added: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(session.set)) {
    if (ownNames.has(norm(name))) continue;
    if (choosesCredentials && CREDENTIAL_VARIABLES.has(name)) continue;
    added[name] = value;
  }
  if (options.nullRemoves && !choosesCredentials) for (const name of session.remove) if (!ownNames.has(norm(name))) added[name] = null;
  return { ...added, ...own };
}

import { sessionEnvironment, type SessionCredentials } from './credentials';

export type ShellFormat = 'bash' | 'fish' | 'powershell' | 'cmd' | 'dotenv' | 'credential_process';

export const SHELL_FORMATS: Record<ShellFormat, string> = {
  bash: 'bash / zsh (export)',
  fish: 'fish (set -gx)',
  powershell: 'PowerShell ($Env:)',
  cmd: 'Windows cmd (set)',
  dotenv: '.env file',
  credential_process: 'credential_process JSON (Version 1)',
};

/** Single-quoted for POSIX shells: nothing inside expands; a quote is closed, escaped, reopened. */
const posixQuote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
/** fish: single quotes, where only \\ and ' need escaping. */
const fishQuote = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** PowerShell: single quotes, where a quote is doubled. */
const powershellQuote = (v: string) => `'${v.replace(/'/g, "''")}'`;
/**
 * cmd: inside `set "NAME=value"` the special characters & | < > ^ are literal; only % could
 * expand, and STS keys and tokens (base64) never hold one.
 */
const cmdQuote = (v: string) => v;
/** .env: double quotes with \\ and " escaped (the dotenv convention). */
const dotenvQuote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** The session as text to paste into a shell or file. The result is a secret. */
export function formatCredentials(credentials: SessionCredentials, format: ShellFormat): string {
  if (format === 'credential_process') {
    return (
      JSON.stringify(
        {
          Version: 1,
          AccessKeyId: credentials.accessKeyId,
          SecretAccessKey: credentials.secretAccessKey,
          SessionToken: credentials.sessionToken,
          Expiration: credentials.expiration.toISOString(),
        },
        null,
        2,
      ) + '\n'
    );
  }
  const lines = Object.entries(sessionEnvironment(credentials)).map(([name, value]) => {
    switch (format) {
      case 'bash':
        return `export ${name}=${posixQuote(value)}`;
      case 'fish':
        return `set -gx ${name} ${fishQuote(value)}`;
      case 'powershell':
        return `$Env:${name} = ${powershellQuote(value)}`;
      case 'cmd':
        return `set "${name}=${cmdQuote(value)}"`;
      case 'dotenv':
        return `${name}=${dotenvQuote(value)}`;
    }
  });
  return lines.join('\n') + '\n';
}

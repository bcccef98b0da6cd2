import * as vscode from 'vscode';
import type { LintOptions, Severity } from '../policy';
import { mergeLayers, type ProjectConfig } from '../policy/lint/config';

export interface LanguageSettings {
  files: string[];
  detectByContent: boolean;
  accountId: string | undefined;
  /** iamTrust.trustedAccounts: other accounts of the user's, inside the zone of trust. */
  trustedAccounts: string[];
  /** iamTrust.organizationId: the user's AWS Organizations ID. */
  organizationId: string | undefined;
  ignore: string[];
  severity: Record<Severity, vscode.DiagnosticSeverity>;
  delayMs: number;
  maxFileSize: number;
  /** Check trust policies inside CloudFormation/SAM templates and Terraform files. */
  embedded: boolean;
}

const SEVERITY_NAMES: Record<string, vscode.DiagnosticSeverity> = {
  Error: vscode.DiagnosticSeverity.Error,
  Warning: vscode.DiagnosticSeverity.Warning,
  Information: vscode.DiagnosticSeverity.Information,
  Hint: vscode.DiagnosticSeverity.Hint,
};

/** The iamTrust.* settings that the language features read, resolved for one resource. */
export function readLanguageSettings(scope?: vscode.ConfigurationScope): LanguageSettings {
  const config = vscode.workspace.getConfiguration('iamTrust', scope);
  const severity = (level: Severity, fallback: string) =>
    SEVERITY_NAMES[config.get<string>(`severity.${level}`, fallback)] ?? SEVERITY_NAMES[fallback]!;
  const accountId = config.get<string>('accountId', '').trim();
  const organizationId = config.get<string>('organizationId', '').trim();
  return {
    files: config.get<string[]>('files', []),
    detectByContent: config.get<boolean>('detectByContent', true),
    accountId: /^\d{12}$/.test(accountId) ? accountId : undefined,
    trustedAccounts: config.get<unknown[]>('trustedAccounts', []).filter((a): a is string => typeof a === 'string' && /^\d{12}$/.test(a.trim())).map((a) => a.trim()),
    organizationId: /^o-[a-z0-9]{10,32}$/.test(organizationId) ? organizationId : undefined,
    ignore: config.get<string[]>('ignore', []),
    severity: {
      error: severity('error', 'Error'),
      security: severity('security', 'Error'),
      warning: severity('warning', 'Warning'),
      suggestion: severity('suggestion', 'Information'),
    },
    delayMs: Math.max(0, config.get<number>('lint.delay', 250)),
    maxFileSize: Math.max(0, config.get<number>('lint.maxFileSize', 1_048_576)),
    embedded: config.get<boolean>('embedded.enabled', true),
  };
}

/** Whether a configuration change touches the settings above. */
export function affectsLanguageSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('iamTrust');
}

// `.iamtrust.json` lookup, apart so that the browser bundle can read it with vscode.workspace.fs
// instead (scripts/build.mjs swaps in src/web/projectConfigs.ts).
export { ProjectConfigs, type LoadedConfig } from './projectConfigs';

/**
 * What the engine is told for a document. The project's `.iamtrust.json` is its truth, shared
 * with the CLI and CI, so it wins over the settings, which are the user's defaults and fill in
 * what the file leaves out; the ignore lists of both apply. (iamTrust.severity.* is not
 * overridden: it says how each severity is shown, after the file has re-graded the rules.)
 */
export function lintOptionsFor(settings: LanguageSettings, config: ProjectConfig | undefined, roleAccount?: string): LintOptions {
  const fromSettings = {
    ...(settings.accountId ? { accountId: settings.accountId } : {}),
    ...(settings.trustedAccounts.length > 0 ? { trustedAccounts: settings.trustedAccounts } : {}),
    ...(settings.organizationId ? { organizationId: settings.organizationId } : {}),
    ignore: settings.ignore,
  };
  const merged = mergeLayers(fromSettings, config);
  // A live role's document (roleAccountOf() in trustPolicyDocuments.ts) lives in that account, whatever
  // the settings and the project file say; the account they name stays inside the zone of trust.
  if (!roleAccount) return merged;
  const trustedAccounts = [...new Set([...(merged.trustedAccounts ?? []), ...(merged.accountId ? [merged.accountId] : [])])].filter((a) => a !== roleAccount);
  return { ...merged, accountId: roleAccount, ...(trustedAccounts.length > 0 ? { trustedAccounts } : {}) };
}

import * as vscode from 'vscode';
import type { Severity } from '../policy';

export interface LanguageSettings {
  files: string[];
  detectByContent: boolean;
  accountId: string | undefined;
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
  return {
    files: config.get<string[]>('files', []),
    detectByContent: config.get<boolean>('detectByContent', true),
    accountId: /^\d{12}$/.test(accountId) ? accountId : undefined,
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

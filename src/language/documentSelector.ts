import type * as vscode from 'vscode';

/** The documents the language features register for; each provider then checks isTrustPolicyDocument. */
export const POLICY_SELECTOR: vscode.DocumentSelector = [
  { language: 'json' },
  { language: 'jsonc' },
  { scheme: 'iam-role' },
  // Templates and Terraform files with trust policies inside.
  { language: 'yaml' },
  { language: 'terraform' },
  { pattern: '**/*.tf' },
];

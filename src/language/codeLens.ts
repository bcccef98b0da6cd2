import * as vscode from 'vscode';
import { summarizeStatements } from '../policy/evaluate/summarize';
import { COMMANDS } from '../commands/ids';
import { readLanguageSettings } from './settings';
import { isTrustPolicyDocument, withinEngineLimit } from './trustPolicyDocuments';
import { POLICY_SELECTOR } from './documentSelector';

/** Above each statement: whom it trusts, to do what, under which conditions. A click checks a caller against the policy. */
export class StatementSummaryLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration('iamTrust').get<boolean>('codeLens.enabled', true)) return [];
    if (!withinEngineLimit(document) || !isTrustPolicyDocument(document, readLanguageSettings())) return [];
    return summarizeStatements(document.getText()).map((summary) => {
      const start = document.positionAt(summary.offset);
      return new vscode.CodeLens(new vscode.Range(start, start), {
        title: summary.title,
        tooltip: `${summary.detail}\n\nClick to check a caller against this policy.`,
        command: COMMANDS.checkWhoCanAssume,
        arguments: [{ uri: document.uri.toString() }],
      });
    });
  }

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.languages.registerCodeLensProvider(POLICY_SELECTOR, this),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('iamTrust')) this.changed.fire();
      }),
      this.changed,
    );
  }
}

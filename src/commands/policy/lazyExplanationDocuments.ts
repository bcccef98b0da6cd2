import type * as vscode from 'vscode';
import { ExplanationDocuments } from './explanationDocument';

/**
 * Explanation documents whose content provider is registered by the first show(), not at
 * activation (issue 15 §2): only the engine's commands and the IAM Roles view show one, and a
 * window without trust policies never does.
 */
export class LazyExplanationDocuments extends ExplanationDocuments implements vscode.Disposable {
  private registration: vscode.Disposable | undefined;

  override show(name: string, markdown: string): Promise<vscode.TextEditor> {
    this.registration ??= this.register();
    return super.show(name, markdown);
  }

  dispose(): void {
    this.registration?.dispose();
  }
}

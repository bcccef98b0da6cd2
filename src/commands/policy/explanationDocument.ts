import * as vscode from 'vscode';

export const EXPLANATION_SCHEME = 'iam-trust-explain';

/** Read-only markdown documents that explain a decision (who can assume a role, why AWS refused). */
export class ExplanationDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private count = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens `markdown` beside the active editor, under a name that says what it explains. */
  async show(name: string, markdown: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: EXPLANATION_SCHEME, path: `/${++this.count}/${name.replace(/[\\/:*?"<>|]/g, '-')}.md` });
    this.texts.set(uri.toString(), markdown);
    const document = await vscode.workspace.openTextDocument(uri);
    // Beside the policy it explains; alone when no editor is open.
    const viewColumn = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    return vscode.window.showTextDocument(document, { viewColumn, preview: true });
  }

  register(): vscode.Disposable {
    return vscode.Disposable.from(vscode.workspace.registerTextDocumentContentProvider(EXPLANATION_SCHEME, this), this.changed);
  }
}

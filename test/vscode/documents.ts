import * as vscode from 'vscode';

let counter = 0;

/**
 * A new untitled JSON document with `content`, shown in an editor. Each gets its own name:
 * VS Code reuses "Untitled-1" right after the previous one is closed, and a request made then
 * was seen (about one run in six) to reach the closed document's text. The name must not
 * look like a trust-policy file name (iamTrust.files), or every document would be one.
 */
export async function openUntitledJson(content: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `/scratch-${process.pid}-${++counter}.json` });
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  if (content) await editor.edit((b) => b.insert(new vscode.Position(0, 0), content));
  return { document, editor };
}

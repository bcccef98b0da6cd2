import * as vscode from 'vscode';

/** A tool's answer: Markdown for the model to read, and the same as JSON for programs. */
export function toolResult(markdown: string, data: unknown): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(markdown), new vscode.LanguageModelTextPart(JSON.stringify(data))]);
}

import * as vscode from 'vscode';
import { lint } from '../policy';
import { FIXABLE_CODES, fixesFor } from '../policy/lint/fixes';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { POLICY_SELECTOR } from './documentSelector';
import { readLanguageSettings, type LanguageSettings } from './settings';
import { trustDocumentKind } from './trustPolicyDocuments';
import { embeddedFixes, type EmbeddingKind } from '../policy/embedded';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''));

/** Quick fixes for the engine's findings, computed by src/policy/fixes.ts. */
export function registerCodeActions(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    POLICY_SELECTOR,
    {
      provideCodeActions(document, _range, context) {
        const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && FIXABLE_CODES.includes(codeOf(d)));
        if (ours.length === 0) return undefined;
        const text = document.getText();
        const settings = readLanguageSettings(document.uri);
        const kind = trustDocumentKind(document, settings);
        if (kind && kind !== 'policy') return embeddedActions(document, kind, ours, settings);
        // Re-lint to get the engine's own finding (offsets) behind each diagnostic.
        const findings = lint(text, { accountId: settings.accountId, ignore: settings.ignore });
        const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
        const actions: vscode.CodeAction[] = [];
        for (const diagnostic of ours) {
          const offset = document.offsetAt(diagnostic.range.start);
          const finding = findings.find((f) => f.code === codeOf(diagnostic) && f.offset === offset);
          if (!finding) continue;
          const fixes = fixesFor(text, finding, {
            accountId: settings.accountId,
            tabSize: typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : 2,
            insertSpaces: editor?.options.insertSpaces !== false,
            eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
          });
          for (const fix of fixes) {
            const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
            action.diagnostics = [diagnostic];
            action.isPreferred = fix.preferred;
            action.edit = new vscode.WorkspaceEdit();
            for (const edit of fix.edits) {
              action.edit.replace(
                document.uri,
                new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length)),
                edit.content,
              );
            }
            actions.push(action);
          }
        }
        return actions;
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}

/** Quick fixes in templates and .tf files: those that replace a token, in the file's own syntax. */
function embeddedActions(document: vscode.TextDocument, kind: EmbeddingKind, diagnostics: vscode.Diagnostic[], settings: LanguageSettings): vscode.CodeAction[] {
  const text = document.getText();
  const options = { ...(settings.accountId ? { accountId: settings.accountId } : {}), ignore: settings.ignore };
  return diagnostics.flatMap((diagnostic) =>
    embeddedFixes(text, kind, document.offsetAt(diagnostic.range.start), codeOf(diagnostic), options).map((fix) => {
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = fix.preferred;
      action.edit = new vscode.WorkspaceEdit();
      for (const edit of fix.edits) action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length)), edit.content);
      return action;
    }),
  );
}

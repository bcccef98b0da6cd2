import * as vscode from 'vscode';
import { lint } from '../policy';
import { FIXABLE_CODES, fixesFor } from '../policy/lint/fixes';
import { commentStyleOf, SUPPRESSION_CODES, suppressionEdit } from '../policy/lint/suppressions';
import { CONFIG_PROBLEM, DIAGNOSTIC_SOURCE, DOCUMENT_TOO_LARGE } from './diagnostics';
import { POLICY_SELECTOR } from './documentSelector';
import { lintOptionsFor, ProjectConfigs, readLanguageSettings } from './settings';
import { roleAccountOf, trustDocumentKind } from './trustPolicyDocuments';
import { embeddedFixes, type EmbeddingKind } from '../policy/embedded';
import type { Finding, LintOptions } from '../policy';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''));

/** Diagnostics that are not a rule's finding about the policy, and so cannot be suppressed inline. */
const NOT_SUPPRESSIBLE = new Set([DOCUMENT_TOO_LARGE, CONFIG_PROBLEM, 'internal-error', ...SUPPRESSION_CODES]);

/**
 * Quick fixes for the engine's findings, computed by src/policy/lint/fixes.ts, and "Suppress
 * with a reason…" in the formats that have comments (YAML, Terraform, JSONC).
 */
export function registerCodeActions(): vscode.Disposable {
  const configs = new ProjectConfigs();
  const registration = vscode.languages.registerCodeActionsProvider(
    POLICY_SELECTOR,
    {
      provideCodeActions(document, _range, context) {
        const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
        if (ours.length === 0) return undefined;
        const fixable = ours.filter((d) => FIXABLE_CODES.includes(codeOf(d)));
        const actions: vscode.CodeAction[] = [];
        if (fixable.length > 0) {
          const settings = readLanguageSettings(document.uri);
          const options = lintOptionsFor(settings, configs.forUri(document.uri)?.config, roleAccountOf(document.uri));
          const kind = trustDocumentKind(document, settings);
          if (kind && kind !== 'policy') actions.push(...embeddedActions(document, kind, fixable, options));
          else actions.push(...policyActions(document, fixable, options));
        }
        actions.push(...suppressActions(document, ours));
        return actions;
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
  return vscode.Disposable.from(registration, configs);
}

/** Quick fixes in policy files. */
function policyActions(document: vscode.TextDocument, diagnostics: vscode.Diagnostic[], options: LintOptions): vscode.CodeAction[] {
  const text = document.getText();
  // Re-lint to get the engine's own finding (offsets) behind each diagnostic.
  // By code and offset, looked up once per diagnostic (a line of 16,000 syntax findings, each
  // searched for in the whole list, took 6.6 s: the fuzz campaign of issue 15's stop).
  const findings = new Map<string, Finding>();
  for (const f of lint(text, options)) {
    const key = `${f.code}@${f.offset}`;
    if (!findings.has(key)) findings.set(key, f);
  }
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const actions: vscode.CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const finding = findings.get(`${codeOf(diagnostic)}@${document.offsetAt(diagnostic.range.start)}`);
    if (!finding) continue;
    const fixes = fixesFor(text, finding, {
      accountId: options.accountId,
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
        action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length)), edit.content);
      }
      actions.push(action);
    }
  }
  return actions;
}

/** Quick fixes in templates and .tf files: those that replace a token, in the file's own syntax. */
function embeddedActions(document: vscode.TextDocument, kind: EmbeddingKind, diagnostics: vscode.Diagnostic[], options: LintOptions): vscode.CodeAction[] {
  const text = document.getText();
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

/**
 * "Suppress with a reason…": a `# iam-trust-ignore <code>: <reason>` line (`//` in JSONC) above
 * the finding's line, the reason a snippet placeholder for the user to type. Not offered in
 * plain JSON, which has no comments: there `.iamtrust.json` ignores or re-grades a rule.
 */
function suppressActions(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
  const candidates = diagnostics.filter((d) => !NOT_SUPPRESSIBLE.has(codeOf(d)));
  if (candidates.length === 0) return [];
  const text = document.getText();
  const style = commentStyleOf(document.uri.path, text, document.languageId);
  if (!style) return [];
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const actions: vscode.CodeAction[] = [];
  const offered = new Set<string>();
  for (const diagnostic of candidates) {
    const code = codeOf(diagnostic);
    const edit = suppressionEdit(text, style, diagnostic.range.start.line + 1, code, eol);
    // One action per code and insertion place (several findings of a code on one line share it).
    if (!edit || offered.has(`${code}@${edit.offset}`)) continue;
    offered.add(`${code}@${edit.offset}`);
    const head = edit.content.slice(0, edit.placeholder.start);
    const placeholder = edit.content.slice(edit.placeholder.start, edit.placeholder.start + edit.placeholder.length);
    const tail = edit.content.slice(edit.placeholder.start + edit.placeholder.length);
    const snippet = new vscode.SnippetString().appendText(head).appendPlaceholder(placeholder).appendText(tail);
    const position = document.positionAt(edit.offset);
    const action = new vscode.CodeAction(`Suppress ${code} with a reason…`, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.edit = new vscode.WorkspaceEdit();
    action.edit.set(document.uri, [new vscode.SnippetTextEdit(new vscode.Range(position, position), snippet)]);
    actions.push(action);
  }
  return actions;
}

import * as vscode from 'vscode';
import type { Finding, Severity } from '../../policy/base/finding';
import {
  ACCESS_ANALYZER_CODE_PREFIX,
  ACCESS_ANALYZER_NOTICE,
  ACCESS_ANALYZER_SOURCE,
  accessAnalyzerFailure,
  notParsed,
  validateTrustPolicy,
  type AccessAnalyzerTarget,
} from '../../session/accessAnalyzerCall';
import type { SessionState } from '../../session/sessionState';
import { sessionTargets } from '../session/sessionTargets';

/**
 * "IAM: Validate with Access Analyzer": sends the active trust policy to IAM Access Analyzer
 * (ValidatePolicy, CheckNoPublicAccess; src/session/accessAnalyzer.ts) with the window's role
 * session or the default credentials, and shows its findings beside ours in Problems, with the
 * source "Access Analyzer". The network and the billing are explained once, before the first
 * call, and the answer is remembered; a document that is not strict JSON is never sent.
 */
export const VALIDATE_WITH_ACCESS_ANALYZER = 'iamTrust.validateWithAccessAnalyzer';
/** globalState: the person accepted the notice once. */
export const ACCESS_ANALYZER_CONSENT = 'iamTrust.accessAnalyzer.accepted';

export interface ValidateWithAccessAnalyzerArgs {
  /** The document; the active editor's by default. */
  uri?: string;
  /** The answer to the one-time notice, given by a caller (a test) instead of the person. */
  confirm?: 'Validate' | 'Cancel';
}

export interface ValidateWithAccessAnalyzerResult {
  sent: boolean;
  /** Why nothing was sent, or why the call failed. */
  reason?: string;
  findings?: number;
  publicAccess?: 'PASS' | 'FAIL';
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  security: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  suggestion: vscode.DiagnosticSeverity.Information,
};

export function toAccessAnalyzerDiagnostics(uri: vscode.Uri, findings: readonly Finding[]): vscode.Diagnostic[] {
  return findings.map((f) => {
    const range = new vscode.Range(f.range.start.line - 1, f.range.start.column - 1, f.range.end.line - 1, f.range.end.column - 1);
    const diagnostic = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
    diagnostic.source = ACCESS_ANALYZER_SOURCE;
    const issue = f.code.startsWith(ACCESS_ANALYZER_CODE_PREFIX) ? f.code.slice(ACCESS_ANALYZER_CODE_PREFIX.length) : f.code;
    const link = /\((https:\/\/[^)\s]+)\)$/.exec(f.message)?.[1];
    diagnostic.code = link ? { value: issue, target: vscode.Uri.parse(link) } : issue;
    if (f.related) {
      diagnostic.relatedInformation = f.related.map(
        (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, new vscode.Range(r.range.start.line - 1, r.range.start.column - 1, r.range.end.line - 1, r.range.end.column - 1)), r.message),
      );
    }
    return diagnostic;
  });
}

export function registerValidateWithAccessAnalyzerCommand(session: SessionState, globalState: vscode.Memento): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('iamTrust.accessAnalyzer');
  // The findings are a snapshot of the text that was sent: an edit or closing the document drops them.
  const changed = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.contentChanges.length > 0 && diagnostics.has(e.document.uri)) diagnostics.delete(e.document.uri);
  });
  const closed = vscode.workspace.onDidCloseTextDocument((d) => diagnostics.delete(d.uri));

  const command = vscode.commands.registerCommand(VALIDATE_WITH_ACCESS_ANALYZER, async (args?: ValidateWithAccessAnalyzerArgs): Promise<ValidateWithAccessAnalyzerResult> => {
    const document = args?.uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri)) : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showWarningMessage('IAM: Validate with Access Analyzer: open a trust policy first.');
      return { sent: false, reason: 'no document' };
    }
    const text = document.getText();
    const problem = notParsed(text);
    if (problem) {
      diagnostics.delete(document.uri);
      const reason = `Nothing was sent to Access Analyzer: ${problem}. Fix the JSON first (IAM reads strict JSON only).`;
      void vscode.window.showWarningMessage(reason);
      return { sent: false, reason };
    }
    if (!globalState.get<boolean>(ACCESS_ANALYZER_CONSENT, false)) {
      const answer = args?.confirm ?? (await vscode.window.showInformationMessage(ACCESS_ANALYZER_NOTICE, { modal: true }, 'Validate'));
      if (answer !== 'Validate') return { sent: false, reason: 'the notice was not accepted' };
      await globalState.update(ACCESS_ANALYZER_CONSENT, true);
    }
    const endpoint = vscode.workspace.getConfiguration('iamTrust').get<string>('accessAnalyzer.endpoint', '').trim();
    const base = sessionTargets.iamWithSession(session);
    const target: AccessAnalyzerTarget = { region: base.region, source: base.source, ...(endpoint ? { endpoint } : {}) };
    const who = session.live ? `the role session ${session.live.assumedRoleArn}` : 'your default credentials';
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Access Analyzer (${target.region}, ${who})`, cancellable: true },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return validateTrustPolicy(text, { ...target, abortSignal: abort.signal });
        },
      );
      // The text may have changed while the calls ran: the findings are for what was sent.
      if (document.getText() === text) diagnostics.set(document.uri, toAccessAnalyzerDiagnostics(document.uri, result.findings));
      const summary = `Access Analyzer: ${result.findings.length} finding(s)${result.publicAccess ? `; CheckNoPublicAccess ${result.publicAccess}` : ''}.`;
      if (result.findings.length > 0) {
        void vscode.window.showInformationMessage(summary, 'Show Problems').then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
        });
      } else void vscode.window.showInformationMessage(summary);
      return { sent: true, findings: result.findings.length, ...(result.publicAccess ? { publicAccess: result.publicAccess } : {}) };
    } catch (error) {
      const reason = accessAnalyzerFailure(error);
      void vscode.window.showErrorMessage(reason);
      return { sent: true, reason };
    }
  });
  return vscode.Disposable.from(command, diagnostics, changed, closed);
}

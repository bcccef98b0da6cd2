import * as vscode from 'vscode';
import { lint, type Finding } from '../policy';
import { rulesDocUri } from './ruleDocs';
import { affectsLanguageSettings, readLanguageSettings, type LanguageSettings } from './settings';
import { lintEmbedded, type EmbeddingKind } from '../policy/embedded';
import { trustDocumentKind } from './trustPolicyDocuments';

export const DIAGNOSTIC_SOURCE = 'iam-trust';

/**
 * Lints trust policies on open, as you type (debounced) and on save, and publishes the
 * findings as diagnostics. A document version is linted at most once; a pending lint is
 * dropped when a newer version arrives; closing a document clears its diagnostics.
 */
export class TrustPolicyDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly linted = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private settings: LanguageSettings = readLanguageSettings();
  private largeFileNoticeShown = false;
  private readonly workspaceFiles = new Set<string>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were published (tests and benchmarks wait on it). */
  readonly onDidUpdate = this.changeEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.disposables.push(
      this.changeEmitter,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document, this.settings.delayMs);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d, 0, true)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affectsLanguageSettings(e)) return;
        this.settings = readLanguageSettings();
        this.linted.clear();
        this.lintOpenDocuments();
      }),
    );
    this.lintOpenDocuments();
  }

  /** Lints an open document now; undefined when it is not a trust policy. */
  lintNow(document: vscode.TextDocument): vscode.Diagnostic[] | undefined {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.linted.set(key, document.version);
    const kind = trustDocumentKind(document, this.settings);
    if (!kind) {
      this.collection.delete(document.uri);
      this.changeEmitter.fire(document.uri);
      return undefined;
    }
    return this.publish(document.uri, document.getText(), kind);
  }

  /**
   * Lints a file that is not open (the workspace command): its problems stay listed after
   * an editor on it is closed, as they would for a build's.
   */
  lintFile(uri: vscode.Uri, text: string, settings = readLanguageSettings(uri)): vscode.Diagnostic[] | undefined {
    const kind = trustDocumentKind({ uri, languageId: 'json', getText: () => text }, settings);
    if (!kind) return undefined;
    this.workspaceFiles.add(uri.toString());
    return this.publish(uri, text, kind);
  }

  private publish(uri: vscode.Uri, text: string, kind: 'policy' | EmbeddingKind): vscode.Diagnostic[] {
    const findings = kind === 'policy' ? lintText(text, this.settings) : lintEmbedded(text, kind, { ...(this.settings.accountId ? { accountId: this.settings.accountId } : {}), ignore: this.settings.ignore });
    const diagnostics = toDiagnostics(findings, this.settings, this.extensionUri, uri);
    this.collection.set(uri, diagnostics);
    this.changeEmitter.fire(uri);
    return diagnostics;
  }

  private lintOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delayMs: number, saved = false): void {
    const key = document.uri.toString();
    if (this.linted.get(key) === document.version) return;
    if (!saved && document.getText().length > this.settings.maxFileSize) {
      this.noticeLargeFile(document);
      if (this.linted.has(key)) return;
    }
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        // Closed, or a newer version is already scheduled: nothing to do for this one.
        if (document.isClosed) return;
        this.lintNow(document);
      }, delayMs),
    );
  }

  private noticeLargeFile(document: vscode.TextDocument): void {
    if (this.largeFileNoticeShown || !trustDocumentKind(document, this.settings)) return;
    this.largeFileNoticeShown = true;
    void vscode.window.showInformationMessage(
      `${vscode.workspace.asRelativePath(document.uri)} is larger than iamTrust.lint.maxFileSize: it is checked when you save it, not while you type.`,
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.linted.delete(key);
    if (this.workspaceFiles.has(key) && uri.scheme === 'file') {
      // Found by the workspace command: show what is on disk now, as that command would.
      void vscode.workspace.fs.readFile(uri).then(
        (bytes) => this.lintFile(uri, new TextDecoder().decode(bytes)),
        () => this.collection.delete(uri),
      );
    } else {
      this.collection.delete(uri);
    }
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}

export function lintText(text: string, settings: LanguageSettings): Finding[] {
  return lint(text, { accountId: settings.accountId, ignore: settings.ignore });
}

export function toDiagnostics(
  findings: Finding[],
  settings: LanguageSettings,
  extensionUri: vscode.Uri,
  uri?: vscode.Uri,
): vscode.Diagnostic[] {
  return findings.map((finding) => {
    // The engine's lines and columns are 1-based UTF-16 positions, as VS Code's are 0-based.
    const { start, end } = finding.range;
    const range = new vscode.Range(start.line - 1, start.column - 1, end.line - 1, end.column - 1);
    const diagnostic = new vscode.Diagnostic(range, finding.message, settings.severity[finding.severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = { value: finding.code, target: rulesDocUri(extensionUri, finding.code) };
    if (finding.related && uri) {
      diagnostic.relatedInformation = finding.related.map(
        (r) =>
          new vscode.DiagnosticRelatedInformation(
            new vscode.Location(uri, new vscode.Range(r.range.start.line - 1, r.range.start.column - 1, r.range.end.line - 1, r.range.end.column - 1)),
            r.message,
          ),
      );
    }
    return diagnostic;
  });
}

import * as vscode from 'vscode';
import { lint, type Finding, type LintOptions } from '../policy';
import { rulesDocUri } from './ruleDocs';
import { affectsLanguageSettings, lintOptionsFor, ProjectConfigs, readLanguageSettings, type LanguageSettings } from './settings';
import { applySeverities, CONFIG_FILE_NAME, knownCodes, parseProjectConfig, type ConfigProblem } from '../policy/lint/config';
import { applySuppressions, commentStyleOf } from '../policy/lint/suppressions';
import { lintEmbedded, type EmbeddingKind } from '../policy/embedded';
import { MAX_DOCUMENT_CHARS } from '../policy/base/limits';
import { documentLength, roleAccountOf, trustDocumentKind } from './trustPolicyDocuments';

export const DIAGNOSTIC_SOURCE = 'iam-trust';

/** The code of the one diagnostic a document above MAX_DOCUMENT_CHARS gets instead of its findings. */
export const DOCUMENT_TOO_LARGE = 'document-too-large';
/** The code of the diagnostics on a `.iamtrust.json` that has problems. */
export const CONFIG_PROBLEM = 'config';
const LIMIT = `${MAX_DOCUMENT_CHARS / (1024 * 1024)} MiB`;
/** How much of a document is read to decide what it is when it is too large to read whole. */
const DETECTION_PREFIX_CHARS = 65_536;

type DocumentLike = Pick<vscode.TextDocument, 'uri' | 'languageId' | 'getText'>;

/**
 * Lints trust policies on open, as you type (debounced) and on save, and publishes the
 * findings as diagnostics. A document version is linted at most once; a pending lint is
 * dropped when a newer version arrives; closing a document clears its diagnostics.
 * Documents above iamTrust.lint.maxFileSize are linted on open and save only; documents above
 * MAX_DOCUMENT_CHARS are never given to the engine: they get one diagnostic saying so.
 */
export class TrustPolicyDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly linted = new Map<string, number>();
  /** Documents whose diagnostic is the refusal (DOCUMENT_TOO_LARGE). */
  private readonly refused = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private settings: LanguageSettings = readLanguageSettings();
  private largeFileNoticeShown = false;
  private readonly workspaceFiles = new Set<string>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** The `.iamtrust.json` of each document (docs/configuration.md). */
  readonly configs = new ProjectConfigs();
  /** Fires after a document's diagnostics were published (tests and benchmarks wait on it). */
  readonly onDidUpdate = this.changeEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.disposables.push(
      this.changeEmitter,
      this.configs,
      this.configs.onDidChange(() => {
        this.linted.clear();
        this.lintOpenDocuments();
      }),
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
    const length = documentLength(document);
    // The project configuration, whose name the default iamTrust.files (*trust*.json) matches: its own problems.
    if (isConfigFile(document.uri)) return this.publishConfigProblems(document.uri, length <= MAX_DOCUMENT_CHARS ? parseProjectConfig(document.getText()).problems : []);
    const kind = this.kindOf(document, length);
    if (!kind) {
      this.collection.delete(document.uri);
      this.changeEmitter.fire(document.uri);
      return undefined;
    }
    return length > MAX_DOCUMENT_CHARS ? this.refuse(document.uri, length) : this.publish(document.uri, document.getText(), kind, this.settings, document.languageId);
  }

  /**
   * Lints a file that is not open (the workspace command): its problems stay listed after
   * an editor on it is closed, as they would for a build's.
   */
  lintFile(uri: vscode.Uri, text: string, settings = readLanguageSettings(uri)): vscode.Diagnostic[] | undefined {
    if (isConfigFile(uri)) return undefined;
    const kind = this.kindOf({ uri, languageId: 'json', getText: () => text }, text.length, settings);
    if (!kind) return undefined;
    this.workspaceFiles.add(uri.toString());
    return text.length > MAX_DOCUMENT_CHARS ? this.refuse(uri, text.length) : this.publish(uri, text, kind, settings);
  }

  /**
   * What the engine should make of a document. One too large to be checked whole is judged by
   * its beginning: detection parses the text, and doing that on every keystroke in a document
   * of megabytes would make typing in it slow.
   */
  private kindOf(document: DocumentLike, length: number, settings = this.settings, headOnly = length > MAX_DOCUMENT_CHARS): ReturnType<typeof trustDocumentKind> {
    if (!headOnly) return trustDocumentKind(document, settings);
    const head = isTextDocument(document)
      ? document.getText(new vscode.Range(new vscode.Position(0, 0), document.positionAt(DETECTION_PREFIX_CHARS)))
      : document.getText().slice(0, DETECTION_PREFIX_CHARS);
    return trustDocumentKind({ uri: document.uri, languageId: document.languageId, getText: () => head }, settings);
  }

  /** The one diagnostic of a document above MAX_DOCUMENT_CHARS; the engine is not called. */
  private refuse(uri: vscode.Uri, length: number): vscode.Diagnostic[] {
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(0, 0, 0, 0),
      `This document has ${length.toLocaleString('en-US')} characters, more than the ${LIMIT} limit for one document: its trust policies are not checked.`,
      vscode.DiagnosticSeverity.Warning,
    );
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = DOCUMENT_TOO_LARGE;
    this.refused.add(uri.toString());
    this.collection.set(uri, [diagnostic]);
    this.changeEmitter.fire(uri);
    return [diagnostic];
  }

  private publish(uri: vscode.Uri, text: string, kind: 'policy' | EmbeddingKind, settings: LanguageSettings, languageId?: string): vscode.Diagnostic[] {
    const loaded = this.configs.forUri(uri);
    // A configuration that is not open shows its problems too (an open one is linted as typed).
    if (loaded && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === loaded.uri.toString())) {
      this.publishConfigProblems(loaded.uri, loaded.problems, false);
    }
    const findings = checkText(text, kind, lintOptionsFor(settings, loaded?.config, roleAccountOf(uri)), commentStyleOf(uri.path, text, languageId));
    const diagnostics = toDiagnostics(findings, settings, this.extensionUri, uri);
    this.refused.delete(uri.toString());
    this.collection.set(uri, diagnostics);
    this.changeEmitter.fire(uri);
    return diagnostics;
  }

  /** The problems of a `.iamtrust.json`, as errors on it. */
  private publishConfigProblems(uri: vscode.Uri, problems: readonly ConfigProblem[], fire = true): vscode.Diagnostic[] {
    const diagnostics = problems.map((p) => {
      const d = new vscode.Diagnostic(
        new vscode.Range(p.line - 1, p.column - 1, p.line - 1, p.column - 1 + Math.max(1, p.length)),
        p.message,
        vscode.DiagnosticSeverity.Error,
      );
      d.source = DIAGNOSTIC_SOURCE;
      d.code = CONFIG_PROBLEM;
      return d;
    });
    if (diagnostics.length > 0) this.collection.set(uri, diagnostics);
    else this.collection.delete(uri);
    if (fire) this.changeEmitter.fire(uri);
    return diagnostics;
  }

  private lintOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delayMs: number, saved = false): void {
    const key = document.uri.toString();
    if (this.linted.get(key) === document.version) return;
    const length = documentLength(document);
    // Refused at once, whatever the delay: that costs no more than deciding to wait.
    if (length > MAX_DOCUMENT_CHARS) {
      this.lintNow(document);
      return;
    }
    if (!saved && length > this.settings.maxFileSize) {
      this.noticeLargeFile(document);
      // Checked on open and save only, unless what it shows is the refusal, now out of date.
      if (this.linted.has(key) && !this.refused.has(key)) return;
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
    if (this.largeFileNoticeShown || !this.kindOf(document, documentLength(document), this.settings, true)) return;
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
    this.refused.delete(key);
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

function isTextDocument(document: DocumentLike): document is vscode.TextDocument {
  return 'positionAt' in document;
}

/**
 * The findings the editor shows for a document: the engine's, then the document's inline
 * suppressions (for formats with comments), then ignore and severity for the suppressions' own
 * findings — as the CLI does.
 */
export function checkText(text: string, kind: 'policy' | EmbeddingKind, options: LintOptions, style: ReturnType<typeof commentStyleOf>): Finding[] {
  const findings = kind === 'policy' ? lint(text, options) : lintEmbedded(text, kind, options);
  return applySeverities(applySuppressions(text, findings, style, knownCodes()), options);
}

/** Whether the document is a project configuration file. */
export function isConfigFile(uri: vscode.Uri): boolean {
  return uri.path.endsWith(`/${CONFIG_FILE_NAME}`);
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

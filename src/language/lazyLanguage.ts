// The part of the language features that lives in dist/extension.js: it decides when to load
// dist/language.js (lazyFeatures.ts) and stands in for it until then. A window where no document
// may be a trust policy never loads the engine, the IAM data, the YAML reader or the evaluator:
// each JSON, YAML or Terraform document opened, edited or saved gets the sniff of lazySniff.ts
// (a few string checks), and the first that may be one loads everything. So do the first use of
// a command that needs the engine and the first access to an iam-role document.
import * as vscode from 'vscode';
import type { ExplanationDocuments } from '../commands/policy/explanationDocument';
import { COMMANDS } from '../commands/ids';
import type { SessionState } from '../session/sessionState';
import type { LanguageFeatures } from './lazyFeatures';
import { mayNeedLanguageFeatures } from './lazySniff';

/** The commands that lazyFeatures.ts registers: stand-ins hold their ids until it loads. */
export const LAZY_COMMANDS: readonly string[] = [
  COMMANDS.validateWorkspace,
  COMMANDS.openRoleTrustPolicy,
  COMMANDS.checkWhoCanAssume,
  COMMANDS.explainAssumeRoleDenied,
];

/** The live-role schemes (roleTrustPolicyFs.ts, trustPolicyDocuments.ts), registered at activation. */
const ROLE_SCHEME = 'iam-role';
const ROLE_REMOTE_SCHEME = 'iam-role-remote';

/** Documents up to this length are sniffed on every edit; longer ones when typing pauses. */
const SNIFF_AT_ONCE_CHARS = 64 * 1024;

/** What the API tells of the lazy part (tests and the activation bench read it). */
export interface LanguageFeaturesStatus {
  readonly loaded: boolean;
  /** Why it was loaded: the document or command that needed it. */
  readonly reason: string | undefined;
  /** Milliseconds spent requiring dist/language.js, and in its activation. */
  readonly loadMs: number | undefined;
  readonly activateMs: number | undefined;
}

export class LazyLanguageFeatures implements vscode.Disposable, LanguageFeaturesStatus {
  private features: LanguageFeatures | undefined;
  private readonly updated = new vscode.EventEmitter<vscode.Uri>();
  /** The diagnostics' onDidUpdate: fires for documents the sniff turned away too (no diagnostics for them). */
  readonly onDidUpdateDiagnostics = this.updated.event;
  private stubs: vscode.Disposable[];
  private sniffing: vscode.Disposable[] = [];
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [this.updated];
  reason: string | undefined;
  loadMs: number | undefined;
  activateMs: number | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly session: SessionState,
    private readonly explanations: ExplanationDocuments,
    /** Started just before the features (the walkthrough's policy steps follow their diagnostics). */
    private readonly beforeLoad?: () => vscode.Disposable,
  ) {
    // Stand-ins: the palette and other callers find every command at once; the first call loads the rest.
    this.stubs = LAZY_COMMANDS.map((id) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        this.load(`command ${id}`);
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
    const roles = new LazyRoleFiles(() => this.load(`${ROLE_SCHEME} document`).roleFiles);
    this.disposables.push(
      roles,
      vscode.workspace.registerFileSystemProvider(ROLE_SCHEME, roles, { isCaseSensitive: true }),
      vscode.workspace.registerTextDocumentContentProvider(ROLE_REMOTE_SCHEME, roles),
    );
    this.sniffing.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.sniff(d)),
      vscode.workspace.onDidSaveTextDocument((d) => this.sniff(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.sniffLater(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => clearTimeout(this.pending.get(d.uri.toString()))),
      // iamTrust.files and the other settings may now take in an open document.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('iamTrust')) this.sniffOpenDocuments();
      }),
    );
    this.sniffOpenDocuments();
  }

  get loaded(): boolean {
    return this.features !== undefined;
  }

  /** Loads dist/language.js and activates its features, once. */
  load(reason: string): LanguageFeatures {
    if (this.features) return this.features;
    const started = performance.now();
    // esbuild turns this into require('./language.js'), beside dist/extension.js (scripts/build.mjs).
    const { activateLanguageFeatures } = require('./lazyFeatures') as typeof import('./lazyFeatures');
    const required = performance.now();
    this.stopSniffing();
    for (const stub of this.stubs) stub.dispose();
    this.stubs = [];
    if (this.beforeLoad) this.disposables.push(this.beforeLoad());
    const features = activateLanguageFeatures(this.extensionUri, this.session, this.explanations);
    this.features = features;
    this.disposables.push(features, features.diagnostics.onDidUpdate((uri) => this.updated.fire(uri)));
    this.reason = reason;
    this.loadMs = required - started;
    this.activateMs = performance.now() - required;
    return features;
  }

  private sniffOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (this.features) return;
      this.sniff(document);
    }
  }

  private sniff(document: vscode.TextDocument): void {
    if (this.features) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    if (this.mayNeed(document)) {
      this.load(`${document.languageId} document ${document.uri.scheme === 'file' ? document.uri.path.replace(/^.*\//, '') : key}`);
    } else {
      // As the diagnostics do for a document that is no trust policy: nothing published, and said so.
      this.updated.fire(document.uri);
    }
  }

  /**
   * An edit to a small document is sniffed at once (a policy pasted into a new file has its
   * completion and hover right away); one to a large document once typing pauses, as the
   * diagnostics lint (iamTrust.lint.delay), so that no keystroke reads megabytes.
   */
  private sniffLater(document: vscode.TextDocument): void {
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    if (length <= SNIFF_AT_ONCE_CHARS) return this.sniff(document);
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    const delay = Math.max(0, vscode.workspace.getConfiguration('iamTrust').get<number>('lint.delay', 250));
    this.pending.set(key, setTimeout(() => this.sniff(document), delay));
  }

  private mayNeed(document: vscode.TextDocument): boolean {
    const { scheme, path } = document.uri;
    if (mayNeedLanguageFeatures({ scheme, path, languageId: document.languageId }, () => document.getText())) return true;
    // iamTrust.files: names that are trust policies whatever they hold (isTrustPolicyDocument).
    if (document.languageId !== 'json' && document.languageId !== 'jsonc') return false;
    const patterns = vscode.workspace.getConfiguration('iamTrust', document).get<string[]>('files', []);
    return patterns.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
  }

  private stopSniffing(): void {
    for (const d of this.sniffing) d.dispose();
    this.sniffing = [];
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  dispose(): void {
    this.stopSniffing();
    for (const stub of this.stubs) stub.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The iam-role file system until the real one (RoleTrustPolicyFileSystem) is needed: it forwards every call. */
class LazyRoleFiles implements vscode.FileSystemProvider, vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly real: () => vscode.FileSystemProvider & vscode.TextDocumentContentProvider) {}

  private files(): vscode.FileSystemProvider & vscode.TextDocumentContentProvider {
    const files = this.real();
    this.forwarding ??= files.onDidChangeFile((events) => this.changes.fire(events));
    return files;
  }

  watch(uri: vscode.Uri, options: { readonly recursive: boolean; readonly excludes: readonly string[] }): vscode.Disposable {
    return this.files().watch(uri, options);
  }
  stat(uri: vscode.Uri): vscode.FileStat | Thenable<vscode.FileStat> {
    return this.files().stat(uri);
  }
  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] | Thenable<[string, vscode.FileType][]> {
    return this.files().readDirectory(uri);
  }
  createDirectory(uri: vscode.Uri): void | Thenable<void> {
    return this.files().createDirectory(uri);
  }
  readFile(uri: vscode.Uri): Uint8Array | Thenable<Uint8Array> {
    return this.files().readFile(uri);
  }
  writeFile(uri: vscode.Uri, content: Uint8Array, options: { readonly create: boolean; readonly overwrite: boolean }): void | Thenable<void> {
    return this.files().writeFile(uri, content, options);
  }
  delete(uri: vscode.Uri, options: { readonly recursive: boolean }): void | Thenable<void> {
    return this.files().delete(uri, options);
  }
  rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { readonly overwrite: boolean }): void | Thenable<void> {
    return this.files().rename(oldUri, newUri, options);
  }
  provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): vscode.ProviderResult<string> {
    return this.files().provideTextDocumentContent(uri, token);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changes.dispose();
  }
}

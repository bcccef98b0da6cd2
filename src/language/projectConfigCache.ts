// What the two readers of `.iamtrust.json` share: Node's (projectConfigs.ts, node:fs) and the
// browser's (src/web/projectConfigs.ts, vscode.workspace.fs). Each fills `byDir` its own way.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, type ConfigProblem, type ProjectConfig } from '../policy/lint/config';

/** One `.iamtrust.json` as read. */
export interface LoadedConfig {
  uri: vscode.Uri;
  config: ProjectConfig;
  problems: ConfigProblem[];
}

/**
 * The configuration found for each folder, kept until a `.iamtrust.json` of the workspace is
 * created, changed or deleted (a file watcher), which empties it and fires onDidChange.
 */
export abstract class ProjectConfigCache implements vscode.Disposable {
  protected readonly byDir = new Map<string, LoadedConfig | undefined>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  protected readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const changed = () => {
      this.byDir.clear();
      this.dropped();
      this.emitter.fire();
    };
    this.disposables.push(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
  }

  /** The configuration for a document, if one applies. */
  abstract forUri(uri: vscode.Uri): LoadedConfig | undefined;

  /** Called when the cache was emptied, before onDidChange fires. */
  protected dropped(): void {}

  /** Tells the listeners (the diagnostics) that what forUri() answers has changed. */
  protected fireChanged(): void {
    this.emitter.fire();
  }

  /** Every configuration read so far (for publishing their problems). */
  loaded(): LoadedConfig[] {
    return [...new Set([...this.byDir.values()].filter((c): c is LoadedConfig => c !== undefined))];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

// The `.iamtrust.json` of each document in the browser (vscode.dev, github.dev): the same
// exports as src/language/projectConfigs.ts, which reads the disk with node:fs; scripts/build.mjs
// puts this file in its place in dist/web/extension.js. Here files are read through
// vscode.workspace.fs, which is asynchronous: forUri() answers from what is known and looks the
// rest up in the background, and onDidChange fires when a lookup found a configuration, so that
// the diagnostics lint the open documents again (as they do when a `.iamtrust.json` changes).
import * as vscode from 'vscode';
import { ProjectConfigCache, type LoadedConfig } from '../language/projectConfigCache';
import { CONFIG_FILE_NAME, parseProjectConfig } from '../policy/lint/config';

export type { LoadedConfig };

/** The folder above a URI path ('/' stays '/'). */
function parentPath(path: string): string {
  return path.replace(/\/[^/]*\/?$/, '') || '/';
}

/**
 * The nearest `.iamtrust.json` in a document's folder or above, up to its workspace folder (the
 * file systems of the browser editor have nothing readable above it). Any scheme with a file
 * system provider; kept per folder until a `.iamtrust.json` of the workspace changes.
 */
export class ProjectConfigs extends ProjectConfigCache {
  private readonly lookingUp = new Set<string>();
  /** Bumped when the cache is dropped: a lookup that started before does not fill it. */
  private generation = 0;

  /** The configuration for a document, if one is known to apply; unknown folders are looked up in the background. */
  forUri(uri: vscode.Uri): LoadedConfig | undefined {
    if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) === undefined) return undefined; // untitled:, no provider
    const dir = uri.with({ path: parentPath(uri.path), query: '', fragment: '' });
    const key = dir.toString();
    if (this.byDir.has(key)) return this.byDir.get(key);
    if (!this.lookingUp.has(key)) {
      this.lookingUp.add(key);
      void this.lookUp(dir, vscode.workspace.getWorkspaceFolder(uri)?.uri.path);
    }
    return undefined;
  }

  protected override dropped(): void {
    this.generation++;
    this.lookingUp.clear();
  }

  private async lookUp(start: vscode.Uri, stopAt: string | undefined): Promise<void> {
    const generation = this.generation;
    const visited: string[] = [];
    let found: LoadedConfig | undefined;
    for (let dir = start; ; dir = dir.with({ path: parentPath(dir.path) })) {
      const key = dir.toString();
      if (this.byDir.has(key)) {
        found = this.byDir.get(key);
        break;
      }
      visited.push(key);
      found = await load(vscode.Uri.joinPath(dir, CONFIG_FILE_NAME));
      if (found || dir.path === stopAt || parentPath(dir.path) === dir.path) break;
    }
    if (generation !== this.generation) return;
    for (const key of visited) {
      this.byDir.set(key, found);
      this.lookingUp.delete(key);
    }
    // Nothing found is what forUri() already answered; a configuration changes the findings.
    if (found) this.fireChanged();
  }

  override dispose(): void {
    this.generation++;
    super.dispose();
  }
}

async function load(uri: vscode.Uri): Promise<LoadedConfig | undefined> {
  try {
    if (((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) === 0) return undefined;
    return { uri, ...parseProjectConfig(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) };
  } catch {
    return undefined;
  }
}

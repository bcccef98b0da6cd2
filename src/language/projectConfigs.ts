// The `.iamtrust.json` of each document, read from disk (Node). The browser bundle uses
// src/web/projectConfigs.ts instead, with the same exports (scripts/build.mjs swaps it in).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, parseProjectConfig } from '../policy/lint/config';
import { ProjectConfigCache, type LoadedConfig } from './projectConfigCache';

export type { LoadedConfig };

/**
 * The `.iamtrust.json` that applies to each document: the nearest one in its folder or above,
 * as the CLI finds it (the nearest one only). Looked up once per folder and kept until a
 * `.iamtrust.json` of the workspace is created, changed or deleted (a file watcher), which fires
 * onDidChange. Files on disk (`file:` URIs) only: what is saved is what the CLI sees too.
 */
export class ProjectConfigs extends ProjectConfigCache {
  /** The configuration for a document, if one applies. */
  forUri(uri: vscode.Uri): LoadedConfig | undefined {
    if (uri.scheme !== 'file') return undefined;
    const visited: string[] = [];
    let found: LoadedConfig | undefined;
    for (let dir = dirname(uri.fsPath); ; dir = dirname(dir)) {
      if (this.byDir.has(dir)) {
        found = this.byDir.get(dir);
        break;
      }
      visited.push(dir);
      found = load(join(dir, CONFIG_FILE_NAME));
      if (found || dirname(dir) === dir) break;
    }
    for (const dir of visited) this.byDir.set(dir, found);
    return found;
  }
}

function load(path: string): LoadedConfig | undefined {
  let text: string;
  try {
    if (!statSync(path).isFile()) return undefined;
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  return { uri: vscode.Uri.file(path), ...parseProjectConfig(text) };
}

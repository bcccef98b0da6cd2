// Runs inside the extension host of one fresh window for test/vscode/bench/activation.mjs (not
// a *.bench.ts: `npm run bench:editor` does not run it). Opens the document the driver names,
// lets the window settle, then reports the activation costs of this extension and of the
// built-in JSON Language Features from "Developer: Startup Performance" and the extension
// host's own performance marks, as one `ACTIVATION {json}` line.
import * as vscode from 'vscode';
import type { IamTrustApi } from '../../../src/extension';

const OURS = 'iam-trust.iam-trust-sessions';
const JSON_FEATURES = 'vscode.json-language-features';

interface Mark {
  name: string;
  startTime: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The extension host's marks (vs/base/common/performance keeps them on globalThis). */
function hostMarks(): Mark[] {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Mark[] } }).MonacoPerformanceMarks;
  return perf?.getMarks() ?? [];
}

function between(marks: Mark[], from: string, to: string): number | undefined {
  const a = marks.find((m) => m.name === from);
  const b = marks.find((m) => m.name === to);
  return a && b ? b.startTime - a.startTime : undefined;
}

/** The "Extension Activation Stats" rows of the Startup Performance view, by extension id. */
async function activationStats(): Promise<Map<string, { eager: string; loadCode: number; callActivate: number; finishActivate: number; event: string; row: string }>> {
  await vscode.commands.executeCommand('perfview.show');
  let text = '';
  for (let i = 0; i < 100 && !(text.includes('Extension Activation Stats') && text.includes(OURS)); i++) {
    await sleep(200);
    text = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'perf')?.getText() ?? '';
  }
  const rows = new Map();
  const section = text.slice(text.indexOf('Extension Activation Stats'));
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 8 || !/^[\w-]+\.[\w-]+$/.test(cells[1]!)) continue;
    rows.set(cells[1]!, { eager: cells[2]!, loadCode: Number(cells[3]), callActivate: Number(cells[4]), finishActivate: Number(cells[5]), event: cells[6]!, row: line });
  }
  return rows;
}

export async function run(): Promise<void> {
  const open = process.env.IAM_TRUST_BENCH_OPEN;
  const settleMs = Number(process.env.IAM_TRUST_BENCH_SETTLE_MS ?? 10_000);
  if (open) {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, open);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  }
  await sleep(settleMs);
  const ours = vscode.extensions.getExtension<IamTrustApi>(OURS);
  const api = ours?.isActive ? (ours.exports as IamTrustApi) : undefined;
  const diagnostics = open ? vscode.languages.getDiagnostics(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, open)).filter((d) => d.source === 'iam-trust').length : undefined;
  const marks = hostMarks();
  const stats = await activationStats();
  const side = (id: string) => ({
    active: vscode.extensions.getExtension(id)?.isActive ?? false,
    stats: stats.get(id),
    loadCodeMarks: between(marks, `code/extHost/willLoadExtensionCode/${id}`, `code/extHost/didLoadExtensionCode/${id}`),
    activateMarks: between(marks, `code/extHost/willActivateExtension/${id}`, `code/extHost/didActivateExtension/${id}`),
  });
  const result = {
    ours: {
      ...side(OURS),
      activateCallMs: api?.activationTimeMs,
      language: api && { loaded: api.languageFeatures?.loaded, reason: api.languageFeatures?.reason, loadMs: api.languageFeatures?.loadMs, activateMs: api.languageFeatures?.activateMs },
      diagnostics,
    },
    json: side(JSON_FEATURES),
  };
  console.log(`ACTIVATION ${JSON.stringify(result)}`);
}

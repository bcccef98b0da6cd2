import * as vscode from 'vscode';
import type { SessionState } from '../session/sessionState';
import { WALKTHROUGH_CONTEXT } from './walkthroughContext';

/** The source of the extension's diagnostics (language/diagnostics.ts DIAGNOSTIC_SOURCE; not imported: that module loads the engine). */
const SOURCE = 'iam-trust';

/** How many of our diagnostics a document has, by code. */
function findingsOf(uri: vscode.Uri): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of vscode.languages.getDiagnostics(uri)) {
    if (d.source !== SOURCE) continue;
    const code = String(typeof d.code === 'object' ? d.code.value : d.code);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

/** Sets a walkthrough step's context key, once. */
type StepSetter = (key: string) => void;

function stepSetter(): StepSetter {
  const done = new Set<string>();
  return (key) => {
    if (done.has(key)) return;
    done.add(key);
    void vscode.commands.executeCommand('setContext', key, true);
  };
}

/** Watches for all of the walkthrough's events (the browser entry, the tests). */
export function trackWalkthroughProgress(session: SessionState): vscode.Disposable {
  const set = stepSetter();
  return vscode.Disposable.from(trackZoneProgress(set), trackPolicyProgress(set), trackSessionProgress(session, set));
}

/** The settings that declare the zone of trust (the walkthrough's third step). */
const ZONE_SETTINGS = ['iamTrust.accountId', 'iamTrust.trustedAccounts', 'iamTrust.organizationId'];

/** The walkthrough's zone-of-trust step: a configuration listener, from activation (it costs no message to the window). */
export function trackZoneProgress(set: StepSetter = stepSetter()): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (ZONE_SETTINGS.some((name) => event.affectsConfiguration(name))) set(WALKTHROUGH_CONTEXT.zoneOfTrustSet);
  });
}

/**
 * The walkthrough's policy steps (a policy checked, a finding fixed): a diagnostics listener,
 * started when the language features load (lazyLanguage.ts), as only they publish our diagnostics.
 */
export function trackPolicyProgress(set: StepSetter = stepSetter()): vscode.Disposable {
  // Per open document: its findings now, and as they were at its previous version. Fewer of a
  // code than before the latest edit is a fixed finding. (Diagnostics may be published twice for
  // one version, the first time still with the old findings: the baseline is the older version's.)
  const seen = new Map<string, { version: number; codes: Map<string, number>; baseline: Map<string, number> | undefined }>();
  const disposables: vscode.Disposable[] = [];
  disposables.push(
    vscode.languages.onDidChangeDiagnostics((event) => {
      for (const uri of event.uris) {
        const key = uri.toString();
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
        if (!document) {
          seen.delete(key);
          continue;
        }
        const codes = findingsOf(uri);
        if (codes.size > 0) set(WALKTHROUGH_CONTEXT.policyChecked);
        const before = seen.get(key);
        const baseline = before && before.version !== document.version ? before.codes : before?.baseline;
        if (baseline && [...baseline].some(([code, n]) => (codes.get(code) ?? 0) < n)) set(WALKTHROUGH_CONTEXT.findingFixed);
        seen.set(key, { version: document.version, codes, baseline });
      }
    }),
    vscode.workspace.onDidCloseTextDocument((document) => seen.delete(document.uri.toString())),
  );
  return vscode.Disposable.from(...disposables);
}

/**
 * The walkthrough's session steps (a role assumed, a session terminal opened): a session and a
 * terminal listener, started with the session's commands (commandFeatures.ts), as only they set a session.
 */
export function trackSessionProgress(session: SessionState, set: StepSetter = stepSetter()): vscode.Disposable {
  const disposables: vscode.Disposable[] = [];
  const sessionChanged = () => {
    if (session.live) set(WALKTHROUGH_CONTEXT.roleAssumed);
  };
  sessionChanged();
  const subscription = session.onChange(sessionChanged);
  disposables.push(
    new vscode.Disposable(() => subscription.dispose()),
    vscode.window.onDidOpenTerminal(() => {
      if (session.live) set(WALKTHROUGH_CONTEXT.sessionTerminalOpened);
    }),
  );
  return vscode.Disposable.from(...disposables);
}

import * as vscode from 'vscode';
import type { IamTrustApi } from '../../../src/extension';

/** Milliseconds from an edit to the extension publishing that version's diagnostics. */
async function keystrokeLatencies(content: string, edits: number): Promise<number[]> {
  const api = await vscode.extensions.getExtension<IamTrustApi>('iam-trust.iam-trust-sessions')!.activate();
  const document = await vscode.workspace.openTextDocument({ language: 'json', content });
  const editor = await vscode.window.showTextDocument(document);
  const anchor = document.positionAt(content.indexOf('"Sid": "') + 8);
  const latencies: number[] = [];
  for (let i = 0; i < edits; i++) {
    const published = new Promise<number>((resolve) => {
      const listener = api.onDidUpdateDiagnostics((uri) => {
        if (uri.toString() !== document.uri.toString()) return;
        listener.dispose();
        resolve(performance.now());
      });
    });
    const t0 = performance.now();
    await editor.edit((b) => b.insert(anchor, 'x'));
    latencies.push((await published) - t0);
  }
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  return latencies;
}

const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(1)} ms, p90 ${s[Math.floor(s.length * 0.9)]!.toFixed(1)} ms, max ${s[s.length - 1]!.toFixed(1)} ms`;
};

function policyOf(size: number): string {
  const statement = (i: number) => ({
    Sid: `Trust${i}`,
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::111122223333:role/team-${i}` },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  });
  const statements = [];
  let text = '';
  for (let i = 0; text.length < size; i++) {
    statements.push(statement(i));
    if (i % 10 === 0 || size < 10_000) text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  }
  return text;
}

describe('keystroke to diagnostics', () => {
  for (const [name, size] of [['4 KB policy', 4_096], ['500 KB JSON', 500_000]] as const) {
    for (const delay of [0, 250]) {
      it(`${name}, iamTrust.lint.delay ${delay} ms`, async () => {
        await vscode.workspace.getConfiguration('iamTrust').update('lint.delay', delay, vscode.ConfigurationTarget.Global);
        try {
          const content = policyOf(size);
          const latencies = await keystrokeLatencies(content, size > 100_000 ? 10 : 30);
          console.log(`    ${name} (${(content.length / 1024).toFixed(0)} KiB), delay ${delay} ms: ${summary(latencies)}`);
        } finally {
          await vscode.workspace.getConfiguration('iamTrust').update('lint.delay', undefined, vscode.ConfigurationTarget.Global);
        }
      });
    }
  }
});

import * as vscode from 'vscode';
import type { TrustPolicyDiagnostics } from '../../language/diagnostics';
import { readLanguageSettings } from '../../language/settings';
import { COMMANDS } from '../ids';

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.vscode-test/**}';

/**
 * "IAM: Validate Trust Policies in Workspace": lints every trust policy among the workspace's
 * JSON files, CloudFormation/SAM templates and Terraform files, and fills the Problems panel,
 * with progress and cancellation.
 */
export function registerValidateWorkspaceCommand(diagnostics: TrustPolicyDiagnostics): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.validateWorkspace, () =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Validating trust policies', cancellable: true },
      async (progress, token) => {
        const files = await vscode.workspace.findFiles('**/*.{json,yaml,yml,template,tf}', EXCLUDE, undefined, token);
        let policies = 0;
        let problems = 0;
        for (const [index, uri] of files.entries()) {
          if (token.isCancellationRequested) break;
          progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / files.length });
          // An open editor's text may be newer than the file on disk.
          const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          const found = open
            ? diagnostics.lintNow(open)
            : diagnostics.lintFile(uri, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), readLanguageSettings(uri));
          if (!found) continue;
          policies++;
          problems += found.length;
          // Yield now and then so that a large workspace does not freeze the extension host.
          if (index % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 0));
        }
        const summary = `${policies} file(s) with trust policies checked among ${files.length} JSON, YAML and Terraform file(s): ${problems} problem(s)`;
        if (problems > 0) {
          void vscode.window.showInformationMessage(summary, 'Show Problems').then((choice) => {
            if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
          });
        } else {
          void vscode.window.showInformationMessage(summary);
        }
        return { files: files.length, policies, problems };
      },
    ),
  );
}

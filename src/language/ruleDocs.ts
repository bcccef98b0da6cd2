import * as vscode from 'vscode';
import { renderRulesMarkdown, RULES } from '../policy';

let headingLines: Map<string, number> | undefined;

/** Lines of each rule's heading in docs/rules.md, which is generated from the same metadata. */
function ruleHeadingLine(code: string): number | undefined {
  if (!headingLines) {
    headingLines = new Map();
    renderRulesMarkdown(RULES)
      .split('\n')
      .forEach((line, index) => {
        if (line.startsWith('### ')) headingLines!.set(line.slice(4), index + 1);
      });
  }
  return headingLines.get(code);
}

/** docs/rules.md (shipped in the VSIX), opened at the rule's section. */
export function rulesDocUri(extensionUri: vscode.Uri, code: string): vscode.Uri {
  const line = ruleHeadingLine(code);
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules.md').with({ fragment: line ? `L${line}` : '' });
}

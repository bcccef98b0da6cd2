import * as vscode from 'vscode';
import { completeAt, type CandidateKind } from '../policy/authoring/complete';
import { POLICY_SELECTOR } from './documentSelector';
import { readLanguageSettings } from './settings';
import { isTrustPolicyDocument, withinEngineLimit } from './trustPolicyDocuments';

const KINDS: Record<CandidateKind, vscode.CompletionItemKind> = {
  element: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  action: vscode.CompletionItemKind.Function,
  operator: vscode.CompletionItemKind.Operator,
  key: vscode.CompletionItemKind.Field,
  principal: vscode.CompletionItemKind.Value,
};

/** Completion of what VS Code's JSON service cannot know: principals, actions, operators, keys. */
export function registerCompletion(): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(
    POLICY_SELECTOR,
    {
      provideCompletionItems(document, position) {
        if (!withinEngineLimit(document)) return undefined;
        const settings = readLanguageSettings(document.uri);
        if (!isTrustPolicyDocument(document, settings)) return undefined;
        const completion = completeAt(document.getText(), document.offsetAt(position), { accountId: settings.accountId });
        if (completion.candidates.length === 0) return undefined;
        const range = completion.replace
          ? new vscode.Range(
              document.positionAt(completion.replace.offset),
              document.positionAt(completion.replace.offset + completion.replace.length),
            )
          : undefined;
        return completion.candidates.map((candidate) => {
          const item = new vscode.CompletionItem({ label: candidate.label, description: candidate.detail }, KINDS[candidate.kind]);
          item.detail = candidate.detail;
          if (candidate.documentation) item.documentation = new vscode.MarkdownString(candidate.documentation);
          item.sortText = String(candidate.rank).padStart(5, '0') + candidate.label;
          if (range) {
            item.range = range;
          } else {
            // Outside a string: insert a whole JSON string.
            item.insertText = JSON.stringify(candidate.label);
          }
          return item;
        });
      },
    },
    '"',
    ':',
  );
}

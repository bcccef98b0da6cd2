import * as vscode from 'vscode';
import { cursorAt } from '../policy/syntax/cursor';
import { embeddedPolicyAt } from '../policy/embedded';
import { explainAction, explainArnParts, explainConditionKey, explainOperator, explainPrincipal, explainVersion } from '../policy/evaluate/explain';
import { buildModel } from '../policy/model/model';
import { parsePolicy } from '../policy/syntax/parse';
import { POLICY_SELECTOR } from './documentSelector';
import { readLanguageSettings } from './settings';
import { trustDocumentKind, withinEngineLimit } from './trustPolicyDocuments';

/** Hover on actions, operators, condition keys, Version and principals. */
export function registerHover(): vscode.Disposable {
  return vscode.languages.registerHoverProvider(POLICY_SELECTOR, {
    provideHover(document, position) {
      if (!withinEngineLimit(document)) return undefined;
      const settings = readLanguageSettings(document.uri);
      const kind = trustDocumentKind(document, settings);
      if (!kind) return undefined;
      if (kind !== 'policy') {
        // A policy inside a template or .tf file: explained as the engine sees its JSON.
        const at = embeddedPolicyAt(document.getText(), kind, document.offsetAt(position), settings.accountId ? { accountId: settings.accountId } : {});
        if (!at) return undefined;
        const { context, node, text: token } = cursorAt(at.json, at.offset);
        const markdown = node && token !== undefined ? explain(at.json, context, token) : undefined;
        return markdown ? new vscode.Hover(new vscode.MarkdownString(markdown), new vscode.Range(document.positionAt(at.source.start), document.positionAt(at.source.end))) : undefined;
      }
      const text = document.getText();
      const { context, node, text: token } = cursorAt(text, document.offsetAt(position));
      if (!node || token === undefined) return undefined;
      const markdown = explain(text, context, token);
      if (!markdown) return undefined;
      const range = new vscode.Range(document.positionAt(node.offset), document.positionAt(node.offset + node.length));
      return new vscode.Hover(new vscode.MarkdownString(markdown), range);
    },
  });
}

function explain(text: string, context: ReturnType<typeof cursorAt>['context'], token: string): string | undefined {
  switch (context.kind) {
    case 'action-value':
      return explainAction(token);
    case 'operator-key':
      return explainOperator(token);
    case 'condition-key': {
      const statement = buildModel(parsePolicy(text)).statements[context.statement];
      const federated = (statement?.principals ?? []).filter((p) => p.type === 'Federated').map((p) => p.item.value);
      return explainConditionKey(token, federated);
    }
    case 'version-value':
      return explainVersion(token);
    case 'principal-value':
      return explainPrincipal(context.principalType, token);
    case 'condition-value':
      return explainArnParts(token);
    default:
      return undefined;
  }
}

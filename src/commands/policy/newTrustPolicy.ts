import * as vscode from 'vscode';
import { TRUST_POLICY_TEMPLATES, renderTemplate, type TrustPolicyTemplate } from '../../policy/authoring/templates';
import { COMMANDS } from '../ids';

interface TemplateItem extends vscode.QuickPickItem {
  template: TrustPolicyTemplate;
}

/** "IAM: New Trust Policy…": pick whom the role should trust, get an untitled policy to edit. */
export function registerNewTrustPolicyCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.newTrustPolicy, async (templateId?: string) => {
    const template =
      TRUST_POLICY_TEMPLATES.find((t) => t.id === templateId) ?? (await pickTemplate());
    if (!template) return undefined;
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: renderTemplate(template) });
    await vscode.window.showTextDocument(document);
    return document;
  });
}

async function pickTemplate(): Promise<TrustPolicyTemplate | undefined> {
  const items: TemplateItem[] = TRUST_POLICY_TEMPLATES.map((template) => ({
    label: template.label,
    detail: template.detail,
    template,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'New Trust Policy',
    placeHolder: 'Whom should the role trust?',
    matchOnDetail: true,
  });
  return picked?.template;
}

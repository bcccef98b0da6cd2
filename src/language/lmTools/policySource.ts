import * as vscode from 'vscode';
import type { EmbeddingKind } from '../../policy/embedded';
import { commentStyleOf, type CommentStyle } from '../../policy/lint/suppressions';
import type { LintOptions } from '../../policy/lint/lint';
import { lintOptionsFor, ProjectConfigs, readLanguageSettings } from '../settings';
import { trustDocumentKind } from '../trustPolicyDocuments';

/** What the read-only tools take a policy from: its text, a document, or the active editor's document. */
export interface PolicyInput {
  /** The policy as JSON text. */
  policy?: string;
  /** A document's URI (file:, untitled:, iam-role: …); the active editor's document when neither is given. */
  uri?: string;
}

export interface PolicySource {
  text: string;
  /** How the tools name it to the model. */
  name: string;
  /** What the engine makes of it: a policy, a template or .tf file with policies inside. */
  kind: 'policy' | EmbeddingKind;
  /** Whether a document was recognised as holding trust policies (text given inline always is). */
  recognised: boolean;
  /** JSON or JSONC: an unrecognised one can still be read as a policy. */
  jsonLike: boolean;
  options: LintOptions;
  style: CommentStyle | undefined;
}

/** The policy the input names, or a sentence saying why there is none. */
export async function policySource(input: PolicyInput, configs: ProjectConfigs): Promise<PolicySource | string> {
  if (typeof input.policy === 'string' && input.policy.trim() !== '') {
    const settings = readLanguageSettings();
    return { text: input.policy, name: 'the given policy', kind: 'policy', recognised: true, jsonLike: true, options: lintOptionsFor(settings, undefined), style: 'jsonc' };
  }
  let document: vscode.TextDocument | undefined;
  if (input.uri) {
    try {
      document = await vscode.workspace.openTextDocument(vscode.Uri.parse(input.uri, true));
    } catch (error) {
      return `Could not open ${input.uri}: ${error instanceof Error ? error.message : String(error)}`;
    }
  } else {
    document = vscode.window.activeTextEditor?.document;
    if (!document) return 'No policy was given and no editor is active: pass the policy text, or a document URI.';
  }
  const settings = readLanguageSettings(document.uri);
  const kind = trustDocumentKind(document, settings);
  const text = document.getText();
  return {
    text,
    name: document.uri.scheme === 'file' ? vscode.workspace.asRelativePath(document.uri) : document.uri.toString(),
    kind: kind ?? 'policy',
    recognised: kind !== undefined,
    jsonLike: document.languageId === 'json' || document.languageId === 'jsonc',
    options: lintOptionsFor(settings, configs.forUri(document.uri)?.config),
    style: commentStyleOf(document.uri.path, text, document.languageId),
  };
}

import * as vscode from 'vscode';
import { looksLikeTrustPolicy } from '../policy/model/detect';
import { embeddingKind, type EmbeddingKind } from '../policy/embedded';
import { MAX_DOCUMENT_CHARS } from '../policy/base/limits';
import { CONFIG_FILE_NAME } from '../policy/lint/config';
import type { LanguageSettings } from './settings';

/** The virtual documents of the live-role round trip are always trust policies. */
export const IAM_ROLE_SCHEME = 'iam-role';

/** The account of a live role's document (`iam-role:/<account>/<RoleName>/…`); undefined for any other document. */
export function roleAccountOf(uri: vscode.Uri): string | undefined {
  return uri.scheme === IAM_ROLE_SCHEME ? /^\/(\d{12})\//.exec(uri.path)?.[1] : undefined;
}

const JSON_LANGUAGES = new Set(['json', 'jsonc']);

/**
 * Whether a document is a trust policy: by its name (iamTrust.files), by its scheme, or by
 * its content (iamTrust.detectByContent). Trust policies stay in the json language, so the
 * user's JSON tooling keeps working on them.
 */
export function isTrustPolicyDocument(document: vscode.TextDocument, settings: LanguageSettings): boolean {
  if (document.uri.scheme === IAM_ROLE_SCHEME) return true;
  if (!JSON_LANGUAGES.has(document.languageId)) return false;
  // The project's configuration file matches the default `**/*trust*.json` pattern; it is no policy.
  if (document.uri.path.endsWith(`/${CONFIG_FILE_NAME}`)) return false;
  if (settings.files.some((pattern) => vscode.languages.match({ pattern }, document) > 0)) return true;
  return settings.detectByContent && looksLikeTrustPolicy(document.getText());
}

/**
 * What the engine should make of a document: a trust policy, a template or .tf file with
 * policies inside (iamTrust.embedded.enabled), or nothing.
 */
export function trustDocumentKind(document: Pick<vscode.TextDocument, 'uri' | 'languageId' | 'getText'>, settings: LanguageSettings): 'policy' | EmbeddingKind | undefined {
  if (document.uri.scheme === IAM_ROLE_SCHEME) return 'policy';
  if (settings.embedded) {
    const embedded = embeddingKind(document.uri.path, document.getText());
    if (embedded) return embedded;
  }
  return isTrustPolicyDocument(document as vscode.TextDocument, settings) ? 'policy' : undefined;
}

/**
 * Whether the engine may read the document: not above MAX_DOCUMENT_CHARS, measured without
 * joining its lines into one string. Hover, completion and code lenses give nothing beyond it
 * (the diagnostics say why), so a huge file never costs a parse per request.
 */
export function withinEngineLimit(document: Pick<vscode.TextDocument, 'lineCount' | 'lineAt' | 'offsetAt'>): boolean {
  return documentLength(document) <= MAX_DOCUMENT_CHARS;
}

/** A document's length in characters, without joining its lines into one string. */
export function documentLength(document: Pick<vscode.TextDocument, 'lineCount' | 'lineAt' | 'offsetAt'>): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

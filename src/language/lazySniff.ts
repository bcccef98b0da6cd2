// The cheap first look that decides whether the language features (dist/language.js: the
// engine, the IAM data, the YAML reader, the evaluator) are loaded at all. No parse: a few
// string checks, each a necessary condition of what the full detection accepts, so that the
// sniff may say yes to a document the engine then ignores but never says no to one the engine
// would act on (test/unit/lazySniff.test.ts checks this over every fixture and example).
// It must stay light: it imports nothing of the engine.
import { MAX_DOCUMENT_CHARS } from '../policy/base/limits';

/** The scheme of the live-role documents (trustPolicyDocuments.ts IAM_ROLE_SCHEME): always trust policies. */
const ROLE_SCHEME = 'iam-role';
/** The project configuration (policy/lint/config.ts CONFIG_FILE_NAME): the diagnostics check it too. */
const CONFIG_NAME = '.iamtrust.json';

export interface SniffedDocument {
  scheme: string;
  path: string;
  languageId: string;
}

/**
 * Whether the document may be a trust policy, a template or Terraform file with one inside,
 * or the project's configuration; false only when the full detection (trustDocumentKind,
 * the embedded readers and the configuration check) would find nothing to act on. `text` is
 * read only when the name and language leave the question open. Names matched by
 * iamTrust.files are the caller's to check (they need VS Code's glob matching).
 */
export function mayNeedLanguageFeatures(document: SniffedDocument, text: () => string): boolean {
  if (document.scheme === ROLE_SCHEME) return true;
  const path = document.path;
  if (path.endsWith(`/${CONFIG_NAME}`) || path === CONFIG_NAME) return true;
  const json = document.languageId === 'json' || document.languageId === 'jsonc';
  const terraform = /\.tf$/i.test(path);
  const template = /\.(ya?ml|json|template)$/i.test(path);
  if (!json && !terraform && !template) return false;
  const t = text();
  // Too large to read whole: the diagnostics judge it by its head and say why it is not checked.
  if ((terraform || template) && t.length > MAX_DOCUMENT_CHARS) return true;
  if (terraform && mayHaveTerraformPolicy(t)) return true;
  // readCloudFormation reads nothing of a template without this key, as written.
  if (template && t.includes('AssumeRolePolicyDocument')) return true;
  return json && mayBeTrustPolicyJson(t);
}

/**
 * looksLikeTrustPolicy's necessary conditions: an object with a `Statement` that names a
 * `Principal` (or `NotPrincipal`) or allows an `sts:` action (any case). Keys and strings
 * written with \u escapes are decoded by the parser, so any \u keeps the question open.
 */
function mayBeTrustPolicyJson(t: string): boolean {
  if (!t.trimStart().startsWith('{')) return false;
  if (t.includes('\\u')) return true;
  return t.includes('Statement') && (t.includes('Principal') || /sts:/i.test(t));
}

/**
 * extractFromTerraform's: an `assume_role_policy` attribute (an identifier, never escaped),
 * or a `data "aws_iam_policy_document"` block. A block label is a string whose escapes and
 * interpolations the reader decodes, so a `data` label holding `\`, `${` or `%{` keeps the
 * question open too.
 */
function mayHaveTerraformPolicy(t: string): boolean {
  return t.includes('assume_role_policy') || t.includes('aws_iam_policy_document') || /\bdata\b[^{"]{0,200}"[^"\n]*[\\$%]/.test(t);
}

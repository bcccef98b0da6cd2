// In dist/language.js, the stand-in for src/policy/embedded: the CloudFormation/SAM (YAML) and
// Terraform readers are dist/embedded.js, required the first time a document may be a template
// or a .tf file, so that a window with plain JSON trust policies never loads the YAML parser.
// scripts/lazyBundles.mjs points the language features' imports of src/policy/embedded here;
// the unit tests bundle this file with the real module behind it.
import type * as Embedded from '../policy/embedded';

export type { EmbeddedFix, EmbeddedPolicy, EmbeddingKind } from '../policy/embedded';
export { EMBEDDED_METAS, PART_NOT_CHECKED } from '../policy/lint/notices';

let real: typeof Embedded | undefined;

/** The readers, loaded once. esbuild turns the require into require('./embedded.js') in dist/language.js. */
function embedded(): typeof Embedded {
  return (real ??= require('../policy/embedded') as typeof Embedded);
}

/**
 * Necessary conditions of embeddingKind() naming a kind: a .tf name, or one of the strings that
 * looksLikeCloudFormation's patterns need (they look at a window of the text; these at all of
 * it). False only where embeddingKind() says undefined, so nothing is lost by not loading the
 * readers then (test/unit/lazyEmbedded.test.ts checks it over every fixture and example).
 */
export function mayBeEmbedding(fileName: string, text: string): boolean {
  if (/\.tf$/i.test(fileName)) return true;
  if (!/\.(ya?ml|json|template)$/i.test(fileName)) return false;
  return text.includes('AWSTemplateFormatVersion') || text.includes('AWS::Serverless') || (text.includes('Resources') && (text.includes('AWS::') || text.includes('Custom::')));
}

export const embeddingKind: typeof Embedded.embeddingKind = (fileName, text) => (mayBeEmbedding(fileName, text) ? embedded().embeddingKind(fileName, text) : undefined);
export const lintEmbedded: typeof Embedded.lintEmbedded = (...args) => embedded().lintEmbedded(...args);
export const extractPolicies: typeof Embedded.extractPolicies = (...args) => embedded().extractPolicies(...args);
export const embeddedPolicyAt: typeof Embedded.embeddedPolicyAt = (...args) => embedded().embeddedPolicyAt(...args);
export const embeddedFixes: typeof Embedded.embeddedFixes = (...args) => embedded().embeddedFixes(...args);

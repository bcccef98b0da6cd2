import type { Finding } from '../finding';
import { LineIndex } from '../lineIndex';
import { lint, type LintOptions } from '../lint';
import { extractFromCloudFormation, looksLikeCloudFormation } from './cloudformation';
import { extractFromTerraform } from './terraform';
import { mapFindings, serialize, withPlausibleUnknowns, type EmbeddedPolicy } from './value';

export type { EmbeddedPolicy } from './value';

/** Where trust policies can be embedded: CloudFormation/SAM templates (YAML or JSON) and Terraform files. */
export type EmbeddingKind = 'cloudformation' | 'terraform';

/** What `AWS::AccountId` stands for when the account is not configured: no real account has this ID. */
const UNKNOWN_ACCOUNT = '000000000000';

/** Which kind of file this is, by its name and content; undefined for a file that holds no embedded policies. */
export function embeddingKind(fileName: string, text: string): EmbeddingKind | undefined {
  if (/\.tf$/i.test(fileName)) return 'terraform';
  if (/\.tf\.json$/i.test(fileName)) return undefined;
  if (/\.(ya?ml|json|template)$/i.test(fileName) && looksLikeCloudFormation(text)) return 'cloudformation';
  return undefined;
}

export function extractPolicies(text: string, kind: EmbeddingKind, options: LintOptions = {}): EmbeddedPolicy[] {
  try {
    return kind === 'terraform' ? extractFromTerraform(text, { accountId: options.accountId ?? UNKNOWN_ACCOUNT }) : extractFromCloudFormation(text, { accountId: options.accountId ?? UNKNOWN_ACCOUNT });
  } catch {
    // A file the extractors cannot read holds, as far as we can tell, no policy; never throw.
    return [];
  }
}

/**
 * The engine's findings for every trust policy embedded in a template or .tf file, at their
 * places in that file. Values computed at deploy time are not judged (see mapFindings).
 */
export function lintEmbedded(text: string, kind: EmbeddingKind, options: LintOptions = {}): Finding[] {
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  for (const policy of extractPolicies(text, kind, options)) {
    const { text: json, segments } = serialize(withPlausibleUnknowns(policy.value, options.accountId ?? UNKNOWN_ACCOUNT));
    findings.push(...mapFindings(lint(json, options), segments, text, lines));
  }
  return findings.sort((a, b) => a.offset - b.offset);
}

/**
 * Global condition keys that IAM Access Analyzer reports as deprecated, each with the keys that
 * replace it (IAM User Guide, Access Analyzer policy check reference, "General Warning –
 * Deprecated global condition key": "We recommend that you update aws:ARN to use the newer
 * condition keys aws:PrincipalArn or aws:SourceArn",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-general-warning-deprecated-global-condition-key).
 * Keys are lower case.
 */
export const DEPRECATED_GLOBAL_KEYS: Readonly<Record<string, { forCallers: string; forServices: string }>> = {
  'aws:arn': { forCallers: 'aws:PrincipalArn', forServices: 'aws:SourceArn' },
};

/** The replacements of a deprecated global key, when the key is one. */
export function deprecatedGlobalKey(key: string): { forCallers: string; forServices: string } | undefined {
  const lower = key.toLowerCase();
  return Object.prototype.hasOwnProperty.call(DEPRECATED_GLOBAL_KEYS, lower) ? DEPRECATED_GLOBAL_KEYS[lower] : undefined;
}

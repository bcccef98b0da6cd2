/** The language-model tools, as contributed in package.json (contributes.languageModelTools). */
export const LM_TOOLS = {
  lintTrustPolicy: 'iamTrust_lintTrustPolicy',
  explainWhoCanAssume: 'iamTrust_explainWhoCanAssume',
  draftTrustPolicy: 'iamTrust_draftTrustPolicy',
  openRoleTrustPolicy: 'iamTrust_openRoleTrustPolicy',
  assumeRole: 'iamTrust_assumeRole',
} as const;

/** The read-only tools that need the policy engine (dist/language.js): created on first use. */
export type EngineToolName = typeof LM_TOOLS.lintTrustPolicy | typeof LM_TOOLS.explainWhoCanAssume | typeof LM_TOOLS.draftTrustPolicy;

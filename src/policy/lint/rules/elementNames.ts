/** The element names IAM knows; names are case-sensitive. */
export const TOP_LEVEL_ELEMENTS = ['Version', 'Id', 'Statement'] as const;
export const STATEMENT_ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
] as const;

/** The known name that differs from `name` only in case, if any. */
export function caseVariantOf(name: string, known: readonly string[]): string | undefined {
  return known.find((k) => k !== name && k.toLowerCase() === name.toLowerCase());
}

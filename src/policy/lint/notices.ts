// Findings that come from reading a file rather than from a rule: their codes and what they
// mean, listed beside the rules (CLI --list-rules, SARIF, the configuration's known codes).
import type { RuleMeta } from './rule';

/** The code of the finding that says a part of a template was not checked, and why. */
export const PART_NOT_CHECKED = 'template-part-not-checked';

/** What the file-level notices of templates mean. */
export const EMBEDDED_METAS: readonly RuleMeta[] = [
  {
    code: PART_NOT_CHECKED,
    severity: 'suggestion',
    description: 'A part of a template that holds a trust policy could not be read, so it was not checked.',
    rationale:
      'Nesting deeper than the reader follows, more YAML aliases than a trust policy could need (an alias bomb), a Fn::Sub policy that is JSON only once substituted, or a template that could not be parsed: the rest of the file is still checked, and this says which part was not.',
    badExample: 'Metadata:\n  Bomb: &a [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
    goodExample: 'Resources:\n  Role:\n    Type: AWS::IAM::Role',
  },
];


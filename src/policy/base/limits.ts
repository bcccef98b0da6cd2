/**
 * The engine's input limits, shared by the library, the CLI and the editor. They sit far above
 * anything IAM accepts (a role trust policy is at most 4,096 characters, 2,048 by default) and
 * far below what exhausts the heap, so that hostile input gets a clear refusal, never a crash.
 */

/** Documents longer than this many characters are refused with one finding (16 MiB). */
export const MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;

/** Arrays and objects nested deeper than this get one finding; the rest is still checked. */
export const MAX_NESTING_DEPTH = 64;

/** YAML aliases resolved per template at most; more is refused with one finding. */
export const MAX_YAML_ALIASES = 1000;

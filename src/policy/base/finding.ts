/** How bad a finding is; the order is the order of the CLI's `--min-severity`. */
export type Severity = 'error' | 'security' | 'warning' | 'suggestion';

export const SEVERITIES: readonly Severity[] = ['error', 'security', 'warning', 'suggestion'];

export interface Position {
  /** 1-based */
  line: number;
  /** 1-based, in UTF-16 code units (what editors and jsonc-parser count) */
  column: number;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: { start: Position; end: Position };
  /** 0-based offset of the offending token in the text */
  offset: number;
  length: number;
  /** Other places that explain the finding, e.g. the first of two duplicate Sids. */
  related?: Array<{ message: string; offset: number; length: number; range: { start: Position; end: Position } }>;
}

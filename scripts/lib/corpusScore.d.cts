// Types of corpusScore.cjs, for the unit test that imports it.
export interface TruthEntry {
  expect?: Array<{ rule: string; reason?: string }>;
  unsure?: Array<{ rule: string; note?: string }>;
  note?: string;
}
export interface PolicyLibrary {
  lint(text: string, options?: object): Array<{ code: string; severity: string; message: string; range: { start: { line: number } } }>;
  lintEmbedded(text: string, kind: never, options?: object): Array<{ code: string; severity: string; message: string; range: { start: { line: number } } }>;
  embeddingKind(path: string, text: string): string | undefined;
}
export interface Score {
  truePositives: number;
  falsePositives: Array<{ file: string; rule: string; severity: string; count: number; line: number; message: string }>;
  misses: Array<{ file: string; rule: string; reason?: string }>;
  unsure: Array<{ file: string; rule: string; reported: boolean; note?: string }>;
  precision: number;
  recall: number;
}
export declare const SCORED: Set<string>;
export declare function corpusFiles(dir: string, skip?: (file: string) => boolean): string[];
export declare function scoreCorpus(lib: PolicyLibrary, files: Array<[string, string]>, truth: Record<string, TruthEntry>, lintOptions?: object): Score;

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** test/fixtures/real-world/rules/: one folder of real-world examples per rule code. */
export const RULE_EXAMPLES_DIR = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'real-world', 'rules');

/** A row of rules/SOURCES.md: where the example comes from, and the codes it also expects or must not get. */
export interface RuleExampleRow { source: string; also: string[]; not: string[] }

/** The table rows of rules/SOURCES.md, by file path relative to rules/ (`<code>/<name>`). */
export function readRuleExampleSources(): Map<string, RuleExampleRow> {
  const rows = new Map<string, RuleExampleRow>();
  for (const line of readFileSync(join(RULE_EXAMPLES_DIR, 'SOURCES.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 6 || cells[1] === 'file' || /^-+$/.test(cells[1])) continue;
    const codes = (cell: string) => cell.split(/[,\s]+/).map((code) => code.replace(/`/g, '')).filter(Boolean);
    rows.set(cells[1].replace(/`/g, ''), { source: cells[2], also: codes(cells[3]), not: codes(cells[4]) });
  }
  return rows;
}

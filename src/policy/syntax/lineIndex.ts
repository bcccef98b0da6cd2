import type { Position } from '../base/finding';

/**
 * Maps text offsets to 1-based line/column. Line starts are found on demand, only as far
 * into the text as the offsets asked about (most documents have few findings, many have
 * none, and a finding on the root object of a large document needs only its first line),
 * then binary-searched per lookup.
 */
export class LineIndex {
  /** Starts of the lines found so far, in order. */
  private readonly starts: number[] = [0];
  /** Offsets below this one have been looked at. */
  private scanned = 0;

  constructor(private readonly text: string) {}

  /** Whether the text has a \r, asked on the first scan: without one, line feeds are found by indexOf(). */
  private hasCr: boolean | undefined;
  /** Without \r: the first line feed at or after `scanned`, once found (-1: none), so that a long line is searched once. */
  private nextLf = -2;

  /** Finds the line starts up to `offset` (and possibly one past it, after a \r\n). */
  private scanTo(offset: number): void {
    const { text, starts } = this;
    const end = Math.min(offset + 1, text.length);
    if (!(this.hasCr ??= text.includes('\r'))) {
      // The same starts as the loop below finds, a native search per line instead of a test per character.
      let lf = this.nextLf === -2 ? text.indexOf('\n', this.scanned) : this.nextLf;
      while (lf >= 0 && lf < end) {
        starts.push(lf + 1);
        lf = text.indexOf('\n', lf + 1);
      }
      this.nextLf = lf;
      if (end > this.scanned) this.scanned = end;
      return;
    }
    let i = this.scanned;
    for (; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.scanned = i;
  }

  positionAt(offset: number): Position {
    if (offset >= this.scanned) this.scanTo(offset);
    const lineStarts = this.starts;
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  }
}

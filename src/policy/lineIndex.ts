import type { Position } from './finding';

/** Maps text offsets to 1-based line/column; built once per text, binary-searched per lookup. */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** Built on first use: most documents have few findings, many have none. */
  private get lineStarts(): number[] {
    if (this.starts) return this.starts;
    const text = this.text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    return starts;
  }

  positionAt(offset: number): Position {
    const lineStarts = this.lineStarts;
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

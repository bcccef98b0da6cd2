// A small seeded generator: document `index` of reader `reader` under `seed` is always the same
// text, so a worker needs only (seed, reader, index) to make it and the main thread can make it
// again to write out the input of a document that hung.

/** 32-bit hash of a string (FNV-1a). */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // sfc32, seeded through splitmix32 so that nearby seeds give unrelated streams.
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  static for(seed: number, reader: string, index: number): Random {
    return new Random(hash(`${seed}/${reader}/${index}`));
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.u32() / 4294967296) * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.u32() / 4294967296 < p;
  }

  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)]!;
  }

  /** One of the entries, with probability proportional to its weight. */
  weighted<T>(entries: ReadonlyArray<readonly [number, T]>): T {
    let total = 0;
    for (const [w] of entries) total += w;
    let r = this.int(total);
    for (const [w, value] of entries) {
      if (r < w) return value;
      r -= w;
    }
    return entries[entries.length - 1]![1];
  }

  /** A size, mostly small, sometimes large: log-uniform in [1, max]. */
  size(max: number): number {
    return Math.max(1, Math.floor(Math.exp((this.u32() / 4294967296) * Math.log(max + 1))));
  }
}

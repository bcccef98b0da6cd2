/** Candidates lower-cased once per list (the lists are the engine's own constants). */
const lowered = new WeakMap<readonly string[], readonly string[]>();

/** The candidate nearest to `word` (case-insensitive edit distance), if it is near enough to be a typo. */
export function closestMatch(word: string, candidates: readonly string[], maxDistance = 2): string | undefined {
  let lowerCandidates = lowered.get(candidates);
  if (!lowerCandidates) {
    lowerCandidates = candidates.map((c) => c.toLowerCase());
    lowered.set(candidates, lowerCandidates);
  }
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  const lower = word.toLowerCase();
  for (let i = 0; i < candidates.length; i++) {
    const d = editDistance(lower, lowerCandidates[i]!, bestDistance);
    if (d < bestDistance) {
      best = candidates[i];
      bestDistance = d;
    }
  }
  return best;
}

/** Two rows of the distance table, reused between calls (grown when a word is longer). */
let previous = new Int32Array(64);
let current = new Int32Array(64);

/**
 * Levenshtein distance, giving up (returning `limit`) once it cannot be below `limit`. Only the
 * band of cells within `limit` of the diagonal can be below it, so only those are computed:
 * time proportional to the length times the limit, whatever the words.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  if (previous.length <= b.length) {
    previous = new Int32Array(b.length + 1);
    current = new Int32Array(b.length + 1);
  }
  const outside = limit; // any cell outside the band counts as "not below the limit"
  for (let j = 0; j <= b.length; j++) previous[j] = j < limit ? j : outside;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit + 1);
    const to = Math.min(b.length, i + limit - 1);
    current[0] = i < limit ? i : outside;
    if (from > 1) current[from - 1] = outside;
    let rowMin = current[0]!;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost, outside);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (to < b.length) current[to + 1] = outside;
    if (rowMin >= limit) return limit;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length]!, limit);
}

let last: { text: string; size: number } | undefined;

/** The size IAM counts against the trust-policy quota: characters other than whitespace. */
export function countedSize(text: string): number {
  // Both size rules ask about the same text in a row.
  if (last?.text === text) return last.size;
  let size = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) size++;
  }
  last = { text, size };
  return size;
}

export const DEFAULT_QUOTA = 2048;
export const MAX_QUOTA = 4096;

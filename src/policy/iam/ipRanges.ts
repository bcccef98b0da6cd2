/**
 * IP addresses and CIDR ranges as IAM's IpAddress operators read them (IAM User Guide, "IP
 * address condition operators": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress),
 * as numbers, so that ranges can be compared: which are private, which hold another.
 */

export interface IpRange {
  version: 4 | 6;
  /** The first address of the range (host bits cleared). */
  first: bigint;
  /** The prefix length (32 or 128 for a single address). */
  bits: number;
  /** Whether the written address had bits set after the prefix (IAM ignores them). */
  hostBitsSet: boolean;
  /** The range as it should be written: the first address, / and the prefix length. */
  canonical: string;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => (n << 8n) | BigInt(Number(p)), 0n);
}

function parseV6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(text) || text.length > 39) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function formatV4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}

function formatV6(n: bigint): string {
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) => ((n >> s) & 0xffffn).toString(16));
  // The longest run of zero groups becomes ::.
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength && j - i > 1) { bestStart = i; bestLength = j - i; }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}

/** An address or CIDR range; undefined when the text is neither. */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const bitsText = slash < 0 ? undefined : text.slice(slash + 1);
  const v4 = parseV4(address);
  const version: 4 | 6 | undefined = v4 !== undefined ? 4 : address.includes(':') ? 6 : undefined;
  const n = v4 ?? (version === 6 ? parseV6(address) : undefined);
  if (version === undefined || n === undefined) return undefined;
  const width = version === 4 ? 32 : 128;
  if (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (bits > width) return undefined;
  const hostMask = (1n << BigInt(width - bits)) - 1n;
  const first = n & ~hostMask;
  const canonical = `${version === 4 ? formatV4(first) : formatV6(first)}/${bits}`;
  return { version, first, bits, hostBitsSet: (n & hostMask) !== 0n, canonical };
}

/** Whether range `outer` holds every address of range `inner`. */
export function ipRangeContains(outer: IpRange, inner: IpRange): boolean {
  if (outer.version !== inner.version || outer.bits > inner.bits) return false;
  const width = outer.version === 4 ? 32 : 128;
  const shift = BigInt(width - outer.bits);
  return inner.first >> shift === outer.first >> shift;
}

/**
 * Ranges no request to a public AWS endpoint comes from: the private ranges of RFC 1918 and
 * RFC 4193 (unique local IPv6), loopback and link-local. aws:SourceIp holds the public address
 * a request comes from (IAM User Guide, aws:SourceIp:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip).
 */
const NON_PUBLIC = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7', 'fe80::/10', '::1/128'].map(
  (text) => parseIpRange(text)!,
);

/** Whether every address of the range is private (or loopback or link-local). */
export function isPrivateRange(range: IpRange): boolean {
  return NON_PUBLIC.some((block) => ipRangeContains(block, range));
}

/**
 * IP addresses and prefixes for every layer (codec, model, reconciler kinds, simulator): one
 * parser (text → bytes), one RFC 5952 formatter (bytes → text, as Python's ipaddress and so
 * vpp_papi print it), masking, containment, canonical forms and orders.
 *
 * The in-place pair (writeIp4/writeIp6, formatIp4/formatIp6) is the codec's hot path: it reads
 * and writes wire buffers directly, without allocation or regular expressions. Everything else
 * is built on it.
 */
import * as H from './hex.js';

// Local copies of the tables: an imported binding is re-read (and hole-checked) on every use in
// optimised code, which halves the formatters' speed; a module-local constant is not.
const { DEC, HEX1, HEX2, hexDigit } = H;

/** Same spelling as the model's Family. */
export type IpFamily = 'ipv4' | 'ipv6';

export interface ParseOptions {
  /**
   * Accept IPv4 parts with leading zeros, read as decimal (`010.1.0.1` is 10.1.0.1). Python's
   * ipaddress (and so vpp_papi) refuses them, and so does the default.
   */
  readonly leadingZeros?: boolean;
}

export interface PrefixParseOptions extends ParseOptions {
  /** Accept a bare address as a host prefix (/32, /128). By default `/len` is required. */
  readonly lengthOptional?: boolean;
}

/** A parsed IP address: the family and its bytes (4 or 16). */
export interface ParsedIp {
  family: IpFamily;
  bytes: Uint8Array;
}

/** A parsed `address/length` (host bits as written). */
export interface ParsedPrefix extends ParsedIp {
  length: number;
}

// ---- in place: text ↔ bytes at b[p] -----------------------------------------------------------

export function formatIp4(b: Uint8Array, p = 0): string {
  return DEC[b[p]] + '.' + DEC[b[p + 1]] + '.' + DEC[b[p + 2]] + '.' + DEC[b[p + 3]];
}

/** The IPv4 address at b[p] as an unsigned 32-bit number (ranges such as NAT pools). */
export function ip4ToNumber(b: Uint8Array, p = 0): number {
  return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
}

/** Dotted quad of an unsigned 32-bit number. */
export function numberToIp4(n: number): string {
  return DEC[n >>> 24] + '.' + DEC[(n >>> 16) & 255] + '.' + DEC[(n >>> 8) & 255] + '.' + DEC[n & 255];
}

/** Hex of a 16-bit group without leading zeros, from two byte tables (no allocation per digit). */
function hex16(hi: number, lo: number): string {
  return hi === 0 ? HEX1[lo] : HEX1[hi] + HEX2[lo];
}

/**
 * RFC 5952 / Python ipaddress: lowercase, no leading zeros in a group, the first longest run
 * (two or more) of zero groups as `::`; a single zero group stays `0`. No dotted-quad tail.
 */
export function formatIp6(b: Uint8Array, p = 0): string {
  let bestStart = -1;
  let bestLen = 1;
  let runStart = -1;
  for (let i = 0; i < 8; i++) {
    if ((b[p + 2 * i] | b[p + 2 * i + 1]) === 0) {
      if (runStart < 0) runStart = i;
      if (i - runStart + 1 > bestLen) {
        bestLen = i - runStart + 1;
        bestStart = runStart;
      }
    } else runStart = -1;
  }
  let s = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      s += '::';
      i += bestLen - 1;
      continue;
    }
    if (s !== '' && s[s.length - 1] !== ':') s += ':';
    s += hex16(b[p + 2 * i], b[p + 2 * i + 1]);
  }
  return s;
}

/**
 * Dotted quad in s[from, to) → 4 bytes at b[p]; false when malformed. Parts are 1-3 decimal
 * digits up to 255, without leading zeros unless `lz0` (ParseOptions.leadingZeros).
 */
export function writeIp4(b: Uint8Array, p: number, s: string, from = 0, to = s.length, lz0 = false): boolean {
  let part = 0;
  let val = 0;
  let digits = 0;
  let lead0 = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 0) lead0 = c === 48;
      else if (lead0 && !lz0) return false;
      val = val * 10 + (c - 48);
      if (++digits > 3 || val > 255) return false;
    } else if (c === 46) {
      if (digits === 0 || part === 3) return false;
      b[p + part++] = val;
      val = 0;
      digits = 0;
    } else return false;
  }
  if (digits === 0 || part !== 3) return false;
  b[p + 3] = val;
  return true;
}

const GROUPS = new Uint16Array(8);

/**
 * IPv6 text in s[from, to) → 16 bytes at b[p]; false when malformed. RFC 4291 text: 1-4 hex
 * digits a group (either case), at most one `::` standing for one or more zero groups, and an
 * optional dotted-quad tail for the last 32 bits (`::ffff:192.0.2.1`; `lz0` as in writeIp4). No
 * zone (`%eth0`).
 */
export function writeIp6(b: Uint8Array, p: number, s: string, from = 0, to = s.length, lz0 = false): boolean {
  if (to - from < 2 || to - from > 45) return false;
  let n = 0; // groups parsed
  let gap = -1; // group index where `::` sits
  let i = from;
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return false;
    gap = 0;
    i += 2;
  }
  while (i < to) {
    if (n === 8) return false;
    // One group, or the dotted-quad tail.
    let v = 0;
    let d = 0;
    const start = i;
    while (i < to) {
      const h = hexDigit(s.charCodeAt(i));
      if (h < 0) break;
      v = (v << 4) | h;
      d++;
      i++;
    }
    if (i < to && s.charCodeAt(i) === 46) {
      if (n > 6 || !writeIp4(b, p, s, start, to, lz0)) return false;
      GROUPS[n++] = (b[p] << 8) | b[p + 1];
      GROUPS[n++] = (b[p + 2] << 8) | b[p + 3];
      i = to;
      break;
    }
    if (d === 0 || d > 4) return false;
    GROUPS[n++] = v;
    if (i === to) break;
    if (s.charCodeAt(i) !== 58) return false;
    i++;
    if (s.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = n;
      i++;
    } else if (i === to) return false;
  }
  if (gap < 0 ? n !== 8 : n > 7) return false;
  const fill = 8 - n;
  for (let g = 0, src = 0; g < 8; g++) {
    const v = gap >= 0 && g >= gap && g < gap + fill ? 0 : GROUPS[src++];
    b[p + 2 * g] = v >>> 8;
    b[p + 2 * g + 1] = v & 0xff;
  }
  return true;
}

// ---- addresses ---------------------------------------------------------------------------------

/** Cheap family test of text already known to be an address or prefix: IPv6 text has a colon. */
export function isIp6Text(text: string): boolean {
  return text.includes(':');
}

/** Address text in s[0, to) → bytes at b[0]; the byte count (4 or 16), or 0 when malformed. */
function scanIp(b: Uint8Array, s: string, to: number, leadingZeros: boolean): number {
  for (let i = 0; i < to; i++)
    if (s.charCodeAt(i) === 58) return writeIp6(b, 0, s, 0, to, leadingZeros) ? 16 : 0;
  return writeIp4(b, 0, s, 0, to, leadingZeros) ? 4 : 0;
}

/** IPv4 dotted quad or IPv6 text → family and bytes; undefined when malformed. */
export function parseIp(text: string, opts?: ParseOptions): ParsedIp | undefined {
  const buf = new Uint8Array(16);
  const n = scanIp(buf, text, text.length, opts?.leadingZeros === true);
  if (n === 0) return undefined;
  return { family: n === 16 ? 'ipv6' : 'ipv4', bytes: n === 16 ? buf : buf.slice(0, 4) };
}

/** Text of 4 or 16 address bytes: dotted quad, or RFC 5952. */
export function formatIp(bytes: Uint8Array): string {
  return bytes.length === 4 ? formatIp4(bytes, 0) : formatIp6(bytes, 0);
}

/** Family of an address, or of the address part of a prefix; undefined when that is malformed. */
export function ipFamily(text: string, opts?: ParseOptions): IpFamily | undefined {
  const slash = text.indexOf('/');
  const n = scanIp(SCRATCH_A, text, slash < 0 ? text.length : slash, opts?.leadingZeros === true);
  return n === 16 ? 'ipv6' : n === 4 ? 'ipv4' : undefined;
}

const SCRATCH_A = new Uint8Array(16);
const SCRATCH_B = new Uint8Array(16);

/** Canonical address text (the formatter's output), or undefined when malformed. */
export function canonicalIp(text: string, opts?: ParseOptions): string | undefined {
  const n = scanIp(SCRATCH_A, text, text.length, false);
  // A strictly valid dotted quad is already canonical: no need to build a new string.
  if (n === 4) return text;
  if (n === 16) return formatIp6(SCRATCH_A, 0);
  if (opts?.leadingZeros !== true) return undefined;
  const m = scanIp(SCRATCH_A, text, text.length, true);
  return m === 0 ? undefined : m === 4 ? formatIp4(SCRATCH_A, 0) : formatIp6(SCRATCH_A, 0);
}

// ---- prefixes ----------------------------------------------------------------------------------

/**
 * `address/length` → bytes at b[0]; returns length + 256 for IPv6, length for IPv4, -1 when
 * malformed. The length is decimal without leading zeros, at most 32 / 128.
 */
export function scanPrefix(b: Uint8Array, text: string, opts: PrefixParseOptions | undefined): number {
  const slash = text.indexOf('/');
  if (slash < 0 && opts?.lengthOptional !== true) return -1;
  const n = scanIp(b, text, slash < 0 ? text.length : slash, opts?.leadingZeros === true);
  if (n === 0) return -1;
  const bits = n * 8;
  let len = bits;
  if (slash >= 0) {
    const digits = text.length - slash - 1;
    if (digits < 1 || digits > 3 || (digits > 1 && text.charCodeAt(slash + 1) === 48)) return -1;
    len = 0;
    for (let i = slash + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return -1;
      len = len * 10 + (c - 48);
    }
    if (len > bits) return -1;
  }
  return n === 16 ? len + 256 : len;
}

/** `192.0.2.1/24`, `2001:db8::/32` → family, bytes (host bits kept) and length. */
export function parsePrefix(text: string, opts?: PrefixParseOptions): ParsedPrefix | undefined {
  const buf = new Uint8Array(16);
  const r = scanPrefix(buf, text, opts);
  if (r < 0) return undefined;
  return r >= 256
    ? { family: 'ipv6', bytes: buf, length: r - 256 }
    : { family: 'ipv4', bytes: buf.slice(0, 4), length: r };
}

/** `address/length` text of 4 or 16 bytes. */
export function formatPrefix(bytes: Uint8Array, length: number): string {
  return `${formatIp(bytes)}/${length}`;
}

/** Mask of the byte at index i of a /length prefix. */
function byteMask(i: number, length: number): number {
  const keep = length - 8 * i;
  return keep >= 8 ? 0xff : keep <= 0 ? 0 : (0xff << (8 - keep)) & 0xff;
}

/** Clears the host bits of b[0, n) in place. */
function maskInPlace(b: Uint8Array, n: number, length: number): void {
  for (let i = 0; i < n; i++) b[i] &= byteMask(i, length);
}

/** A copy with the host bits cleared: the network address. */
export function maskBytes(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(bytes);
  maskInPlace(out, out.length, length);
  return out;
}

/** A copy with the host bits set: the IPv4 broadcast address (the last address of the prefix). */
export function lastAddressBytes(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < out.length; i++) out[i] |= ~byteMask(i, length) & 0xff;
  return out;
}

/** True when no host bit is set. */
export function isMasked(bytes: Uint8Array, length: number): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] & ~byteMask(i, length)) !== 0) return false;
  return true;
}

/** Does the /length prefix of `net` contain `addr` (same family, first `length` bits equal)? */
export function prefixContains(net: Uint8Array, length: number, addr: Uint8Array): boolean {
  if (net.length !== addr.length) return false;
  for (let i = 0; i < net.length; i++) if (((net[i] ^ addr[i]) & byteMask(i, length)) !== 0) return false;
  return true;
}

/** Canonical address with its length, host bits kept: `192.0.2.1/24`; undefined when malformed. */
export function canonicalAddress(text: string, opts?: PrefixParseOptions): string | undefined {
  const r = scanPrefix(SCRATCH_A, text, opts);
  if (r < 0) return undefined;
  return r >= 256 ? `${formatIp6(SCRATCH_A, 0)}/${r - 256}` : `${formatIp4(SCRATCH_A, 0)}/${r}`;
}

/** Canonical prefix, host bits cleared: `10.6.0.1/24` → `10.6.0.0/24`; undefined when malformed. */
export function canonicalPrefix(text: string, opts?: PrefixParseOptions): string | undefined {
  const r = scanPrefix(SCRATCH_A, text, opts);
  if (r < 0) return undefined;
  const six = r >= 256;
  const len = six ? r - 256 : r;
  maskInPlace(SCRATCH_A, six ? 16 : 4, len);
  return six ? `${formatIp6(SCRATCH_A, 0)}/${len}` : `${formatIp4(SCRATCH_A, 0)}/${len}`;
}

/** True when `text` is a prefix with no host bits set. */
export function isMaskedPrefix(text: string, opts?: PrefixParseOptions): boolean {
  const r = scanPrefix(SCRATCH_A, text, opts);
  return r >= 0 && isMasked(SCRATCH_A.subarray(0, r >= 256 ? 16 : 4), r >= 256 ? r - 256 : r);
}

// ---- orders and overlap ------------------------------------------------------------------------

/** IPv4 (4 bytes) before IPv6 (16), then numeric. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

const cmpText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Order of IP addresses: IPv4 before IPv6, then numeric. Malformed text sorts last, by text. */
export function compareIps(a: string, b: string, opts?: ParseOptions): number {
  const lz = opts?.leadingZeros === true;
  const na = scanIp(SCRATCH_A, a, a.length, lz);
  const nb = scanIp(SCRATCH_B, b, b.length, lz);
  if (na === 0 || nb === 0) return na ? -1 : nb ? 1 : cmpText(a, b);
  return compareBytes(SCRATCH_A.subarray(0, na), SCRATCH_B.subarray(0, nb));
}

/**
 * Order of prefixes / addresses with length: IPv4 before IPv6, then numeric address, then
 * length. Malformed text sorts last, by text.
 */
export function compareAddresses(a: string, b: string, opts?: PrefixParseOptions): number {
  const ra = scanPrefix(SCRATCH_A, a, opts);
  const rb = scanPrefix(SCRATCH_B, b, opts);
  if (ra < 0 || rb < 0) return ra >= 0 ? -1 : rb >= 0 ? 1 : cmpText(a, b);
  return (
    compareBytes(SCRATCH_A.subarray(0, ra >= 256 ? 16 : 4), SCRATCH_B.subarray(0, rb >= 256 ? 16 : 4)) ||
    (ra & 255) - (rb & 255)
  );
}

/** True when two prefixes of the same family overlap (one contains the other). */
export function prefixesOverlap(a: string, b: string, opts?: PrefixParseOptions): boolean {
  const pa = parsePrefix(a, opts);
  const pb = parsePrefix(b, opts);
  if (!pa || !pb || pa.family !== pb.family) return false;
  return prefixContains(pa.bytes, Math.min(pa.length, pb.length), pb.bytes);
}

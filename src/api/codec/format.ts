/** Address and MAC text forms, as vpp_papi (Python's ipaddress) prints them. */

const HEX2: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX1: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16));

const DEC: string[] = Array.from({ length: 256 }, (_, i) => String(i));

export function formatIp4(b: Uint8Array, p: number): string {
  return DEC[b[p]] + '.' + DEC[b[p + 1]] + '.' + DEC[b[p + 2]] + '.' + DEC[b[p + 3]];
}

/** Hex of a 16-bit group without leading zeros, from two byte tables (no allocation per digit). */
function hex16(hi: number, lo: number): string {
  return hi === 0 ? HEX1[lo] : HEX1[hi] + HEX2[lo];
}

/** RFC 5952 / Python ipaddress: lowercase, the first longest run (≥2) of zero groups as `::`. */
export function formatIp6(b: Uint8Array, p: number): string {
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

export function formatMac(b: Uint8Array, p: number): string {
  return `${HEX2[b[p]]}:${HEX2[b[p + 1]]}:${HEX2[b[p + 2]]}:${HEX2[b[p + 3]]}:${HEX2[b[p + 4]]}:${HEX2[b[p + 5]]}`;
}

/** Dotted quad in s[from, to) → 4 bytes at b[p]; false when malformed (no leading zeros, as Python). */
export function writeIp4(b: Uint8Array, p: number, s: string, from = 0, to = s.length): boolean {
  let part = 0;
  let val = 0;
  let digits = 0;
  let lead0 = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 0) lead0 = c === 48;
      else if (lead0) return false;
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

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const GROUPS = new Uint16Array(8);

/** IPv6 text in s[from, to) (with `::` and an optional dotted-quad tail) → 16 bytes at b[p]. */
export function writeIp6(b: Uint8Array, p: number, s: string, from = 0, to = s.length): boolean {
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
    // Parse one group (or a dotted-quad tail).
    let v = 0;
    let d = 0;
    const start = i;
    while (i < to) {
      const h = hexVal(s.charCodeAt(i));
      if (h < 0) break;
      v = (v << 4) | h;
      d++;
      i++;
    }
    if (i < to && s.charCodeAt(i) === 46) {
      if (n > 6 || !writeIp4(b, p, s, start, to)) return false;
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

/** `aa:bb:cc:dd:ee:ff` (also `-` separated) → 6 bytes; false when malformed. */
export function writeMac(b: Uint8Array, p: number, s: string): boolean {
  if (s.length !== 17) return false;
  for (let i = 0; i < 6; i++) {
    const h = hexVal(s.charCodeAt(3 * i));
    const l = hexVal(s.charCodeAt(3 * i + 1));
    if (h < 0 || l < 0) return false;
    if (i < 5) {
      const sep = s.charCodeAt(3 * i + 2);
      if (sep !== 58 && sep !== 45) return false;
    }
    b[p + i] = (h << 4) | l;
  }
  return true;
}

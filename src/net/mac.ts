/** MAC addresses: `02:fe:00:00:00:01` text (as vpp_papi prints it) ↔ 6 bytes. */
import * as H from './hex.js';

// Local copies: see ip.ts (imported bindings are slower in the hot path).
const { HEX2, hexDigit } = H;

export function formatMac(b: Uint8Array, p = 0): string {
  return `${HEX2[b[p]]}:${HEX2[b[p + 1]]}:${HEX2[b[p + 2]]}:${HEX2[b[p + 3]]}:${HEX2[b[p + 4]]}:${HEX2[b[p + 5]]}`;
}

/** `aa:bb:cc:dd:ee:ff` (either case, `:` or `-` separated) → 6 bytes at b[p]; false when malformed. */
export function writeMac(b: Uint8Array, p: number, s: string): boolean {
  if (s.length !== 17) return false;
  for (let i = 0; i < 6; i++) {
    const h = hexDigit(s.charCodeAt(3 * i));
    const l = hexDigit(s.charCodeAt(3 * i + 1));
    if (h < 0 || l < 0) return false;
    if (i < 5) {
      const sep = s.charCodeAt(3 * i + 2);
      if (sep !== 58 && sep !== 45) return false;
    }
    b[p + i] = (h << 4) | l;
  }
  return true;
}

/** MAC text → 6 bytes; undefined when malformed. */
export function parseMac(text: string): Uint8Array | undefined {
  const b = new Uint8Array(6);
  return writeMac(b, 0, text) ? b : undefined;
}

const SCRATCH = new Uint8Array(6);

/** Canonical MAC: lowercase, colon separated; undefined when malformed. */
export function canonicalMac(text: string): string | undefined {
  return writeMac(SCRATCH, 0, text) ? formatMac(SCRATCH, 0) : undefined;
}

/** Lookup tables and digit decoding shared by the address and MAC text forms. */

/** Two lowercase hex digits of each byte value. */
export const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Lowercase hex of each byte value without leading zeros. */
export const HEX1: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16));
/** Decimal text of each byte value. */
export const DEC: readonly string[] = Array.from({ length: 256 }, (_, i) => String(i));

/** Value of a hex digit character code (either case), or -1. */
export function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Reading the raw values of .api.json files: what both the loader and the pack need. */

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The crc in a raw message's trailing options object, lower case; undefined if it has none. */
export function crcOf(raw: unknown[]): string | undefined {
  for (let i = raw.length - 1; i > 0; i--) {
    const x = raw[i];
    if (isRecord(x)) return typeof x.crc === 'string' ? x.crc.toLowerCase() : undefined;
  }
  return undefined;
}

/** A valid crc as crcOf gives it. */
export const CRC = /^0x[0-9a-f]{8}$/;

/**
 * Ownership marks. VPP lets interfaces and bridge domains carry a free-text tag (63 chars);
 * vppstate writes `vppstate` or `vppstate:<description>` there, so it can tell what it made.
 */
export const OWNER_TAG = 'vppstate';

export function encodeTag(description: string | null | undefined, owned: boolean): string {
  if (!owned) return description ?? '';
  const t = description ? `${OWNER_TAG}:${description}` : OWNER_TAG;
  return t.slice(0, 63);
}

export function decodeTag(tag: string): { owned: boolean; description: string | null } {
  if (tag === OWNER_TAG) return { owned: true, description: null };
  if (tag.startsWith(`${OWNER_TAG}:`)) return { owned: true, description: tag.slice(OWNER_TAG.length + 1) };
  return { owned: false, description: tag === '' ? null : tag };
}

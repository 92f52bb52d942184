/** The comparable interface object: what of the model the interface kind compares, and how. */
import type { Interface } from '../types.js';
import { INTERFACE_TYPES, type InterfaceTypeHandler } from './interface-types.js';
import type { Json, KindObject, Resource } from './types.js';

export const INTERFACE_KIND = 'interface';

/** The plugin features of an interface belong to plugin kinds; this kind leaves them alone. */
const NOT_COMPARED = new Set(['acls', 'linuxCp', 'mssClamp', 'nat44', 'macswap']);

/** Optional fields for which `undefined` means "not managed". */
export const UNMANAGED_WHEN_UNDEFINED = new Set(['mtu', 'linkMtu', 'mac']);

/**
 * A hardware port's link MTU (hw_interface_set_mtu, read back as link_mtu). Not a model field:
 * the model's `mtu` is also the link MTU of a hardware port, so the comparable object carries it
 * under this name for hardware ports only (virtual kinds refuse a change with -126).
 */
export const LINK_MTU = 'linkMtu';

export const hasLinkMtu = (kind: string): boolean => kind === 'hardware';

/** Local resource key: a port's link MTU is set before its sw MTU (the hw call resets it). */
export const hwMtuKey = (name: string): string => `hw-mtu:${name}`;

export const asInterface = (r: Resource): Interface => r.obj as unknown as Interface;

/** The comparable part of a model interface (plugin fields stripped). */
export function interfaceObject(i: Interface): KindObject {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(i)) if (!NOT_COMPARED.has(k) && v !== undefined) out[k] = v;
  const h = INTERFACE_TYPES.get(i.kind);
  if (h) out[h.kind] = comparedSettings(h, (i as unknown as Record<string, Record<string, Json>>)[h.kind]);
  if (hasLinkMtu(i.kind) && i.mtu !== undefined) out[LINK_MTU] = i.mtu;
  return out as KindObject;
}

/** The settings VPP reports back (creation-only ones are not compared). */
export function comparedSettings(
  h: InterfaceTypeHandler,
  settings: Record<string, Json> | undefined,
): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const f of h.compared) if (settings?.[f] !== undefined) out[f] = settings[f];
  return out;
}

/** The comparable interface object: what of the model the interface kind compares, and how. */
import type { Interface } from '../types.js';
import { INTERFACE_TYPES, type InterfaceTypeHandler } from './interface-types.js';
import type { Json, KindObject, Resource } from './types.js';

export const INTERFACE_KIND = 'interface';

/**
 * The interface's fields other kinds manage (ACL lists, linux-cp pairs, MSS clamping, NAT44
 * roles, macswap, feature arcs: each its own kind, derived from the interface).
 */
const NOT_COMPARED = new Set(['acls', 'linuxCp', 'mssClamp', 'nat44', 'macswap', 'features']);

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

/**
 * A desired interface's creation-only settings (a memif's queues and ring size, a VXLAN's decap):
 * VPP never reports them, so they are not compared, but the create call needs them.
 */
export const CREATION = 'creation';

/** The comparable part of a model interface (plugin fields stripped). */
export function interfaceObject(i: Interface): KindObject {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(i)) if (!NOT_COMPARED.has(k) && v !== undefined) out[k] = v;
  const h = INTERFACE_TYPES.get(i.kind);
  if (h) {
    const [compared, creation] = splitSettings(
      h,
      (i as unknown as Record<string, Record<string, Json>>)[h.kind],
    );
    out[h.kind] = compared;
    if (Object.keys(creation).length > 0) out[CREATION] = creation;
  }
  if (hasLinkMtu(i.kind) && i.mtu !== undefined) out[LINK_MTU] = i.mtu;
  return out as KindObject;
}

/** The settings VPP reports back (compared), and the creation-only rest. */
export function splitSettings(
  h: InterfaceTypeHandler,
  settings: Record<string, Json> | undefined,
): [Record<string, Json>, Record<string, Json>] {
  const compared: Record<string, Json> = {};
  const creation: Record<string, Json> = {};
  for (const [f, v] of Object.entries(settings ?? {}))
    if (v !== undefined) (h.compared.includes(f) ? compared : creation)[f] = v;
  return [compared, creation];
}

/** The model interface of a comparable object: creation-only settings back in their place. */
export function withCreation(o: KindObject): Record<string, unknown> {
  const { [CREATION]: creation, ...rest } = o as Record<string, unknown>;
  const h = INTERFACE_TYPES.get(String(rest.kind));
  if (!h || creation === undefined) return rest;
  return { ...rest, [h.kind]: { ...(rest[h.kind] as object), ...(creation as object) } };
}

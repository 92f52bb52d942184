/**
 * What every kind of per-interface setting shares (ACL lists, MSS clamping, NAT44 roles,
 * linux-cp pairs, macswap, feature arcs): one object per interface, keyed by the interface name,
 * declared as a field of the interface in the documents. An interface declared without the
 * setting wants none (Resource.absent); the object goes with its interface in VPP; it is
 * vppstate's when its interface is.
 */
import type { Interface, State } from '../types.js';
import { INTERFACE_KIND } from './interface.js';
import type { Derived, KindModule, KindObject, ObjectSet, Resource } from './types.js';
import { isUnsupported } from './util.js';

export interface PerInterfaceField {
  /** The model field of Interface, e.g. `mssClamp`. */
  readonly field: keyof Interface;
  /** Its YAML name, for positions, e.g. `mss-clamp`. */
  readonly yaml: string;
  /** The comparable object for a declared interface, or undefined when it wants none. */
  fromInterface(i: Interface): KindObject | undefined;
  /** Whether a declared interface manages this setting at all (default: always). */
  managed?(i: Interface): boolean;
  /** Puts a live object back into the model interface (export). */
  intoInterface(i: Interface, obj: KindObject): void;
}

type PerInterfaceParts = Pick<KindModule, 'fromState' | 'intoState' | 'goesWith' | 'ownedBy' | 'identity'>;

/** fromState, intoState, goesWith and ownedBy of a per-interface kind. */
export function perInterface(f: PerInterfaceField): PerInterfaceParts {
  return {
    identity: ['interface'],
    fromState(state: State): Derived[] {
      const out: Derived[] = [];
      const field = [f.yaml]; // shared by every interface's position (never changed)
      for (const i of Object.values(state.interfaces)) {
        if (f.managed && !f.managed(i)) continue;
        const obj = f.fromInterface(i);
        const at = { section: 'interfaces', key: i.name, field };
        out.push(obj ? { id: i.name, obj, at } : { id: i.name, absent: true, at });
      }
      return out;
    },
    intoState(state: State, objects: readonly Resource[]): void {
      for (const r of objects) {
        const i = state.interfaces[r.id];
        if (i) f.intoInterface(i, r.obj);
      }
    },
    goesWith: (l: Resource) => [{ kind: INTERFACE_KIND, id: l.id }],
    ownedBy: (l: Resource, live: ObjectSet) => live.get(INTERFACE_KIND)?.get(l.id)?.owned === true,
  };
}

/** Dumps a plugin's objects; a VPP without the plugin has none (availability is checked apart). */
export async function dumpOrNone<T>(run: () => Promise<T[]>): Promise<T[]> {
  try {
    return await run();
  } catch (err) {
    if (isUnsupported(err)) return [];
    throw err;
  }
}

import { bridgeDomainKind } from './bridge-domain.js';
import { interfaceKind } from './interface.js';
import { memifSocketKind } from './memif-socket.js';
import { routeKind } from './route.js';
import type { KindModule } from './types.js';
import { vrfKind } from './vrf.js';
import { xconnectKind } from './xconnect.js';

/**
 * Every resource kind, in read order (later kinds resolve names through earlier ones: the
 * interface kind fills the sw_if_index ↔ name maps, routes need the tables). Plugin kinds are
 * appended with registerKind; the planner and executor only ever iterate this list.
 */
const kinds: KindModule[] = [
  interfaceKind,
  memifSocketKind,
  vrfKind,
  routeKind,
  bridgeDomainKind,
  xconnectKind,
];

export function registeredKinds(): readonly KindModule[] {
  return kinds;
}

export function registerKind(k: KindModule): void {
  if (kinds.some((x) => x.kind === k.kind)) throw new Error(`kind ${k.kind} is already registered`);
  kinds.push(k);
}

export function kindModule(kind: string): KindModule {
  const k = kinds.find((x) => x.kind === kind);
  if (!k) throw new Error(`unknown resource kind ${kind}`);
  return k;
}

import { VppstateError } from '../../errors.js';
import { aclKind } from './acl.js';
import { aclBindingKind } from './acl-binding.js';
import { bridgeDomainKind } from './bridge-domain.js';
import { featureKind } from './feature.js';
import { interfaceKind } from './interface.js';
import { linuxCpKind, linuxCpPairKind } from './linux-cp.js';
import { macswapKind } from './macswap.js';
import { memifSocketKind } from './memif-socket.js';
import { mssClampKind } from './mss-clamp.js';
import { nat44Kind } from './nat44.js';
import { nat44InterfaceKind } from './nat44-interface.js';
import { routeKind } from './route.js';
import type { KindModule } from './types.js';
import { vrfKind } from './vrf.js';
import { xconnectKind } from './xconnect.js';

/**
 * Every resource kind. The order is the order plans list kinds in; the order kinds are read in
 * comes from their `readAfter` (readOrder), never from this list. Plugin kinds are added with
 * registerKind; the planner, executor and renderers only ever iterate this list.
 */
const kinds: KindModule[] = [
  interfaceKind,
  memifSocketKind,
  vrfKind,
  routeKind,
  bridgeDomainKind,
  xconnectKind,
  // the plugins' kinds (one module each; out-of-tree ones come through registerKind)
  aclKind,
  aclBindingKind,
  mssClampKind,
  nat44Kind,
  nat44InterfaceKind,
  linuxCpKind,
  linuxCpPairKind,
  macswapKind,
  featureKind,
];
const byName = new Map<string, KindModule>(kinds.map((k) => [k.kind, k]));
let order: readonly KindModule[] | undefined;

/** A kind module cannot be registered (duplicate name, unknown or circular read dependency). */
export class KindRegistrationError extends VppstateError {
  constructor(message: string) {
    super('kind.registration', message);
  }
}

export function registeredKinds(): readonly KindModule[] {
  return kinds;
}

export function registerKind(k: KindModule): void {
  if (byName.has(k.kind)) throw new KindRegistrationError(`kind ${k.kind} is already registered`);
  kinds.push(k);
  byName.set(k.kind, k);
  order = undefined;
  try {
    readOrder();
  } catch (err) {
    kinds.pop();
    byName.delete(k.kind);
    order = undefined;
    throw err;
  }
}

export function kindModule(kind: string): KindModule {
  const k = byName.get(kind);
  if (!k) throw new Error(`unknown resource kind ${kind}`);
  return k;
}

/** The module of a kind, or undefined for a name no module registered. */
export function findKind(kind: string): KindModule | undefined {
  return byName.get(kind);
}

/**
 * The kinds in an order that reads every kind after those it names in `readAfter` (a kind
 * whose dependency is not registered reads without it); otherwise in registration order.
 */
export function readOrder(): readonly KindModule[] {
  if (order) return order;
  const out: KindModule[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (k: KindModule, path: readonly string[]): void => {
    const s = state.get(k.kind);
    if (s === 'done') return;
    if (s === 'visiting')
      throw new KindRegistrationError(
        `kinds read after each other in a circle: ${[...path, k.kind].join(' → ')}`,
      );
    state.set(k.kind, 'visiting');
    for (const d of k.readAfter ?? []) {
      const dep = byName.get(d);
      if (dep) visit(dep, [...path, k.kind]);
    }
    state.set(k.kind, 'done');
    out.push(k);
  };
  for (const k of kinds) visit(k, []);
  order = out;
  return out;
}

/**
 * The VPP behaviour model of the simulator: pure handlers over decoded values (src/api/types.ts),
 * keyed by request name, plus reset and a snapshot of the state.
 */
import type { SimHandler } from '../types.js';
import { entryPrefix } from './fib.js';
import { interfaceHandlers, swDetails } from './interfaces.js';
import { ipHandlers } from './ip.js';
import { l2Handlers } from './l2.js';
import { neighborHandlers } from './neighbor.js';
import { pluginHandlers } from './plugins.js';
import { type ModelOptions, VppState } from './state.js';

export type { HardwarePort, ModelOptions } from './state.js';
export { VPP_VERSION } from './plugins.js';

export interface VppModel {
  /** One handler per request message the simulator implements. */
  readonly handlers: Record<string, SimHandler>;
  /** Back to a freshly started VPP (what a restart does). */
  reset(): void;
  /** A JSON-friendly summary of the state (for `vppstate sim --state FILE`). */
  snapshot(): unknown;
}

export function createVppModel(opts: ModelOptions = {}): VppModel {
  let state = new VppState(opts);
  let inner = build(state);
  const handlers: Record<string, SimHandler> = {};
  for (const name of Object.keys(inner)) handlers[name] = (req) => (inner[name] as SimHandler)(req);
  return {
    handlers,
    reset() {
      state = new VppState(opts);
      inner = build(state);
    },
    snapshot() {
      return snapshotOf(state);
    },
  };
}

function build(s: VppState): Record<string, SimHandler> {
  return {
    ...interfaceHandlers(s),
    ...ipHandlers(s),
    ...neighborHandlers(s),
    ...l2Handlers(s),
    ...pluginHandlers(s),
  };
}

function snapshotOf(s: VppState): unknown {
  return {
    interfaces: s.ifs
      .filter((x) => x !== undefined)
      .map((x) => ({
        ...swDetails(s, x),
        vrf: { ipv4: x.vrf4, ipv6: x.vrf6 },
        addresses: [...x.addrs4, ...x.addrs6].map((a) => a.text),
        l2: x.l2 ?? null,
      })),
    tables: [...s.fib.v4.values(), ...s.fib.v6.values()].map((t) => ({
      table_id: t.id,
      is_ip6: t.ip6,
      name: t.name,
      routes: t.walk().map(entryPrefix),
    })),
    bridgeDomains: [...s.bds.values()].map((b) => ({ ...b })),
    acls: [...s.acls.values()].map((a) => ({ acl_index: a.index, tag: a.tag, rules: a.rules.length })),
    memifSockets: Object.fromEntries(s.memifSockets),
    nat: {
      enabled: s.nat.enabled,
      interfaces: Object.fromEntries(s.nat.interfaces),
      addresses: s.nat.addresses,
    },
  };
}

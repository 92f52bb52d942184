/**
 * IP neighbours (ARP/ND entries) added through the API, and the adj-fibs they put in their
 * interface's table under the `adjacency` FIB source (ip_neighbor.c). Learning from traffic is not
 * simulated; what VPP does to neighbours when their interface or its addresses change is.
 */
import type { ApiMessage } from '../../api/types.js';
import type { SimHandler } from '../types.js';
import { details, fail, ok } from './reply.js';
import type { Iface, VppState } from './state.js';
import { E, NONE, addrToBytes, apiAddress, bool, covers, isIp6, num, obj, str, type Prefix } from './util.js';

const FLAG_STATIC = 1;
const FLAG_NO_FIB_ENTRY = 2;

export interface Neighbor {
  readonly sw: number;
  readonly ip: string;
  readonly ip6: boolean;
  mac: string;
  /** IP_API_NEIGHBOR_FLAG_STATIC | IP_API_NEIGHBOR_FLAG_NO_FIB_ENTRY. */
  flags: number;
  /** The table its adj-fib is in (undefined: none, NO_FIB_ENTRY or IPv6 link-local). */
  table?: number;
}

const isLinkLocal = (ip: string): boolean => {
  const b = addrToBytes(ip);
  return b.length === 16 && b[0] === 0xfe && ((b[1] as number) & 0xc0) === 0x80;
};

function fibAdd(s: VppState, x: Iface, n: Neighbor): void {
  if (n.flags & FLAG_NO_FIB_ENTRY || (n.ip6 && isLinkLocal(n.ip))) return;
  const t = s.table(x, n.ip6);
  s.fib.adjAdd(t, n.ip, n.sw);
  n.table = t.id;
  // the first adj-fib of a table locks it (ipndb_n_elts_per_fib)
  if (s.neighbors.filter((m) => m.table === t.id && m.ip6 === n.ip6).length === 1) t.locks++;
}

function fibRemove(s: VppState, n: Neighbor): void {
  if (n.table === undefined) return;
  const t = s.fib.get(n.table, n.ip6);
  n.table = undefined;
  if (!t) return;
  s.fib.adjRemove(t, n.ip, n.sw);
  if (!s.neighbors.some((m) => m !== n && m.table === t.id && m.ip6 === n.ip6)) {
    t.locks--;
    s.maybeDropTable(t);
  }
}

function destroy(s: VppState, n: Neighbor): void {
  fibRemove(s, n);
  s.neighbors.splice(s.neighbors.indexOf(n), 1);
}

/**
 * Neighbours of an interface that go: all of them when it is deleted, the dynamic ones when it
 * goes down or (`within`) when an address whose subnet holds them is removed.
 */
export function flushNeighbors(s: VppState, sw: number, opts: { all?: boolean; within?: Prefix } = {}): void {
  for (const n of s.neighbors.filter((m) => m.sw === sw)) {
    if (!opts.all && n.flags & FLAG_STATIC) continue;
    if (
      opts.within &&
      (opts.within.ip6 !== n.ip6 || !covers(opts.within.bytes, opts.within.len, addrToBytes(n.ip)))
    )
      continue;
    destroy(s, n);
  }
}

/** An interface bound to another table takes its neighbours' adj-fibs along. */
export function rebindNeighbors(s: VppState, x: Iface, ip6: boolean): void {
  for (const n of s.neighbors.filter((m) => m.sw === x.swIfIndex && m.ip6 === ip6 && m.table !== undefined)) {
    fibRemove(s, n);
    fibAdd(s, x, n);
  }
}

export function neighborHandlers(s: VppState): Record<string, SimHandler> {
  return {
    ip_neighbor_add_del({ msg }) {
      const nb = obj(msg.neighbor);
      const x = s.iface(num(nb.sw_if_index, NONE));
      // the reply's stats_index is the neighbour's adjacency, which the model does not keep
      if (!x) return fail(E.INVALID_SW_IF_INDEX, { stats_index: NONE });
      const ip = apiAddress(nb.ip_address);
      const mac = str(nb.mac_address);
      const flags = num(nb.flags) & (FLAG_STATIC | FLAG_NO_FIB_ENTRY);
      const found = s.neighbors.find((n) => n.sw === x.swIfIndex && n.ip === ip);
      if (!bool(msg.is_add)) {
        if (!found) return fail(E.NO_SUCH_ENTRY, { stats_index: NONE });
        destroy(s, found);
        return ok({ stats_index: NONE });
      }
      if (found) {
        // a static entry is not overwritten by a dynamic one; a dynamic one can become static
        if (!(flags & FLAG_STATIC) && found.flags & FLAG_STATIC) {
          return found.mac === mac
            ? ok({ stats_index: NONE })
            : fail(E.INVALID_SW_IF_INDEX, { stats_index: NONE });
        }
        if (flags & FLAG_STATIC) found.flags |= FLAG_STATIC;
        found.mac = mac;
        return ok({ stats_index: NONE });
      }
      const n: Neighbor = { sw: x.swIfIndex, ip, ip6: isIp6(ip), mac, flags };
      s.neighbors.push(n);
      fibAdd(s, x, n);
      return ok({ stats_index: NONE });
    },

    ip_neighbor_dump({ msg }) {
      const sw = num(msg.sw_if_index, NONE);
      const ip6 = num(msg.af) === 1;
      const list: ApiMessage[] = s.neighbors
        .filter((n) => n.ip6 === ip6 && (sw === NONE || n.sw === sw))
        .map((n) => ({
          age: 0,
          neighbor: {
            sw_if_index: n.sw,
            flags: n.flags,
            mac_address: n.mac,
            ip_address: n.ip,
          },
        }));
      return details('ip_neighbor_details', list);
    },
  };
}

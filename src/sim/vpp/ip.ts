/** Addresses, tables and routes. */
import type { ApiMessage, ApiValue } from '../../api/types.js';
import type { WireCache } from '../protocol/details.js';
import type { SimHandler } from '../types.js';
import {
  FIB_SOURCE_REGS,
  type FibEntry,
  type FibPath,
  type FibTable,
  PATH_DROP,
  PATH_NORMAL,
  bestPaths,
  entryPrefix,
  isRecursive,
  pathToApi,
} from './fib.js';
import { rebindNeighbors } from './neighbor.js';
import { details, detailsMap, fail, ok } from './reply.js';
import { ROUTE_DETAILS_CRC, ROUTE_V2_DETAILS_CRC, encodeRouteDetails } from './route-wire.js';
import type { VppState } from './state.js';
import {
  E,
  NONE,
  addrToBytes,
  arr,
  bool,
  num,
  obj,
  parsePrefix,
  prefixText,
  str,
  unionAddr,
} from './util.js';

function tableArg(v: ApiValue | undefined): { id: number; ip6: boolean; name: string } {
  const t = obj(v);
  return { id: num(t.table_id), ip6: bool(t.is_ip6), name: str(t.name) };
}

function pathFromApi(v: ApiValue, ip6Route: boolean): FibPath {
  const p = obj(v);
  const proto = num(p.proto, ip6Route ? 1 : 0);
  const type = num(p.type);
  const sw = num(p.sw_if_index, NONE);
  const nhObj = obj(p.nh);
  let nh = unionAddr(nhObj.address, proto === 1);
  if (nh === '0.0.0.0' || nh === '::') nh = '';
  const isDrop = type === PATH_DROP;
  return {
    swIfIndex: isDrop ? NONE : sw,
    // paths via an interface report table 0; a recursive path its lookup table (03 step 21)
    tableId: isDrop || sw !== NONE ? 0 : num(p.table_id),
    weight: num(p.weight) || 1,
    preference: num(p.preference),
    type,
    flags: num(p.flags),
    proto,
    nh: isDrop ? '' : nh,
    rpfId: num(p.rpf_id),
  };
}

function samePath(a: FibPath, b: FibPath): boolean {
  return a.swIfIndex === b.swIfIndex && a.nh === b.nh && a.type === b.type && a.proto === b.proto;
}

function routeDetails(e: FibEntry): ApiMessage {
  const paths = bestPaths(e);
  const ip6 = e.table.ip6;
  return {
    route: {
      table_id: e.table.id,
      stats_index: e.statsIndex,
      prefix: entryPrefix(e),
      n_paths: paths.length,
      paths: paths.map((p) => pathToApi(p, ip6)),
    },
  };
}

function routeV2Details(e: FibEntry): ApiMessage {
  const d = routeDetails(e);
  return { route: { ...(d.route as ApiMessage), src: e.bestSourceId } };
}

/**
 * Each entry's encoded details live on it: Fib writes the v2 ones as the entry changes (the
 * reconciler's dump), the v1 ones are written when first dumped; the server keeps its own there
 * when that encoder gives up.
 */
const ROUTE_V2_WIRE: WireCache<FibEntry> = {
  crc: ROUTE_V2_DETAILS_CRC,
  get: (e) => e.wire,
  set: (e, b) => {
    e.wire = b;
  },
  encode: (e) => encodeRouteDetails(e, 2),
};
const ROUTE_WIRE: WireCache<FibEntry> = {
  crc: ROUTE_DETAILS_CRC,
  get: (e) => e.wire1,
  set: (e, b) => {
    e.wire1 = b;
  },
  encode: (e) => encodeRouteDetails(e, 1),
};

export function ipHandlers(s: VppState): Record<string, SimHandler> {
  const fib = s.fib;

  /** The table a recursive path resolves in (its next-hop table, of its next hop's family). */
  const viaTable = (q: FibPath): FibTable | undefined => fib.get(q.tableId, q.proto === 1);

  /** Each recursive path locks the recursive-resolution entry of its next hop. */
  function lockNextHops(paths: readonly FibPath[]): void {
    for (const q of paths) {
      const t = isRecursive(q) ? viaTable(q) : undefined;
      if (t) fib.rrLock(t, q.nh);
    }
  }

  function unlockNextHops(paths: readonly FibPath[]): void {
    for (const q of paths) {
      const t = isRecursive(q) ? viaTable(q) : undefined;
      const e = t && fib.find(t, addrToBytes(q.nh), t.ip6 ? 128 : 32);
      if (e?.sources.has('recursive-resolution')) fib.rrUnlock(e);
    }
  }

  /** fib_route_path_is_attached of the last path decides the API source's attached flag. */
  const attachedPaths = (paths: readonly FibPath[]): boolean => {
    const last = paths[paths.length - 1];
    return last !== undefined && last.type === PATH_NORMAL && last.swIfIndex !== NONE && last.nh === '';
  };

  return {
    sw_interface_add_del_address({ msg }) {
      const x = s.iface(num(msg.sw_if_index, -1));
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      if (bool(msg.del_all)) {
        for (const a of [...x.addrs4, ...x.addrs6]) s.deleteAddress(x, a);
        return ok();
      }
      const text = str(msg.prefix);
      const p = parsePrefix(text);
      const list = p.ip6 ? x.addrs6 : x.addrs4;
      // local0 and sub-interfaces without exact-match take no address (supports_addressing)
      if (x.kind === 'local' || (x.sub && !(x.sub.flags & 16))) return fail(E.UNSUPPORTED);
      if (bool(msg.is_add)) {
        // an overlap is ADDRESS_IN_USE for IPv4, DUPLICATE_IF_ADDRESS for IPv6
        if (s.addressConflict(x, p)) return fail(p.ip6 ? E.DUPLICATE_IF_ADDRESS : E.ADDRESS_IN_USE);
        s.addAddress(x, text);
        return ok();
      }
      const a = list.find((q) => q.prefix.len === p.len && q.prefix.bytes.every((b, i) => b === p.bytes[i]));
      if (!a) return fail(E.ADDRESS_NOT_FOUND_FOR_INTERFACE); // 04 step 19
      s.deleteAddress(x, a);
      return ok();
    },

    // vl_api_sw_interface_set_unnumbered_t_handler: the fields are named the other way round;
    // an interface may borrow its own addresses, and unset clears whatever it borrowed
    sw_interface_set_unnumbered({ msg }) {
      const un = s.iface(num(msg.unnumbered_sw_if_index, -1));
      if (!un) return fail(E.INVALID_SW_IF_INDEX);
      const add = bool(msg.is_add);
      const ip = s.iface(num(msg.sw_if_index, -1));
      if (add && !ip) return fail(E.INVALID_SW_IF_INDEX_2);
      if (add) {
        if (un.vrf4 !== ip!.vrf4 || un.vrf6 !== ip!.vrf6) return fail(E.UNEXPECTED_INTF_STATE);
        un.unnumberedOf = ip!.swIfIndex;
      } else un.unnumberedOf = undefined;
      return ok();
    },

    ip_unnumbered_dump({ msg }) {
      const sw = num(msg.sw_if_index, NONE);
      const out: ApiMessage[] = [];
      for (const x of sw === NONE ? s.ifs : [s.iface(sw)])
        if (x?.unnumberedOf !== undefined)
          out.push({ sw_if_index: x.swIfIndex, ip_sw_if_index: x.unnumberedOf });
      return details('ip_unnumbered_details', out);
    },

    ip_address_dump({ msg }) {
      const x = s.iface(num(msg.sw_if_index, -1));
      const list = x ? (bool(msg.is_ipv6) ? x.addrs6 : x.addrs4) : [];
      return details(
        'ip_address_details',
        list.map((a) => ({ sw_if_index: x!.swIfIndex, prefix: a.text })),
      );
    },

    sw_interface_set_table({ msg }) {
      const x = s.iface(num(msg.sw_if_index, -1));
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      const ip6 = bool(msg.is_ipv6);
      const id = num(msg.vrf_id);
      const t = fib.get(id, ip6);
      if (!t) return fail(E.NO_SUCH_FIB); // 04 steps 3-4
      const cur = ip6 ? x.vrf6 : x.vrf4;
      if (cur === id) return ok();
      // only addresses of the same family block the move (04 steps 8-9)
      if ((ip6 ? x.addrs6 : x.addrs4).length > 0) return fail(E.ADDRESS_FOUND_FOR_INTERFACE);
      t.users++;
      if (ip6) x.vrf6 = id;
      else x.vrf4 = id;
      rebindNeighbors(s, x, ip6);
      s.releaseTable(cur, ip6);
      return ok();
    },

    sw_interface_get_table({ msg }) {
      const x = s.iface(num(msg.sw_if_index, -1));
      if (!x) return fail(E.INVALID_SW_IF_INDEX, { vrf_id: NONE });
      return ok({ vrf_id: bool(msg.is_ipv6) ? x.vrf6 : x.vrf4 });
    },

    ip_table_add_del({ msg }) {
      const { id, ip6, name } = tableArg(msg.table);
      const t = fib.get(id, ip6);
      if (bool(msg.is_add)) {
        // a table keeps the name it was created with (fib_table_find_or_create_and_lock_i sets
        // ft_desc once): adding it again, even lingering after a delete, does not rename it;
        // table 0 is not the API's
        if (t) {
          if (id !== 0) t.apiOwned = true;
        } else fib.createTable(id, ip6, name).apiOwned = true;
        return ok();
      }
      // deleting table 0 or a table in use answers 0; the table stays until unused (03 step 24)
      if (t && id !== 0) {
        t.apiOwned = false;
        s.maybeDropTable(t);
      }
      return ok();
    },

    ip_table_dump() {
      const out: ApiMessage[] = [];
      for (const ip6 of [false, true]) {
        const list = [...fib.tables(ip6).values()].sort((a, b) => a.fibIndex - b.fibIndex);
        for (const t of list) out.push({ table: { table_id: t.id, is_ip6: ip6, name: t.name } });
      }
      return details('ip_table_details', out);
    },

    ip_route_add_del({ msg }) {
      const r = obj(msg.route);
      const p = parsePrefix(str(r.prefix));
      const t = fib.get(num(r.table_id), p.ip6);
      if (!t) return fail(E.NO_SUCH_FIB, { stats_index: NONE }); // 04 step 36
      const paths = arr(r.paths)
        .slice(0, num(r.n_paths, arr(r.paths).length))
        .map((v) => pathFromApi(v, p.ip6));
      // fib_api_path_decode: a path without an interface resolves in its next-hop table
      for (const q of paths) {
        if (q.type === PATH_NORMAL && q.swIfIndex === NONE) {
          if (!viaTable(q)) return fail(E.NO_SUCH_FIB, { stats_index: NONE });
        } else if (q.swIfIndex !== NONE && !s.iface(q.swIfIndex))
          return fail(E.NO_MATCHING_INTERFACE, { stats_index: NONE });
      }
      const len = p.len;
      if (len > (p.ip6 ? 128 : 32)) return fail(E.INVALID_PREFIX_LENGTH, { stats_index: NONE });
      const multipath = bool(msg.is_multipath);
      // is_multipath adds or removes the paths given, and needs some
      if (multipath && paths.length === 0) return fail(E.NO_PATHS_IN_ROUTE, { stats_index: NONE });
      const existing = fib.find(t, p.bytes, len);
      if (!bool(msg.is_add)) {
        // deleting what is not there is not an error (04 step 34); without is_multipath the
        // whole route goes, whatever paths the request names (fib_table_entry_delete)
        const api = existing?.sources.get('API')?.paths;
        if (existing && api) {
          const left = !multipath ? [] : api.filter((q) => !paths.some((d) => samePath(q, d)));
          if (left.length === 0) fib.removeSource(existing, 'API');
          else fib.setSource(existing, 'API', left, attachedPaths(left));
          unlockNextHops(api.filter((q) => !left.includes(q)));
        }
        return ok({ stats_index: NONE });
      }
      // fib_api_route_add_del refuses an add without paths
      if (paths.length === 0) return fail(E.NO_PATHS_IN_ROUTE, { stats_index: NONE });
      const cur = existing?.sources.get('API')?.paths ?? [];
      const added = multipath ? paths.filter((q) => !cur.some((c) => samePath(c, q))) : paths;
      const next = multipath ? [...cur, ...added] : paths;
      // the tracked next hops resolve before the route's own entry exists (03 step 18)
      lockNextHops(added);
      // a new entry keeps the prefix as given, host bits and all (fib_entry_create copies it)
      const e = fib.addSource(t, p.bytes, len, 'API', next, {
        attached: attachedPaths(next),
        shown: prefixText(p.bytes, len),
      });
      if (!multipath) unlockNextHops(cur);
      return ok({ stats_index: e.statsIndex });
    },

    ip_route_dump({ msg }) {
      const { id, ip6 } = tableArg(msg.table);
      const t = fib.get(id, ip6);
      if (!t) return details('ip_route_details', []);
      // VPP collects the walk first, then sends: the list is a snapshot
      return detailsMap('ip_route_details', t.walk(), routeDetails, ROUTE_WIRE);
    },

    // every entry, or those whose best source is `src` (fib_table_walk_w_src)
    ip_route_v2_dump({ msg }) {
      const { id, ip6 } = tableArg(msg.table);
      const t = fib.get(id, ip6);
      if (!t) return details('ip_route_v2_details', []);
      const src = num(msg.src);
      const list = src === 0 ? t.walk() : t.walk().filter((e) => e.bestSourceId === src);
      return detailsMap('ip_route_v2_details', list, routeV2Details, ROUTE_V2_WIRE);
    },

    fib_source_dump() {
      return details(
        'fib_source_details',
        FIB_SOURCE_REGS.map((r) => ({ src: { priority: r.priority, id: r.id, name: r.name } })),
      );
    },
  };
}

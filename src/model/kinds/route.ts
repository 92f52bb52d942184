import { jsonEqual } from '../../plan/diff.js';
import { eachDetail } from '../../api/each-detail.js';
import type { ApiMessage, FieldSelection } from '../../api/types.js';
import { VppstateError } from '../../errors.js';
import { comparePaths } from '../defaults.js';
import type { Route, RoutePath, RoutePathType } from '../types.js';
import { INTERFACE_KIND } from './interface.js';
import { mapLimit, READ_CONCURRENCY } from './concurrency.js';
import { key, opBuilder, tableKeys } from './ops.js';
import type {
  ApiCall,
  FieldChange,
  Json,
  KindModule,
  KindObject,
  ObjectSet,
  Op,
  ReadContext,
  Reference,
  Resource,
} from './types.js';
import { VRF_KIND } from './vrf.js';
import {
  arr,
  canonicalAddress,
  familyOf,
  type Family,
  ifRefOf,
  networkPrefix,
  NO_INDEX,
  num,
  obj,
  unionAddress,
} from './util.js';

export const ROUTE_KIND = 'route';

const TYPE_CODES: Record<RoutePathType, number> = {
  normal: 0,
  local: 1,
  drop: 2,
  unreachable: 5,
  prohibit: 6,
};
const TYPE_NAMES = new Map(Object.entries(TYPE_CODES).map(([k, v]) => [v, k as RoutePathType]));

export const routeKey = (vrf: number, prefix: string): string => `${vrf}:${prefix}`;
const asRoute = (r: Resource): Route => r.obj as unknown as Route;

// Paths compare as a set: both sides are sorted in the model's path order.
const sortPaths = (ps: readonly RoutePath[]): RoutePath[] => [...ps].sort(comparePaths);

function encodePath(r: Route, p: RoutePath): ApiMessage {
  const fam = familyOf(r.prefix);
  const out: Record<string, ApiMessage[string]> = {
    sw_if_index: p.interface ? ifRefOf(p.interface) : NO_INDEX,
    table_id: p.viaVrf ?? r.vrf,
    rpf_id: 0,
    weight: p.weight,
    preference: p.preference,
    type: TYPE_CODES[p.type],
    flags: 0,
    proto: fam === 'ip4' ? 0 : 1,
    nh: {
      address: p.via ?? (fam === 'ip4' ? '0.0.0.0' : '::'),
      via_label: 0,
      obj_id: 0,
      classify_table_index: 0,
    },
    n_labels: 0,
  };
  return out;
}

const CLI_SPECIAL: Record<Exclude<RoutePathType, 'normal'>, string> = {
  drop: 'drop',
  local: 'local',
  unreachable: 'null-send-unreach',
  prohibit: 'null-send-prohibit',
};

function pathCli(p: RoutePath): string {
  // vppctl's special paths (ip route add … via drop | local | null-send-unreach | null-send-prohibit)
  if (p.type !== 'normal') return `via ${CLI_SPECIAL[p.type]}`;
  const parts = ['via'];
  if (p.via) parts.push(p.via);
  if (p.interface) parts.push(p.interface);
  if (p.viaVrf !== undefined && !p.interface) parts.push(`next-hop-table ${p.viaVrf}`);
  if (p.weight !== 1) parts.push(`weight ${p.weight}`);
  if (p.preference !== 0) parts.push(`preference ${p.preference}`);
  return parts.join(' ');
}

function setCall(r: Route): ApiCall {
  const paths = sortPaths(r.paths);
  return {
    message: 'ip_route_add_del',
    args: {
      is_add: true,
      is_multipath: false,
      route: {
        table_id: r.vrf,
        stats_index: 0,
        prefix: r.prefix,
        n_paths: paths.length,
        paths: paths.map((p) => encodePath(r, p)),
      },
    },
    cli: paths
      .map((p) => `ip route add ${r.prefix}${r.vrf ? ` table ${r.vrf}` : ''} ${pathCli(p)}`)
      .join('\n'),
  };
}

function delCall(r: Route): ApiCall {
  return {
    message: 'ip_route_add_del',
    args: {
      is_add: false,
      is_multipath: false,
      route: { table_id: r.vrf, stats_index: 0, prefix: r.prefix, n_paths: 0, paths: [] },
    },
    cli: `ip route del ${r.prefix}${r.vrf ? ` table ${r.vrf}` : ''}`,
  };
}

function keysOf(r: Route): string[] {
  const fam: Family = familyOf(r.prefix);
  const ks = new Set(tableKeys(fam, r.vrf));
  for (const p of r.paths) {
    if (p.interface) ks.add(key.iface(p.interface));
    if (p.viaVrf) for (const k of tableKeys(fam, p.viaVrf)) ks.add(k);
  }
  return [...ks];
}

function decodePath(ctx: ReadContext, fam: Family, p: ApiMessage): RoutePath {
  const type = TYPE_NAMES.get(num(p, 'type')) ?? 'normal';
  const out: RoutePath = { type, weight: num(p, 'weight') || 1, preference: num(p, 'preference') };
  if (type !== 'normal') return out;
  const sw = num(p, 'sw_if_index');
  const nhFam: Family = num(p, 'proto') === 1 ? 'ip6' : fam;
  const via = canonicalAddress(unionAddress(obj(p, 'nh').address, nhFam));
  if (via !== '0.0.0.0' && via !== '::') out.via = via;
  if (sw !== NO_INDEX) out.interface = ctx.ifName.get(sw) ?? `sw_if_index ${sw}`;
  else if (out.via) out.viaVrf = num(p, 'table_id');
  return out;
}

/** What read() uses of ip_route_v2_details: label stacks and the like are skipped, not decoded. */
const ROUTE_FIELDS: FieldSelection = {
  route: {
    prefix: true,
    src: true,
    paths: {
      sw_if_index: true,
      table_id: true,
      weight: true,
      preference: true,
      type: true,
      proto: true,
      nh: { address: true },
    },
  },
};

/** The name fib_source_dump gives the source of routes added through the API. */
export const API_FIB_SOURCE = 'API';

/** A VPP without what reading routes by source needs. */
export class RouteReadError extends VppstateError {
  constructor(message: string) {
    super('ROUTE_READ', message);
  }
}

/**
 * The id VPP gives its API FIB source (fib_source_dump; 8 in VPP v26.10). Core sources have fixed
 * ids in a VPP build, so it is asked once per connection.
 */
const apiSourceIds = new WeakMap<object, Promise<number>>();

function apiSourceId(ctx: ReadContext): Promise<number> {
  let id = apiSourceIds.get(ctx.caller);
  if (!id) {
    id = findApiSource(ctx);
    apiSourceIds.set(ctx.caller, id);
    id.catch(() => apiSourceIds.delete(ctx.caller));
  }
  return id;
}

async function findApiSource(ctx: ReadContext): Promise<number> {
  const sources = await ctx.caller.dump('fib_source_dump');
  for (const d of sources) {
    const src = obj(d, 'src');
    if (src.name === API_FIB_SOURCE) return num(src, 'id');
  }
  throw new RouteReadError(
    `VPP lists no FIB source named "${API_FIB_SOURCE}" (fib_source_dump gave ${sources.length}): routes cannot be told apart from VPP's own entries`,
  );
}

/**
 * Routes are the API-sourced entries of every table: VPP's own entries (connected and local
 * prefixes, adjacencies learnt by ARP/ND, recursive-resolution hosts for next hops and tunnel
 * endpoints, DHCP, NAT, CLI…) are neither managed nor drift. ip_route_v2_dump filters on each
 * entry's best source; a route whose prefix some better source also holds (the prefix of an
 * interface address) is VPP's to forward and not listed.
 */
async function read(ctx: ReadContext): Promise<Resource[]> {
  const tables: Array<{ fam: Family; id: number }> = [
    { fam: 'ip4', id: 0 },
    { fam: 'ip6', id: 0 },
  ];
  for (const v of ctx.objects.get(VRF_KIND)?.values() ?? []) {
    if (v.obj.ipv4) tables.push({ fam: 'ip4', id: Number(v.id) });
    if (v.obj.ipv6) tables.push({ fam: 'ip6', id: Number(v.id) });
  }
  const api = await apiSourceId(ctx);
  const perTable = await mapLimit(tables, READ_CONCURRENCY, async ({ fam, id }) => {
    const out: Resource[] = [];
    // Each details message is normalised as it arrives and dies young (100,000 routes: no
    // promise per route where the caller can hand them over one by one).
    const each = (d: ApiMessage): void => {
      const r = obj(d, 'route');
      if (num(r, 'src') !== api) return;
      const prefix = networkPrefix(String(r.prefix ?? ''));
      const raw = arr(r, 'paths');
      const paths = raw.map((p) => decodePath(ctx, fam, p as ApiMessage));
      if (paths.length > 1) paths.sort(comparePaths);
      const route: Route = { vrf: id, prefix, paths };
      out.push({ kind: ROUTE_KIND, id: routeKey(id, prefix), obj: route as unknown as KindObject });
    };
    const args = { src: api, table: { table_id: id, is_ip6: fam === 'ip6', name: '' } };
    await eachDetail(ctx.caller, 'ip_route_v2_dump', args, each, { select: ROUTE_FIELDS });
    return out;
  });
  return perTable.flat();
}

export const routeKind: KindModule = {
  kind: ROUTE_KIND,
  title: 'routes',
  section: 'routes',
  identity: ['vrf', 'prefix'],
  readAfter: [INTERFACE_KIND, VRF_KIND],
  immutable: ['vrf', 'prefix'],
  taggable: false,
  read,
  equal(field: string, d: Json, l: Json): boolean {
    if (field === 'paths' && Array.isArray(d) && Array.isArray(l))
      return jsonEqual(
        sortPaths(d as unknown as RoutePath[]) as unknown as Json,
        sortPaths(l as unknown as RoutePath[]) as unknown as Json,
      );
    return jsonEqual(d, l);
  },
  create(d) {
    const r = asRoute(d);
    return [
      opBuilder(
        d,
        'create',
      )({
        summary: `add route ${r.prefix}${r.vrf ? ` table ${r.vrf}` : ''}`,
        call: setCall(r),
        inverse: [delCall(r)],
        needs: keysOf(r),
      }),
    ];
  },
  update(d, l, _fields: readonly FieldChange[]) {
    const r = asRoute(d);
    const old = asRoute(l);
    const now = new Set(keysOf(r));
    return [
      opBuilder(
        d,
        'update',
      )({
        field: 'paths',
        summary: `replace paths of ${r.prefix}${r.vrf ? ` table ${r.vrf}` : ''}`,
        call: setCall(r),
        inverse: [setCall(old)],
        needs: [...now],
        releases: keysOf(old).filter((k) => !now.has(k)),
      }),
    ];
  },
  delete(l) {
    const r = asRoute(l);
    return [
      opBuilder(
        l,
        'delete',
      )({
        summary: `delete route ${r.prefix}${r.vrf ? ` table ${r.vrf}` : ''}`,
        call: delCall(r),
        inverse: [setCall(r)],
        releases: keysOf(r),
      }),
    ];
  },
  refs(o) {
    // Deleting a table flushes the routes the API source put in it; an interface deleted under
    // a route leaves its path pointing at the dead index: the route goes first, comes back after.
    const r = o as unknown as Route;
    const out: Reference[] = [];
    const vrf = (id: number): void => {
      if (id !== 0 && !out.some((x) => x.kind === VRF_KIND && x.id === String(id)))
        out.push({ kind: VRF_KIND, id: String(id), drop: 'object' });
    };
    vrf(r.vrf);
    for (const p of r.paths) {
      if (p.interface && !out.some((x) => x.kind === INTERFACE_KIND && x.id === p.interface))
        out.push({ kind: INTERFACE_KIND, id: p.interface, drop: 'object' });
      if (p.viaVrf !== undefined) vrf(p.viaVrf);
    }
    return out;
  },
  ownedBy(l: Resource, live: ObjectSet): boolean {
    // No tag on routes: a route belongs to vppstate when it leaves through one of its interfaces.
    const ifs = live.get(INTERFACE_KIND);
    return asRoute(l).paths.some((p) => p.interface !== undefined && ifs?.get(p.interface)?.owned === true);
  },
};

export type { Op };

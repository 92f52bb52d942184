/**
 * FIB tables and entries as VPP keeps them: one entry per prefix with contributions from several
 * sources (special, interface, API, adjacency, recursive resolution, default route; the best one
 * is what a dump shows), entries allocated from one pool (their index is the `stats_index` of
 * ip_route_details), tables walked in VPP's hash order (ip4: one hash per prefix length, shortest
 * first; ip6: one hash per table). Recursive-resolution entries follow their cover as it changes.
 */
import type { ApiMessage } from '../../api/types.js';
import { encodeRouteDetails } from './route-wire.js';
import {
  IndexPool,
  VppHash,
  addrToBytes,
  bytesToAddr,
  covers,
  hashMemory,
  hashUword,
  maskBytes,
  prefixText,
  NONE,
} from './util.js';

/**
 * The FIB sources of VPP v26.10 with this build's plugins, as fib_source_dump lists them (id order;
 * `show fib source`): the core ones registered at start, then path-mtu (ip path MTU) and the NAT
 * plugin's two. An entry's best source is the one with the lowest (priority, slot); a dump shows
 * that source's paths and ip_route_v2_dump filters on it.
 */
export const FIB_SOURCE_REGS: ReadonlyArray<{ id: number; name: string; priority: number; slot: number }> = [
  { id: 0, name: 'invalid', priority: 255, slot: 0 },
  { id: 1, name: 'special', priority: 0, slot: 0 },
  { id: 2, name: 'classify', priority: 1, slot: 0 },
  { id: 3, name: 'proxy', priority: 2, slot: 0 },
  { id: 4, name: 'interface', priority: 3, slot: 0 },
  { id: 5, name: 'SR', priority: 16, slot: 0 },
  { id: 6, name: 'BIER', priority: 32, slot: 0 },
  { id: 7, name: '6RD', priority: 48, slot: 0 },
  { id: 8, name: 'API', priority: 128, slot: 0 },
  { id: 9, name: 'CLI', priority: 129, slot: 0 },
  { id: 10, name: 'LISP', priority: 144, slot: 0 },
  { id: 11, name: 'MAP', priority: 160, slot: 0 },
  { id: 12, name: 'DHCP', priority: 176, slot: 0 },
  { id: 13, name: 'IPv6-proxy-nd', priority: 192, slot: 0 },
  { id: 14, name: 'IPv6-nd', priority: 193, slot: 0 },
  { id: 15, name: 'adjacency', priority: 208, slot: 0 },
  { id: 16, name: 'mpls', priority: 224, slot: 0 },
  { id: 17, name: 'attached_export', priority: 240, slot: 0 },
  { id: 18, name: 'recursive-resolution', priority: 251, slot: 0 },
  { id: 19, name: 'urpf-exempt', priority: 252, slot: 0 },
  { id: 20, name: 'default-route', priority: 253, slot: 0 },
  { id: 21, name: 'interpose', priority: 254, slot: 0 },
  { id: 22, name: 'path-mtu', priority: 16, slot: 1 },
  { id: 23, name: 'nat-low', priority: 208, slot: 1 },
  { id: 24, name: 'nat-hi', priority: 16, slot: 2 },
];

/** The sources the model's entries carry (names as VPP's). */
export type FibSource =
  'special' | 'interface' | 'API' | 'adjacency' | 'recursive-resolution' | 'default-route';

const REGS = new Map(FIB_SOURCE_REGS.map((r) => [r.name, r]));
const reg = (s: FibSource): { id: number; priority: number; slot: number } =>
  REGS.get(s) as { id: number; priority: number; slot: number };
const rankOf = (s: FibSource): number => reg(s).priority * 256 + reg(s).slot;
/** The id VPP gives a source (ip_route_v2_details.src, ip_route_v2_dump's filter). */
export const sourceId = (s: FibSource): number => reg(s).id;

/** One source's contribution to an entry. */
export interface Contribution {
  readonly paths: FibPath[];
  /** FIB_ENTRY_FLAG_ATTACHED of this source: the prefix is reachable on a link (glean, adj-fib…). */
  readonly attached: boolean;
}

export const PATH_NORMAL = 0;
export const PATH_LOCAL = 1;
export const PATH_DROP = 2;

/** Never changed once stored in an entry (a change stores new paths): dumps cache their encoding. */
export interface FibPath {
  swIfIndex: number;
  /** Lookup table of a recursive path (reported as given); interface paths report 0. */
  tableId: number;
  weight: number;
  preference: number;
  type: number;
  flags: number;
  proto: number;
  /** Next hop ('' for none). */
  nh: string;
  rpfId: number;
}

export interface FibEntry {
  readonly table: FibTable;
  /** Masked network bytes. */
  readonly bytes: Uint8Array;
  readonly len: number;
  /** Prefix as VPP reports it when not the masked one (connected IPv4 routes keep the interface address). */
  readonly shown?: string;
  /**
   * Its load-balance index (ip_route_details.stats_index): allocated with the entry from one pool,
   * ~0 for an entry VPP keeps out of forwarding (an adj-fib off its interface's subnet).
   */
  readonly statsIndex: number;
  /** Read-only here: changes go through Fib (addSource, setSource, removeSource), which keep `best` and `wire`. */
  readonly sources: ReadonlyMap<FibSource, Contribution>;
  readonly hashSum: number;
  /** The best source's paths (kept by Fib as sources change: a dump reads it for every entry). */
  best: FibPath[];
  bestSource: FibSource | undefined;
  /** Its id (ip_route_v2_details.src); 0 when none. */
  bestSourceId: number;
  /** Locks on the recursive-resolution source (recursive paths, tracked tunnel endpoints). */
  rrLocks: number;
  /**
   * Its ip_route_v2_details, encoded when it changes (a dump of a big table then only copies
   * bytes, its entries' objects cold in memory are not walked again), and kept by the server when
   * that encoder gives up; `wire1` the same for ip_route_details, encoded when first dumped. See
   * ROUTE_WIRE in ip.ts.
   */
  wire: Uint8Array | undefined;
  wire1: Uint8Array | undefined;
}

export class FibTable {
  readonly entries = new Map<string | number, FibEntry>();
  /** ip4: one hash per prefix length; ip6: one hash. */
  private readonly hashes: Array<VppHash<FibEntry> | undefined> = [];
  name: string;
  /** Created by ip_table_add_del (and not yet deleted through it). */
  apiOwned = false;
  /** Interfaces bound to it. */
  users = 0;
  /** Other locks: tracked tunnel endpoints (one each), adj-fibs (one while any). */
  locks = 0;
  /** Entries that follow their cover (recursive-resolution and adjacency sources). */
  readonly dependents = new Set<FibEntry>();
  constructor(
    readonly id: number,
    readonly ip6: boolean,
    readonly fibIndex: number,
    name: string,
  ) {
    this.name = name;
  }

  key(bytes: Uint8Array, len: number): string | number {
    if (!this.ip6) {
      const v =
        (((bytes[0] as number) << 24) |
          ((bytes[1] as number) << 16) |
          ((bytes[2] as number) << 8) |
          (bytes[3] as number)) >>>
        0;
      const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
      return len * 0x100000000 + ((v & mask) >>> 0);
    }
    return prefixText(maskBytes(bytes, len), len);
  }

  insert(e: FibEntry): void {
    this.entries.set(this.key(e.bytes, e.len), e);
    const slot = this.ip6 ? 0 : e.len;
    let h = this.hashes[slot];
    if (!h) h = this.hashes[slot] = new VppHash<FibEntry>(this.ip6 ? 2 : 32);
    h.add(e);
  }

  remove(e: FibEntry): void {
    this.entries.delete(this.key(e.bytes, e.len));
    this.hashes[this.ip6 ? 0 : e.len]?.remove(e);
  }

  /** Entries in VPP's walk order (ip4_fib_table_walk / ip6_fib_table_walk). */
  walk(): FibEntry[] {
    const out: FibEntry[] = [];
    for (const h of this.hashes) h?.collect(out);
    return out;
  }

  /** Longest-prefix match among entries other than `self`. */
  cover(bytes: Uint8Array, self?: FibEntry): FibEntry | undefined {
    const max = this.ip6 ? 128 : 32;
    for (let len = max; len >= 0; len--) {
      const e = this.entries.get(this.key(bytes, len));
      if (e && e !== self && covers(e.bytes, e.len, bytes)) return e;
    }
    return undefined;
  }
}

export function hashSumFor(bytes: Uint8Array, len: number, ip6: boolean, masked = false): number {
  const m = masked ? bytes : maskBytes(bytes, len);
  if (!ip6) {
    // the key is the address read as a little-endian host u32
    return hashUword(
      (((m[3] as number) << 24) | ((m[2] as number) << 16) | ((m[1] as number) << 8) | (m[0] as number)) >>>
        0,
    );
  }
  // ip6_fib_hash_key_t {ip6_address_t addr; u8 len}: 17 bytes, ip6_address_t is __clib_packed
  const k = new Uint8Array(17);
  k.set(m, 0);
  k[16] = len;
  return hashMemory(k);
}

export function drop(ip6: boolean): FibPath {
  return {
    swIfIndex: NONE,
    tableId: 0,
    weight: 1,
    preference: 0,
    type: PATH_DROP,
    flags: 0,
    proto: ip6 ? 1 : 0,
    nh: '',
    rpfId: 0,
  };
}

/** The prefix a dump shows for an entry. */
export function entryPrefix(e: FibEntry): string {
  return e.shown ?? prefixText(e.bytes, e.len);
}

/** The path a dump shows for an entry: the best source's paths. */
export function bestPaths(e: FibEntry): FibPath[] {
  return e.best;
}

function bestOf(sources: ReadonlyMap<FibSource, Contribution>): FibSource | undefined {
  let best: FibSource | undefined;
  let rank = Infinity;
  for (const src of sources.keys()) {
    const r = rankOf(src);
    if (r < rank) {
      rank = r;
      best = src;
    }
  }
  return best;
}

/** A path through an interface to a next hop it knows (adj-fibs, hosts of an attached cover). */
export function attachedPath(sw: number, nh: string, ip6: boolean): FibPath {
  return {
    swIfIndex: sw,
    tableId: 0,
    weight: 1,
    preference: 0,
    type: PATH_NORMAL,
    flags: 0,
    proto: ip6 ? 1 : 0,
    nh,
    rpfId: 0,
  };
}

/** A path that resolves through another FIB entry (a next hop without an interface). */
export function isRecursive(p: FibPath): boolean {
  return p.type === PATH_NORMAL && p.swIfIndex === NONE && p.nh !== '';
}

function samePaths(a: readonly FibPath[], b: readonly FibPath[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i] as FibPath;
    const q = b[i] as FibPath;
    if (
      p.swIfIndex !== q.swIfIndex ||
      p.tableId !== q.tableId ||
      p.weight !== q.weight ||
      p.preference !== q.preference ||
      p.type !== q.type ||
      p.flags !== q.flags ||
      p.proto !== q.proto ||
      p.nh !== q.nh ||
      p.rpfId !== q.rpfId
    )
      return false;
  }
  return true;
}

const NO_PATHS = Object.freeze([]) as unknown as FibPath[];
// Frozen: every path object shares them.
const EMPTY_LABEL = Object.freeze({ is_uniform: 0, label: 0, ttl: 0, exp: 0 });
const LABELS = Object.freeze(Array.from({ length: 16 }, () => EMPTY_LABEL));

/** A path as fib_path of the API (a fresh object, but for the shared frozen label stack). */
export function pathToApi(p: FibPath, ip6: boolean): ApiMessage {
  return {
    sw_if_index: p.swIfIndex,
    table_id: p.tableId,
    rpf_id: p.rpfId,
    weight: p.weight,
    preference: p.preference,
    type: p.type,
    flags: p.flags,
    proto: p.proto,
    nh: {
      address: p.nh === '' ? (ip6 ? '::' : '0.0.0.0') : p.nh,
      via_label: 0,
      obj_id: 0,
      classify_table_index: 0,
    },
    n_labels: 0,
    label_stack: LABELS,
  };
}

/** The entry pool and every table. */
export class Fib {
  readonly pool = new IndexPool(0);
  readonly v4 = new Map<number, FibTable>();
  readonly v6 = new Map<number, FibTable>();
  private readonly fibIndex4 = new IndexPool(0);
  private readonly fibIndex6 = new IndexPool(0);

  constructor() {
    this.pool.alloc(); // index 0 is taken before the first table exists in VPP
    this.createTable(0, false, '');
    this.createTable(0, true, '');
  }

  tables(ip6: boolean): Map<number, FibTable> {
    return ip6 ? this.v6 : this.v4;
  }

  get(id: number, ip6: boolean): FibTable | undefined {
    return this.tables(ip6).get(id);
  }

  createTable(id: number, ip6: boolean, name: string): FibTable {
    const t = new FibTable(
      id,
      ip6,
      (ip6 ? this.fibIndex6 : this.fibIndex4).alloc(),
      name || `ipv${ip6 ? 6 : 4}-VRF:${id}`,
    );
    this.tables(ip6).set(id, t);
    // the entries every table starts with, in VPP's creation order (ip4_fib.c, ip6_fib.c)
    const add = (a: string, len: number, src: FibSource, path: FibPath): void => {
      this.addSource(t, a, len, src, [path]);
    };
    if (!ip6) {
      add('0.0.0.0', 0, 'default-route', drop(false));
      add('0.0.0.0', 32, 'default-route', drop(false));
      add('240.0.0.0', 4, 'special', drop(false));
      add('224.0.0.0', 4, 'special', drop(false));
      add('255.255.255.255', 32, 'default-route', drop(false));
    } else {
      add('::', 0, 'default-route', drop(true));
      add('fe80::', 10, 'special', { ...drop(true), type: PATH_NORMAL });
    }
    return t;
  }

  destroyTable(t: FibTable): void {
    for (const e of [...t.entries.values()].reverse()) {
      t.remove(e);
      if (e.statsIndex !== NONE) this.pool.release(e.statsIndex);
    }
    t.dependents.clear();
    this.tables(t.ip6).delete(t.id);
    (t.ip6 ? this.fibIndex6 : this.fibIndex4).release(t.fibIndex);
  }

  /**
   * Add (or replace) one source's paths on a prefix; creates the entry when needed (`inactive`:
   * kept out of forwarding, without a load-balance index).
   */
  addSource(
    t: FibTable,
    addr: string | Uint8Array,
    len: number,
    src: FibSource,
    paths: FibPath[],
    opts: { shown?: string; attached?: boolean; inactive?: boolean } = {},
  ): FibEntry {
    const bytes = typeof addr === 'string' ? parseAddr(addr) : addr;
    const key = t.key(bytes, len);
    let e = t.entries.get(key);
    if (!e) {
      const m = maskBytes(bytes, len);
      e = {
        table: t,
        bytes: m,
        len,
        shown: opts.shown === undefined || opts.shown === prefixText(m, len) ? undefined : opts.shown,
        statsIndex: opts.inactive ? NONE : this.pool.alloc(),
        sources: new Map(),
        hashSum: hashSumFor(m, len, t.ip6, true),
        best: NO_PATHS,
        bestSource: undefined,
        bestSourceId: 0,
        rrLocks: 0,
        wire: undefined,
        wire1: undefined,
      };
      t.insert(e);
    } else if (opts.shown !== undefined && src === 'interface') (e as { shown?: string }).shown = opts.shown;
    this.setSource(e, src, paths, opts.attached);
    return e;
  }

  /** Replaces one source's paths on an existing entry. */
  setSource(e: FibEntry, src: FibSource, paths: FibPath[], attached = false): void {
    (e.sources as Map<FibSource, Contribution>).set(src, { paths, attached });
    if (e.statsIndex === NONE && src !== 'adjacency')
      (e as { statsIndex: number }).statsIndex = this.pool.alloc();
    this.changed(e);
  }

  find(t: FibTable, bytes: Uint8Array, len: number): FibEntry | undefined {
    return t.entries.get(t.key(bytes, len));
  }

  /** Remove one source; the entry goes when it has none left. */
  removeSource(e: FibEntry, src: FibSource): void {
    const sources = e.sources as Map<FibSource, Contribution>;
    if (!sources.delete(src)) return;
    if (sources.size === 0) {
      e.table.remove(e);
      e.table.dependents.delete(e);
      if (e.statsIndex !== NONE) this.pool.release(e.statsIndex);
      e.best = NO_PATHS;
      e.bestSource = undefined;
      e.bestSourceId = 0;
      e.wire = e.wire1 = undefined;
      this.coversChanged(e);
      return;
    }
    this.changed(e);
  }

  /** FIB_ENTRY_FLAG_ATTACHED of an entry (its best source's). */
  isAttached(e: FibEntry): boolean {
    return e.bestSource !== undefined && e.sources.get(e.bestSource)?.attached === true;
  }

  /**
   * Takes a lock on the recursive-resolution source of a host prefix (a recursive path's next
   * hop, a tunnel endpoint): the entry is made when needed and inherits its cover's forwarding.
   */
  rrLock(t: FibTable, addr: string | Uint8Array): FibEntry {
    const bytes = typeof addr === 'string' ? parseAddr(addr) : addr;
    const len = t.ip6 ? 128 : 32;
    let e = this.find(t, bytes, len);
    if (e?.sources.has('recursive-resolution')) {
      e.rrLocks++;
      return e;
    }
    e = this.addSource(t, bytes, len, 'recursive-resolution', NO_PATHS);
    e.rrLocks = 1;
    t.dependents.add(e);
    this.resolveRr(e);
    return e;
  }

  rrUnlock(e: FibEntry): void {
    if (--e.rrLocks > 0) return;
    e.rrLocks = 0;
    if (!e.sources.has('adjacency')) e.table.dependents.delete(e);
    this.removeSource(e, 'recursive-resolution');
  }

  /**
   * An adj-fib (ip_neighbor_adj_fib_add): a path to the neighbour through its interface, on the
   * host prefix. VPP keeps it out of forwarding, without a load-balance index, unless its cover is
   * attached through that interface (fib_entry_src_adj_activate).
   */
  adjAdd(t: FibTable, addr: string, sw: number): FibEntry {
    const bytes = parseAddr(addr);
    const len = t.ip6 ? 128 : 32;
    const path = attachedPath(sw, addr, t.ip6);
    const e = this.find(t, bytes, len);
    const cur = e?.sources.get('adjacency')?.paths;
    if (e && cur) {
      if (!cur.some((p) => p.swIfIndex === sw)) this.setSource(e, 'adjacency', [...cur, path], true);
      return e;
    }
    const inactive = !e && !this.adjActive(t, bytes, len, [path]);
    const added = this.addSource(t, bytes, len, 'adjacency', [path], { attached: true, inactive });
    t.dependents.add(added);
    return added;
  }

  adjRemove(t: FibTable, addr: string, sw: number): void {
    const e = this.find(t, parseAddr(addr), t.ip6 ? 128 : 32);
    const cur = e?.sources.get('adjacency')?.paths;
    if (!e || !cur) return;
    const left = cur.filter((p) => p.swIfIndex !== sw);
    if (left.length > 0) {
      this.setSource(e, 'adjacency', left, true);
      return;
    }
    if (!e.sources.has('recursive-resolution')) e.table.dependents.delete(e);
    this.removeSource(e, 'adjacency');
  }

  private adjActive(t: FibTable, bytes: Uint8Array, len: number, paths: readonly FibPath[]): boolean {
    const self = this.find(t, bytes, len);
    const cover = t.cover(bytes, self);
    if (!cover) return false;
    if (!this.isAttached(cover) && cover.sources.get('interface')?.attached !== true) return false;
    const itf = cover.best[0]?.swIfIndex;
    return paths.some((p) => p.swIfIndex === itf);
  }

  private changed(e: FibEntry): void {
    const best = bestOf(e.sources);
    e.bestSource = best;
    e.bestSourceId = best === undefined ? 0 : sourceId(best);
    e.best = best === undefined ? NO_PATHS : (e.sources.get(best) as Contribution).paths;
    e.wire = encodeRouteDetails(e, 2);
    e.wire1 = undefined;
    this.coversChanged(e);
  }

  /** A prefix shorter than a host changed: the entries that follow their cover look again. */
  private coversChanged(e: FibEntry): void {
    const t = e.table;
    if (e.len === (t.ip6 ? 128 : 32) || t.dependents.size === 0) return;
    for (const d of t.dependents) if (covers(e.bytes, e.len, d.bytes)) this.resolve(d);
  }

  /**
   * fib_entry_src_rr: a host under an attached cover is a neighbour on the cover's interface;
   * otherwise it takes the cover's paths (a drop where they recurse through the host itself).
   */
  private resolve(e: FibEntry): void {
    const adj = e.sources.get('adjacency');
    if (adj && e.statsIndex === NONE && this.adjActive(e.table, e.bytes, e.len, adj.paths)) {
      // a cover on the neighbour's link came: the entry is installed
      (e as { statsIndex: number }).statsIndex = this.pool.alloc();
      e.wire = encodeRouteDetails(e, 2);
      e.wire1 = undefined;
    }
    if (e.sources.has('recursive-resolution')) this.resolveRr(e);
  }

  private resolveRr(e: FibEntry): void {
    const t = e.table;
    const cover = t.cover(e.bytes, e);
    let next: Contribution;
    if (!cover) next = { paths: [drop(t.ip6)], attached: false };
    else if (this.isAttached(cover))
      next = {
        paths: [attachedPath(cover.best[0]?.swIfIndex ?? NONE, bytesToAddr(e.bytes), t.ip6)],
        attached: true,
      };
    else {
      const self = bytesToAddr(e.bytes);
      const loops = cover.best.some((p) => isRecursive(p) && p.nh === self);
      next = { paths: loops ? [drop(t.ip6)] : cover.best, attached: false };
    }
    const cur = e.sources.get('recursive-resolution');
    if (cur && cur.attached === next.attached && samePaths(cur.paths, next.paths)) return;
    (e.sources as Map<FibSource, Contribution>).set('recursive-resolution', next);
    const best = bestOf(e.sources) as FibSource;
    e.bestSource = best;
    e.bestSourceId = sourceId(best);
    e.best = (e.sources.get(best) as Contribution).paths;
    e.wire = encodeRouteDetails(e, 2);
    e.wire1 = undefined;
  }
}

function parseAddr(a: string): Uint8Array {
  return addrToBytes(a);
}

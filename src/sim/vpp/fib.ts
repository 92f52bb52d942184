/**
 * FIB tables and entries as VPP keeps them: one entry per prefix with contributions from several
 * sources (special, interface, API, recursive resolution, default route), entries allocated from
 * one pool (their index is the `stats_index` of ip_route_details), tables walked in VPP's hash
 * order (ip4: one hash per prefix length, shortest first; ip6: one hash per table).
 */
import type { ApiMessage } from '../../api/types.js';
import { encodeRouteDetails } from './route-wire.js';
import {
  IndexPool,
  VppHash,
  addrToBytes,
  covers,
  hashMemory,
  hashUword,
  maskBytes,
  prefixText,
  NONE,
} from './util.js';

export type FibSource = 'special' | 'interface' | 'api' | 'rr' | 'default';
/** Best first, as fib_source.h orders them. */
const PRIORITY: readonly FibSource[] = ['special', 'interface', 'api', 'rr', 'default'];

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
  readonly statsIndex: number;
  /** Read-only here: changes go through Fib (addSource, setSource, removeSource), which keep `best` and drop `wire`. */
  readonly sources: ReadonlyMap<FibSource, FibPath[]>;
  readonly hashSum: number;
  /** The best source's paths (kept by Fib as sources change: a dump reads it for every entry). */
  best: FibPath[];
  /**
   * Its ip_route_details, encoded when it changes (a dump of a big table then only copies bytes,
   * its entries' objects cold in memory are not walked again), and kept by the server when that
   * encoder gives up. See ROUTE_WIRE in ip.ts.
   */
  wire: Uint8Array | undefined;
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
  /** Recursive next hop → API paths using it (their tracking entries live while used). */
  readonly rrRefs = new Map<string, number>();
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

function bestOf(sources: ReadonlyMap<FibSource, FibPath[]>): FibPath[] {
  for (const s of PRIORITY) {
    const p = sources.get(s);
    if (p) return p;
  }
  return NO_PATHS;
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
    // the special entries every table starts with, in VPP's creation order
    const add = (a: string, len: number, src: FibSource, path: FibPath): void => {
      this.addSource(t, a, len, src, [path]);
    };
    if (!ip6) {
      add('0.0.0.0', 0, 'default', drop(false));
      add('0.0.0.0', 32, 'special', drop(false));
      add('240.0.0.0', 4, 'special', drop(false));
      add('224.0.0.0', 4, 'special', drop(false));
      add('255.255.255.255', 32, 'special', drop(false));
    } else {
      add('::', 0, 'default', drop(true));
      add('fe80::', 10, 'special', { ...drop(true), type: PATH_NORMAL });
    }
    return t;
  }

  destroyTable(t: FibTable): void {
    for (const e of [...t.entries.values()].reverse()) {
      t.remove(e);
      this.pool.release(e.statsIndex);
    }
    this.tables(t.ip6).delete(t.id);
    (t.ip6 ? this.fibIndex6 : this.fibIndex4).release(t.fibIndex);
  }

  /** Add (or replace) one source's paths on a prefix; creates the entry when needed. */
  addSource(
    t: FibTable,
    addr: string | Uint8Array,
    len: number,
    src: FibSource,
    paths: FibPath[],
    shown?: string,
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
        shown,
        statsIndex: this.pool.alloc(),
        sources: new Map(),
        hashSum: hashSumFor(m, len, t.ip6, true),
        best: NO_PATHS,
        wire: undefined,
      };
      t.insert(e);
    } else if (shown !== undefined && src === 'interface') (e as { shown?: string }).shown = shown;
    this.setSource(e, src, paths);
    return e;
  }

  /** Replaces one source's paths on an existing entry. */
  setSource(e: FibEntry, src: FibSource, paths: FibPath[]): void {
    (e.sources as Map<FibSource, FibPath[]>).set(src, paths);
    e.best = bestOf(e.sources);
    e.wire = encodeRouteDetails(e);
  }

  find(t: FibTable, bytes: Uint8Array, len: number): FibEntry | undefined {
    return t.entries.get(t.key(bytes, len));
  }

  /** Remove one source; the entry goes when it has none left. */
  removeSource(e: FibEntry, src: FibSource): void {
    (e.sources as Map<FibSource, FibPath[]>).delete(src);
    e.best = bestOf(e.sources);
    e.wire = undefined;
    if (e.sources.size > 0) e.wire = encodeRouteDetails(e);
    else {
      e.table.remove(e);
      this.pool.release(e.statsIndex);
    }
  }
}

function parseAddr(a: string): Uint8Array {
  return addrToBytes(a);
}

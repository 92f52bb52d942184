import type { VppCaller } from '../api/types.js';
import { IdTable } from './kinds/ids.js';
import { readOrder, registeredKinds } from './kinds/registry.js';
import {
  SINGLETON_ID,
  type KindModule,
  type KindObject,
  type ObjectSet,
  type ReadContext,
  type Resource,
  type SourcePos,
} from './kinds/types.js';
import { IF_NS } from './kinds/util.js';
import { emptyState } from './defaults.js';
import type { State } from './types.js';

/** What VPP has now, normalised, plus the ids the executor starts from. */
export interface LiveState {
  readonly objects: ObjectSet;
  /** Every VPP-assigned id read, by namespace (sw_if_index under `if`, acl_index under `acl`, …). */
  readonly ids: IdTable;
  /** Interface name → sw_if_index: the `if` namespace of `ids`. */
  readonly ifIndex: Map<string, number>;
  readonly ifName: Map<number, string>;
  /** Kinds this VPP offers no way to read back, with the reason (ReadContext.unverifiable). */
  readonly unverifiable: ReadonlyMap<string, string>;
}

export interface ReadOptions {
  /** The desired objects, when reading for a plan (see ReadContext.wanted). */
  readonly wanted?: ObjectSet;
}

/**
 * Reads every registered kind from VPP (dumps, cursor services), each once the kinds it reads
 * after (KindModule.readAfter) are read: kinds that do not wait for each other are read at the
 * same time, so that VPP answers one while vppstate decodes another. The object set lists kinds
 * in registry order, and what kinds claim of each other is applied in read order: the outcome
 * does not depend on which reply came first.
 */
export async function readLive(caller: VppCaller, opts: ReadOptions = {}): Promise<LiveState> {
  const ids = new IdTable();
  type Claim = { target: { kind: string; id: string }; owner: { kind: string; id: string } };
  const claims = new Map<string, Claim[]>();
  const unverifiable = new Map<string, string>();
  // What every kind's read shares; each gets its own partOf and unverifiable (see readKind).
  const shared: Omit<ReadContext, 'partOf' | 'unverifiable'> = {
    caller,
    ids,
    ifName: new Map(),
    ifIndex: ids.of(IF_NS),
    objects: new Map(),
    kinds: registeredKinds(),
    wanted: opts.wanted,
  };
  const order = readOrder();
  const byKind = new Map(order.map((k) => [k.kind, k]));
  const reads = new Map<string, Promise<void>>();
  const readKind = (k: KindModule): Promise<void> => {
    let p = reads.get(k.kind);
    if (p === undefined) {
      const mine: Claim[] = [];
      claims.set(k.kind, mine);
      const kctx: ReadContext = {
        ...shared,
        partOf: (target, owner) => mine.push({ target: { ...target }, owner: { ...owner } }),
        unverifiable: (reason) => unverifiable.set(k.kind, reason),
      };
      const after = (k.readAfter ?? []).flatMap((d) => {
        const dep = byKind.get(d);
        return dep ? [readKind(dep)] : [];
      });
      p = Promise.all(after).then(async () => {
        const m = new Map<string, Resource>();
        for (const r of await k.read(kctx)) m.set(r.id, r);
        shared.objects.set(k.kind, m);
      });
      reads.set(k.kind, p);
    }
    return p;
  };
  // Every kind starts at once; if one fails, the read fails with the first failure in read order
  // once all have settled (nothing of this read is left in flight).
  const results = await Promise.allSettled(order.map(readKind));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  for (const k of order)
    for (const { target, owner } of claims.get(k.kind) ?? []) {
      const m = shared.objects.get(target.kind);
      const r = m?.get(target.id);
      if (m && r) m.set(target.id, { ...r, partOf: owner });
    }
  const objects: ObjectSet = new Map();
  for (const k of registeredKinds()) objects.set(k.kind, shared.objects.get(k.kind) ?? new Map());
  return { objects, ids, ifIndex: shared.ifIndex, ifName: shared.ifName, unverifiable };
}

/**
 * Looks up where something was declared: (model section, key, YAML field path) → position. A
 * singleton section (nat44) has no key.
 */
export type PositionLookup = (
  section: string,
  key?: string,
  field?: ReadonlyArray<string | number>,
) => SourcePos | undefined;

function sectionOf(state: State, k: KindModule): unknown {
  return (state as unknown as Record<string, unknown>)[k.section];
}

/**
 * A declared object. Its position in the YAML is looked up when first asked for (a plan names
 * the positions of what changes; a no-op plan of 100,000 routes never asks).
 */
/** Where a declared object was written: its section, key and field; `byId`: the key is its id. */
interface Site {
  readonly section: string;
  readonly key?: string;
  readonly field?: ReadonlyArray<string | number>;
  readonly byId?: boolean;
}

// Fields assigned in the constructor only (no per-instance field definitions): 100,000s of these.
class DeclaredResource implements Resource {
  declare readonly kind: string;
  declare readonly id: string;
  declare readonly obj: KindObject;
  declare readonly absent?: boolean;
  #positions: PositionLookup | undefined;
  #site: Site | SourcePos | undefined;
  constructor(
    kind: string,
    id: string,
    obj: KindObject,
    absent: boolean,
    positions: PositionLookup | undefined,
    site: Site | undefined,
  ) {
    this.kind = kind;
    this.id = id;
    this.obj = obj;
    if (absent) this.absent = true;
    // Until looked up: where to look (with positions to look in); then what was found.
    if (site !== undefined && positions !== undefined) {
      this.#positions = positions;
      this.#site = site;
    }
  }
  get source(): SourcePos | undefined {
    const positions = this.#positions;
    if (positions !== undefined) {
      const site = this.#site as Site;
      this.#site = positions(site.section, site.byId === true ? this.id : site.key, site.field);
      this.#positions = undefined;
    }
    return this.#site as SourcePos | undefined;
  }
}

/** The desired model as the reconciler's object set. */
export function stateToObjects(state: State, positions?: PositionLookup): ObjectSet {
  const out: ObjectSet = new Map();
  for (const k of registeredKinds()) {
    const m = new Map<string, Resource>();
    out.set(k.kind, m);
    if (k.fromState) {
      for (const d of k.fromState(state))
        m.set(d.id, new DeclaredResource(k.kind, d.id, d.obj ?? {}, d.absent === true, positions, d.at));
      continue;
    }
    const section = sectionOf(state, k);
    if (section === undefined || section === null) continue;
    if (k.singleton) {
      const o = k.fromModel ? k.fromModel(section) : (section as KindObject);
      // undefined: declared, and wanted gone (`nat44: { enabled: false }`)
      m.set(
        SINGLETON_ID,
        new DeclaredResource(k.kind, SINGLETON_ID, o ?? {}, o === undefined, positions, {
          section: k.section,
        }),
      );
      continue;
    }
    // One site for the whole section: each object's key is its id.
    const site: Site = { section: k.section, byId: true };
    const rec = section as Record<string, unknown>;
    for (const id in rec) {
      const o = rec[id];
      const obj = k.fromModel ? k.fromModel(o) : (o as KindObject);
      m.set(id, new DeclaredResource(k.kind, id, obj ?? {}, obj === undefined, positions, site));
    }
  }
  return out;
}

/** Whether vppstate owns a live object (its tag, or the objects it hangs off). */
export function isOwned(k: KindModule, r: Resource, objects: ObjectSet): boolean {
  if (k.taggable && r.owned !== undefined) return r.owned;
  return k.ownedBy?.(r, objects) ?? false;
}

/** Live objects as the model (for export); `ownedOnly` keeps what vppstate owns. */
export function objectsToState(objects: ObjectSet, opts: { ownedOnly?: boolean } = {}): State {
  // Empty sections and absent / ignore lists, prune: owned (the default), as the loader starts.
  const state: State = emptyState();
  const sections = state as unknown as Record<string, unknown>;
  const kept = (k: KindModule): Resource[] =>
    [...(objects.get(k.kind)?.values() ?? [])].filter(
      (r) => r.partOf === undefined && (!opts.ownedOnly || isOwned(k, r, objects)),
    );
  // Sections first: derived kinds put their objects into them (an interface's ACL list).
  const derived: KindModule[] = [];
  for (const k of registeredKinds()) {
    if (!k.section) {
      derived.push(k);
      continue;
    }
    const toModel = (r: Resource): unknown => (k.toModel ? k.toModel(r.obj) : r.obj);
    if (k.singleton) {
      const [one] = kept(k);
      if (one) sections[k.section] = toModel(one);
      continue;
    }
    const target = (sections[k.section] ??= {}) as Record<string, unknown>;
    for (const r of kept(k)) target[r.id] = toModel(r);
  }
  // a derived object declared gone (an interface without ACLs) puts nothing into its section
  for (const k of derived)
    k.intoState?.(
      state,
      kept(k).filter((r) => !r.absent),
    );
  return state;
}

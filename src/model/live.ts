import type { VppCaller } from '../api/types.js';
import { registeredKinds } from './kinds/registry.js';
import type { ObjectSet, ReadContext, Resource, SourcePos } from './kinds/types.js';
import { emptyState } from './defaults.js';
import type { State } from './types.js';

/** What VPP has now, normalised, plus the interface index maps the executor starts from. */
export interface LiveState {
  readonly objects: ObjectSet;
  readonly ifIndex: Map<string, number>;
  readonly ifName: Map<number, string>;
}

/** Reads every registered kind from VPP (dumps, cursor services), in registry order. */
export async function readLive(caller: VppCaller): Promise<LiveState> {
  const ctx: ReadContext = { caller, ifName: new Map(), ifIndex: new Map(), objects: new Map() };
  for (const k of registeredKinds()) {
    const m = new Map<string, Resource>();
    for (const r of await k.read(ctx)) m.set(r.id, r);
    ctx.objects.set(k.kind, m);
  }
  return { objects: ctx.objects, ifIndex: ctx.ifIndex, ifName: ctx.ifName };
}

/** Looks up where an object was declared: (model section, key) → position. */
export type PositionLookup = (section: string, key: string) => SourcePos | undefined;

/** The desired model as the reconciler's object set. */
export function stateToObjects(state: State, positions?: PositionLookup): ObjectSet {
  const out: ObjectSet = new Map();
  const sections = state as unknown as Record<string, Record<string, unknown> | undefined>;
  for (const k of registeredKinds()) {
    const m = new Map<string, Resource>();
    if (k.fromState) {
      for (const { id, obj } of k.fromState(state)) m.set(id, { kind: k.kind, id, obj });
      out.set(k.kind, m);
      continue;
    }
    for (const [id, o] of Object.entries(sections[k.section] ?? {})) {
      m.set(id, {
        kind: k.kind,
        id,
        obj: k.fromModel ? k.fromModel(o) : (o as Resource['obj']),
        source: positions?.(k.section, id),
      });
    }
    out.set(k.kind, m);
  }
  return out;
}

/** Live objects as the model (for export); `ownedOnly` keeps what vppstate owns. */
export function objectsToState(objects: ObjectSet, opts: { ownedOnly?: boolean } = {}): State {
  // Empty sections and absent / ignore lists, prune: owned (the default), as the loader starts.
  const state: State = emptyState();
  const sections = state as unknown as Record<string, Record<string, unknown>>;
  for (const k of registeredKinds()) {
    if (!k.section) continue; // derived kinds live inside other sections
    const target = (sections[k.section] ??= {});
    for (const [id, r] of objects.get(k.kind) ?? []) {
      if (opts.ownedOnly) {
        const owned = k.taggable ? r.owned === true : (k.ownedBy?.(r, objects) ?? false);
        if (!owned) continue;
      }
      target[id] = k.toModel ? k.toModel(r.obj) : r.obj;
    }
  }
  return state;
}

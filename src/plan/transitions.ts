/**
 * The transition model: what VPP does beyond each op, derived from the kinds' own declarations
 * (KindModule.refs, vppKeys, resets), so that any configuration can follow any other.
 *
 * - References: deleting or recreating an object takes with it what refers to it (a parent's
 *   sub-interfaces, their bridge memberships and cross-connects, routes via them, unnumbered
 *   users…). Those are removed explicitly first (rollback restores them) and put back after.
 * - VPP keys: an object VPP finds by something other than its name (a VXLAN tunnel by its
 *   endpoints and VNI) is deleted before another with the same key is created.
 * - Resets: a setting VPP resets as a side effect of another op is set after that op, and set
 *   again where the documents manage it.
 *
 * Nothing here names a kind.
 */
import { registeredKinds } from '../model/kinds/registry.js';
import type {
  FieldChange,
  Json,
  KindModule,
  KindObject,
  ObjectChange,
  ObjectSet,
  Op,
  OpContext,
  Reference,
  Reset,
  Resource,
} from '../model/kinds/types.js';
import { diffObject, flattenObject } from './diff.js';

const ref = (kind: string, id: string): string => `${kind}\0${id}`;

/** The declared object, unless it is declared absent (it must not exist). */
function wanted(desired: ObjectSet, kind: string, id: string): Resource | undefined {
  const d = desired.get(kind)?.get(id);
  return d && !d.absent ? d : undefined;
}

/** What deleting a live object takes with it: every live object that refers to it, and how. */
type Referrers = Map<string, Array<{ readonly referrer: Resource; readonly drop: Reference['drop'] }>>;

function referrersOf(live: ObjectSet, kinds: readonly KindModule[]): Referrers {
  const out: Referrers = new Map();
  for (const k of kinds) {
    if (!k.refs) continue;
    for (const r of live.get(k.kind)?.values() ?? []) {
      for (const x of k.refs(r.obj)) {
        const key = ref(x.kind, x.id);
        let list = out.get(key);
        if (!list) out.set(key, (list = []));
        list.push({ referrer: r, drop: x.drop });
      }
    }
  }
  return out;
}

/** Whether `obj` (desired) still refers to `target`. */
function stillRefers(k: KindModule, obj: KindObject, target: string): boolean {
  return (k.refs?.(obj) ?? []).some((x) => ref(x.kind, x.id) === target);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function valueAt(obj: KindObject, path: readonly string[]): Json | undefined {
  let v: Json | undefined = obj as Json;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as { readonly [k: string]: Json })[p];
  }
  return v;
}

/**
 * Adds to `changes` everything that deleting or recreating objects takes with it in VPP: a
 * referrer that cannot outlive what it refers to is recreated (or deleted, when the documents do
 * not declare it); one that only loses a part of itself goes through a `via` state without it.
 */
export function expandReferences(
  changes: ObjectChange[],
  desired: ObjectSet,
  live: ObjectSet,
  problems: string[],
  kinds: readonly KindModule[] = registeredKinds(),
): void {
  const gone: ObjectChange[] = changes.filter((c) => c.action === 'delete' || c.action === 'replace');
  if (gone.length === 0) return;
  const byKind = new Map(kinds.map((k) => [k.kind, k]));
  const referrers = referrersOf(live, kinds);
  if (referrers.size === 0) return;
  const index = new Map<string, number>();
  changes.forEach((c, i) => index.set(ref(c.kind, c.id), i));
  const going = new Set(gone.map((c) => ref(c.kind, c.id)));
  const drops = new Map<
    string,
    { referrer: Resource; targets: Array<{ kind: string; id: string; deleted: boolean }>; why: string[] }
  >();
  for (let g = 0; g < gone.length; g++) {
    const target = gone[g];
    const tKey = ref(target.kind, target.id);
    for (const { referrer, drop } of referrers.get(tKey) ?? []) {
      const rKey = ref(referrer.kind, referrer.id);
      if (going.has(rKey)) continue;
      const k = byKind.get(referrer.kind);
      if (!k) continue;
      const d = wanted(desired, referrer.kind, referrer.id);
      const verb = target.action === 'delete' ? 'deleted' : 'recreated';
      // The documents move the reference elsewhere: the referrer's own update lets go first.
      if (d && !stillRefers(k, d.obj, tKey)) continue;
      if (d && target.action === 'delete') {
        problems.push(
          `${referrer.kind} ${referrer.id} is declared with a reference to ${target.kind} ${target.id}, which is deleted`,
        );
        continue;
      }
      if (drop === 'object') {
        const at = index.get(rKey);
        const change: ObjectChange = d
          ? {
              kind: referrer.kind,
              id: referrer.id,
              action: 'replace',
              fields: at === undefined ? [] : changes[at].fields,
              desired: d,
              live: referrer,
              reason: `${target.kind} ${target.id} is ${verb}`,
              cause: `${target.kind} ${target.id} is ${verb}`,
            }
          : {
              kind: referrer.kind,
              id: referrer.id,
              action: 'delete',
              fields: flattenObject(referrer.obj, 'old'),
              live: referrer,
              cause: `${target.kind} ${target.id} is ${verb}`,
            };
        if (at === undefined) {
          index.set(rKey, changes.length);
          changes.push(change);
        } else changes[at] = change;
        going.add(rKey);
        drops.delete(rKey);
        gone.push(change);
        continue;
      }
      const entry = drops.get(rKey) ?? { referrer, targets: [], why: [] };
      entry.targets.push({ kind: target.kind, id: target.id, deleted: target.action === 'delete' });
      entry.why.push(`${target.kind} ${target.id} is ${verb}`);
      drops.set(rKey, entry);
    }
  }
  for (const [rKey, { referrer, targets, why }] of drops) {
    if (going.has(rKey)) continue;
    const k = byKind.get(referrer.kind) as KindModule;
    if (!k.detach) {
      problems.push(`internal error (please report): kind ${k.kind} has part references but no detach`);
      continue;
    }
    let obj = referrer.obj;
    for (const t of targets) obj = k.detach(obj, t);
    const via: Resource = { ...referrer, obj };
    // A referrer the documents do not declare (and that stays) gets back what it had, except
    // what refers to deleted objects.
    let d = wanted(desired, referrer.kind, referrer.id);
    if (!d) {
      let kept = referrer.obj;
      for (const t of targets) if (t.deleted) kept = k.detach(kept, t);
      d = { ...referrer, obj: kept };
    }
    const at = index.get(rKey);
    const own = at === undefined ? [] : changes[at].fields;
    // What goes and comes back, named as the diff names fields.
    const forced: FieldChange[] = diffObject(k, via.obj, referrer.obj)
      .filter((f) => !own.some((o) => o.field === f.field))
      .map((f) => ({ field: f.field, old: f.new, new: valueAt(d.obj, f.field.split('.')) }));
    const change: ObjectChange = {
      kind: referrer.kind,
      id: referrer.id,
      action: 'update',
      fields: [...own, ...forced],
      desired: d,
      live: referrer,
      via,
      cause: why.join('; '),
    };
    if (at === undefined) {
      index.set(rKey, changes.length);
      changes.push(change);
    } else changes[at] = change;
  }
}

/** The ops of one change: `before` runs while the old object exists, `after` builds the new one. */
export interface ChangeOps {
  change: ObjectChange;
  before: Op[];
  after: Op[];
}

/** Ops for one change, through the kind's create / update / delete. */
export function opsFor(k: KindModule, ch: ObjectChange, ctx: OpContext): ChangeOps {
  const replace = (ops: Op[]): Op[] => ops.map((o) => ({ ...o, action: 'replace' as const }));
  switch (ch.action) {
    case 'create':
      return { change: ch, before: [], after: k.create(ch.desired as Resource, ctx) };
    case 'delete': {
      // A declared object wanted gone (Resource.absent): its ops point at the declaration.
      const src = ch.desired?.source;
      const ops = k.delete(ch.live as Resource, ctx);
      return {
        change: ch,
        before: src ? ops.map((o) => (o.source ? o : { ...o, source: src })) : ops,
        after: [],
      };
    }
    case 'replace':
      return {
        change: ch,
        before: replace(k.delete(ch.live as Resource, ctx)),
        after: replace(k.create(ch.desired as Resource, ctx)),
      };
    default: {
      const d = ch.desired as Resource;
      const l = ch.live as Resource;
      if (!ch.via) return { change: ch, before: [], after: k.update(d, l, ch.fields, ctx) };
      const via = ch.via;
      const down = diffObject(k, via.obj, l.obj);
      // Everything the reference drop removed is set again, even where via and desired agree.
      const up = mergeFields(diffObject(k, d.obj, via.obj), down);
      return {
        change: ch,
        before: down.length ? k.update(via, l, down, ctx) : [],
        after: up.length ? k.update(d, via, up, ctx) : [],
      };
    }
  }
}

function mergeFields(a: readonly FieldChange[], b: readonly FieldChange[]): FieldChange[] {
  const out = [...a];
  for (const f of b)
    if (!out.some((x) => x.field === f.field)) out.push({ field: f.field, old: f.new, new: f.old });
  return out;
}

/**
 * Objects VPP finds by a key other than their name: the holder of a key is deleted before
 * another object with the same key is created (both orders would otherwise fail with "exists").
 * A key still held by an object that stays is a problem the plan reports.
 */
export function orderByVppKeys(
  groups: readonly ChangeOps[],
  live: ObjectSet,
  problems: string[],
  kinds: readonly KindModule[] = registeredKinds(),
): void {
  const byKind = new Map(kinds.map((k) => [k.kind, k]));
  const keysOf = (r: Resource | undefined): readonly string[] =>
    r ? (byKind.get(r.kind)?.vppKeys?.(r.obj) ?? []) : [];
  const created = new Map<string, ChangeOps>();
  for (const g of groups)
    if (g.change.action === 'create' || g.change.action === 'replace')
      for (const key of keysOf(g.change.desired)) created.set(key, g);
  if (created.size === 0) return;
  const removed = new Map<string, ChangeOps>();
  const leaving = new Set<string>();
  for (const g of groups)
    if (g.change.action === 'delete' || g.change.action === 'replace') {
      leaving.add(ref(g.change.kind, g.change.id));
      for (const key of keysOf(g.change.live)) removed.set(key, g);
    }
  // Live objects that stay and hold a key a new object wants.
  for (const k of kinds) {
    if (!k.vppKeys) continue;
    for (const r of live.get(k.kind)?.values() ?? []) {
      if (leaving.has(ref(r.kind, r.id))) continue;
      for (const key of k.vppKeys(r.obj)) {
        const g = created.get(key);
        if (g && !(g.change.kind === r.kind && g.change.id === r.id))
          problems.push(
            `${g.change.kind} ${g.change.id} cannot be created: VPP already has ${r.kind} ${r.id} with the same ${describeKey(key)}, and it stays`,
          );
      }
    }
  }
  for (const [key, creator] of created) {
    const holder = removed.get(key);
    if (!holder) continue;
    const k = `vpp-key:${key}`;
    holder.before = holder.before.map((o) => ({ ...o, removes: [...(o.removes ?? []), k] }));
    creator.after = creator.after.map((o) => ({ ...o, provides: [...(o.provides ?? []), k] }));
  }
}

/** `vxlan4 192.0.2.1 …` → what a person reads: everything after the kind prefix. */
function describeKey(key: string): string {
  const at = key.indexOf(' ');
  return at < 0 ? `key ${key}` : `${key.slice(0, at)} key (${key.slice(at + 1)})`;
}

const under = (field: string | undefined, prefix: string): boolean =>
  field !== undefined && (field === prefix || field.startsWith(`${prefix}.`));

/**
 * Settings VPP resets as a side effect: every op setting the field runs after the op that resets
 * it; where the plan has none and the documents manage the field, it is set again.
 */
export function applyResets(
  groups: ChangeOps[],
  changes: ObjectChange[],
  ctx: OpContext,
  kinds: readonly KindModule[] = registeredKinds(),
): void {
  const byKind = new Map(kinds.map((k) => [k.kind, k]));
  const resets: Reset[] = [];
  for (const g of groups) {
    const k = byKind.get(g.change.kind);
    if (k?.resets) resets.push(...k.resets(g.change, ctx));
  }
  if (resets.length === 0) return;
  const groupOf = new Map<string, ChangeOps>();
  for (const g of groups) groupOf.set(ref(g.change.kind, g.change.id), g);
  for (const r of resets) {
    const key = ref(r.kind, r.id);
    let g = groupOf.get(key);
    if (g?.change.action === 'delete') continue;
    if (g && g.after.some((o) => under(o.field, r.field))) {
      g.after = g.after.map((o) => (under(o.field, r.field) ? needing(o, r.after) : o));
      continue;
    }
    if (g && g.change.action !== 'update') continue;
    const k = byKind.get(r.kind);
    const d = wanted(ctx.desired, r.kind, r.id);
    const l = ctx.live.get(r.kind)?.get(r.id);
    if (!k || !d || !l) continue;
    const want = valueAt(d.obj, r.field.split('.'));
    // Not managed (whatever VPP puts there is fine), or VPP puts the wanted value there itself.
    if (want === undefined || (r.to !== undefined && jsonEqual(want, r.to))) continue;
    const field: FieldChange = { field: r.field, old: valueAt(l.obj, r.field.split('.')), new: want };
    const again = k
      .update(d, g?.change.via ?? l, [field], ctx)
      .filter((o) => under(o.field, r.field))
      .map((o) =>
        needing(
          {
            ...o,
            summary: `${r.field} ${typeof want === 'string' ? want : JSON.stringify(want)} again (${r.why})`,
          },
          r.after,
        ),
      );
    if (again.length === 0) continue;
    if (!g) {
      const change: ObjectChange = {
        kind: r.kind,
        id: r.id,
        action: 'update',
        fields: [field],
        desired: d,
        live: l,
        cause: r.why,
      };
      changes.push(change);
      g = { change, before: [], after: [] };
      groups.push(g);
      groupOf.set(key, g);
    } else if (!g.change.fields.some((f) => f.field === r.field)) {
      const change: ObjectChange = {
        ...g.change,
        fields: [...g.change.fields, field],
        cause: g.change.cause ? `${g.change.cause}; ${r.why}` : r.why,
      };
      changes[changes.indexOf(g.change)] = change;
      g.change = change;
    }
    g.after.push(...again);
  }
}

function needing(o: Op, key: string): Op {
  return o.needs?.includes(key) ? o : { ...o, needs: [...(o.needs ?? []), key] };
}

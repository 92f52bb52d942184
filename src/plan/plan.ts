import { VppstateError } from '../errors.js';
import { findKind, registeredKinds } from '../model/kinds/registry.js';
import { isOwned } from '../model/live.js';
import type { KindModule, ObjectChange, ObjectSet, Op, OpContext, Resource } from '../model/kinds/types.js';
import { diffObject, flattenObject, touchesImmutable } from './diff.js';
import { applyResets, expandReferences, opsFor, orderByVppKeys, type ChangeOps } from './transitions.js';
import { orderOps, PlanCycleError } from './graph.js';

export type PruneMode = 'owned' | 'all' | 'none';

export interface PlanOptions {
  /** How far deletion reaches (default `owned`). */
  readonly prune?: PruneMode;
  /** Glob patterns of ids never touched, per kind or per model section name. */
  readonly ignore?: Readonly<Record<string, readonly string[]>>;
  /** Ids declared `state: absent`, per kind or section: deleted whatever the prune mode. */
  readonly absent?: Readonly<Record<string, readonly string[]>>;
  /** Kinds VPP offers no way to read back (LiveState.unverifiable): their objects are applied and reported. */
  readonly unverifiable?: ReadonlyMap<string, string>;
  /** Test hooks: drop ordering keys, feed ops to the sort in reverse (adversarial) order. */
  readonly debug?: { readonly dropKeys?: RegExp; readonly reverse?: boolean };
}

/** A live object the plan leaves alone although the documents do not declare it. */
export interface Unmanaged {
  readonly kind: string;
  readonly id: string;
  /** Owned by vppstate (tagged) but no longer declared, kept because of --prune. */
  readonly owned: boolean;
  readonly reason: 'prune-none' | 'not-owned' | 'ignored' | 'permanent';
}

export interface Plan {
  readonly changes: readonly ObjectChange[];
  /** In execution order. */
  readonly ops: readonly Op[];
  /** For each op, the positions of the ops it waits for. */
  readonly deps: readonly (readonly number[])[];
  readonly unmanaged: readonly Unmanaged[];
  readonly summary: { create: number; update: number; replace: number; delete: number };
}

/** Whether an object outside the documents counts as drift (ignored and permanent ones do not). */
export function isDrift(u: Unmanaged): boolean {
  return u.reason === 'not-owned' || u.reason === 'prune-none';
}

/**
 * VPP matches the documents exactly: nothing to change and nothing undeclared that counts as
 * drift. `vppstate drift` exits 0 exactly when this holds.
 */
export function inSync(plan: Plan): boolean {
  return plan.changes.length === 0 && !plan.unmanaged.some(isDrift);
}

/** Changes that can be checked: after apply, what remains of these is a verification failure. */
export function verifiable(changes: readonly ObjectChange[]): ObjectChange[] {
  return changes.filter((c) => c.unverifiable === undefined);
}

/** The documents ask for something vppstate cannot do (e.g. a hardware interface that is not there). */
export class PlanError extends VppstateError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super('plan.invalid', `cannot plan:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
  }
}

function globToRegExp(g: string): RegExp {
  const esc = g
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${esc}$`);
}

/** The matcher when there are no patterns: one shared function keeps the diff loop's call site monomorphic. */
const NEVER = (_id: string): boolean => false;

function matcher(
  k: KindModule,
  lists: Readonly<Record<string, readonly string[]>> | undefined,
): (id: string) => boolean {
  const pats = [...(lists?.[k.kind] ?? []), ...(lists?.[k.section] ?? [])];
  if (pats.length === 0) return NEVER;
  const res = pats.map(globToRegExp);
  return (id) => {
    for (const r of res) if (r.test(id)) return true;
    return false;
  };
}

const NO_OBJECTS: ReadonlyMap<string, Resource> = new Map();

interface Collect {
  readonly changes: ObjectChange[];
  readonly unmanaged: Unmanaged[];
  readonly problems: string[];
}

/** Declared objects of one kind against live ones: creates, updates and replaces. */
function diffDeclared(
  k: KindModule,
  D: ReadonlyMap<string, Resource>,
  L: ReadonlyMap<string, Resource>,
  ignored: (id: string) => boolean,
  out: Collect,
): number {
  // How many live objects are declared: when all are, there is nothing left to delete.
  let found = 0;
  for (const [id, d] of D) {
    if (ignored(id)) continue;
    const l = L.get(id);
    if (d.absent) {
      // Declared, and wanted gone (an interface without ACLs): deleted in every prune mode.
      if (!l) continue;
      found++;
      if (l.permanent)
        out.problems.push(`${k.kind} ${id} must go but cannot be deleted (it is not created by software)`);
      else
        out.changes.push({
          kind: k.kind,
          id,
          action: 'delete',
          fields: flattenObject(l.obj, 'old'),
          desired: d,
          live: l,
        });
      continue;
    }
    if (!l) {
      out.changes.push({
        kind: k.kind,
        id,
        action: 'create',
        fields: flattenObject(d.obj, 'new'),
        desired: d,
      });
      continue;
    }
    found++;
    const fields = diffObject(k, d.obj, l.obj);
    if (fields.length === 0) continue;
    const imm = touchesImmutable(k, fields);
    if (imm.length > 0) {
      if (l.permanent) {
        out.problems.push(
          `${k.kind} ${id}: ${imm.join(', ')} cannot change on an object vppstate cannot recreate`,
        );
        continue;
      }
      out.changes.push({
        kind: k.kind,
        id,
        action: 'replace',
        fields,
        desired: d,
        live: l,
        reason: imm.join(', '),
      });
    } else out.changes.push({ kind: k.kind, id, action: 'update', fields, desired: d, live: l });
  }
  return found;
}

/** Live objects of one kind that are not declared: deleted or left alone. */
function diffUndeclared(
  k: KindModule,
  D: ReadonlyMap<string, Resource>,
  L: ReadonlyMap<string, Resource>,
  live: ObjectSet,
  opts: PlanOptions,
  ignored: (id: string) => boolean,
  out: Collect,
): void {
  const prune = opts.prune ?? 'owned';
  const absent = matcher(k, opts.absent);
  for (const [id, l] of L) {
    // Part of another object (a linux-cp pair's host tap): it goes with that object.
    if (D.has(id) || l.partOf) continue;
    const owned = isOwned(k, l, live);
    if (ignored(id)) out.unmanaged.push({ kind: k.kind, id, owned, reason: 'ignored' });
    else if (l.permanent) {
      if (absent(id))
        out.problems.push(
          `${k.kind} ${id} is declared absent but cannot be deleted (it is not created by software)`,
        );
    } else if (absent(id) || prune === 'all' || (prune === 'owned' && owned))
      out.changes.push({ kind: k.kind, id, action: 'delete', fields: flattenObject(l.obj, 'old'), live: l });
    else
      out.unmanaged.push({ kind: k.kind, id, owned, reason: prune === 'none' ? 'prune-none' : 'not-owned' });
  }
}

/** Diff desired against live for every kind and order the resulting ops. */
export function makePlan(desired: ObjectSet, live: ObjectSet, opts: PlanOptions = {}): Plan {
  const changes: ObjectChange[] = [];
  const unmanaged: Unmanaged[] = [];
  const problems: string[] = [];
  const out: Collect = { changes, unmanaged, problems };
  for (const k of registeredKinds()) {
    const D = desired.get(k.kind) ?? NO_OBJECTS;
    const L = live.get(k.kind) ?? NO_OBJECTS;
    const ignored = matcher(k, opts.ignore);
    const found = diffDeclared(k, D, L, ignored, out);
    // Every live object was matched by a declared one (ids are unique): no deletes to look for.
    if (found < L.size) diffUndeclared(k, D, L, live, opts, ignored, out);
  }
  expandReferences(changes, desired, live, problems);
  // and what the plugin kinds say VPP takes along (goesWith, cascades)
  addCascades(changes, desired, live, problems);
  if (opts.unverifiable?.size)
    for (let i = 0; i < changes.length; i++) {
      const why = opts.unverifiable.get(changes[i].kind);
      if (why !== undefined) changes[i] = { ...changes[i], unverifiable: why };
    }
  const ctx: OpContext = { desired, live };
  // An update that needs what a plan creates and releases what it deletes can close a cycle
  // with them (a route moving between two memifs that swap a socket file): each update on a
  // cycle becomes a replace (delete before, create after) and the plan is made again.
  const replaced = new Set<string>();
  for (;;) {
    const attempt = opsOf(
      changes.map((ch) => (replaced.has(`${ch.kind}\0${ch.id}`) ? asReplace(ch) : ch)),
      ctx,
      live,
      [...problems],
    );
    if (attempt.problems.length > 0) throw new PlanError(attempt.problems);
    try {
      const ordered = orderOps(opts.debug?.reverse ? [...attempt.ops].reverse() : attempt.ops, opts.debug);
      const summary = { create: 0, update: 0, replace: 0, delete: 0 };
      for (const ch of attempt.changes) summary[ch.action]++;
      return { changes: attempt.changes, ops: ordered.ops, deps: ordered.deps, unmanaged, summary };
    } catch (err) {
      const updates = err instanceof PlanCycleError ? err.members.filter((o) => o.action === 'update') : [];
      const before = replaced.size;
      for (const o of updates) replaced.add(`${o.kind}\0${o.id}`);
      if (replaced.size === before) throw err;
    }
  }
}

function asReplace(ch: ObjectChange): ObjectChange {
  if (ch.action !== 'update') return ch;
  const { via: _via, ...rest } = ch;
  void _via;
  return {
    ...rest,
    action: 'replace',
    reason: 'it moves from what goes to what comes (an update would close a cycle)',
  };
}

/** The ops of the changes, VPP keys and resets applied (resets may add changes). */
function opsOf(
  input: readonly ObjectChange[],
  ctx: OpContext,
  live: ObjectSet,
  problems: string[],
): { changes: ObjectChange[]; ops: Op[]; problems: string[] } {
  const changes = [...input];
  const groups: ChangeOps[] = [];
  for (const ch of changes) {
    try {
      groups.push(opsFor(findKind(ch.kind) as KindModule, ch, ctx));
    } catch (err) {
      problems.push(`${ch.kind} ${ch.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  orderByVppKeys(groups, live, problems);
  applyResets(groups, changes, ctx);
  const ops: Op[] = [];
  for (const g of groups) ops.push(...g.before, ...g.after);
  return { changes, ops, problems };
}

/** Objects VPP deletes along with a deleted one are deleted explicitly (rollback restores them). */
function addCascades(changes: ObjectChange[], desired: ObjectSet, live: ObjectSet, problems: string[]): void {
  const deleting = new Set(
    changes.filter((c) => c.action === 'delete' || c.action === 'replace').map((c) => `${c.kind}\0${c.id}`),
  );
  if (deleting.size === 0) return;
  const goingWith = dependents(live);
  for (let i = 0; i < changes.length; i++) {
    const ch = changes[i];
    if (ch.action !== 'delete' && ch.action !== 'replace') continue;
    const k = findKind(ch.kind);
    const deps = [
      ...(k?.cascades?.(ch.live as Resource, live) ?? []),
      ...(goingWith.get(`${ch.kind}\0${ch.id}`) ?? []),
    ];
    for (const dep of deps) {
      const key = `${dep.kind}\0${dep.id}`;
      if (deleting.has(key)) continue;
      const l = live.get(dep.kind)?.get(dep.id);
      if (!l) continue;
      const found = desired.get(dep.kind)?.get(dep.id);
      const d = found?.absent ? undefined : found;
      if (d) {
        if (ch.action === 'delete') {
          problems.push(
            `${dep.kind} ${dep.id} is declared, but deleting ${ch.kind} ${ch.id} would delete it in VPP`,
          );
          continue;
        }
        // Recreating the parent recreates what VPP deletes with it.
        deleting.add(key);
        const at = changes.findIndex((c) => c.kind === dep.kind && c.id === dep.id);
        const reason = `${ch.kind} ${ch.id} is recreated`;
        const replace: ObjectChange = {
          kind: dep.kind,
          id: dep.id,
          action: 'replace',
          fields: at >= 0 ? changes[at].fields : [],
          desired: d,
          live: l,
          reason,
        };
        if (at >= 0) changes[at] = replace;
        else changes.push(replace);
        continue;
      }
      deleting.add(key);
      changes.push({
        kind: dep.kind,
        id: dep.id,
        action: 'delete',
        fields: flattenObject(l.obj, 'old'),
        live: l,
      });
    }
  }
}

/** Live objects by what they go with in VPP (KindModule.goesWith): `kind\0id` → dependents. */
function dependents(live: ObjectSet): Map<string, Array<{ kind: string; id: string }>> {
  const out = new Map<string, Array<{ kind: string; id: string }>>();
  for (const k of registeredKinds()) {
    if (!k.goesWith) continue;
    for (const r of live.get(k.kind)?.values() ?? [])
      for (const p of k.goesWith(r)) {
        const key = `${p.kind}\0${p.id}`;
        const list = out.get(key);
        if (list) list.push({ kind: k.kind, id: r.id });
        else out.set(key, [{ kind: k.kind, id: r.id }]);
      }
  }
  return out;
}

export function isEmptyPlan(p: Plan): boolean {
  return p.changes.length === 0;
}

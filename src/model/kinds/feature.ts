/**
 * Any feature of any feature arc (`features: { ip4-unicast: [ip4-flow-classify] }` on an
 * interface), switched with the core feature_enable_disable: a plugin vppstate has never heard of
 * is managed with no code. Read back from `show interface features` (exact, repeats included).
 * Features that other kinds switch (their `features` patterns: ACLs, NAT44, MSS clamping,
 * macswap, linux-cp) and VPP's own (`ip4-not-enabled`) are theirs, never this kind's.
 */
import { globToRegExp } from '../defaults.js';
import { mapLimit, READ_CONCURRENCY } from './concurrency.js';
import { showFeatures } from './feature-arcs.js';
import { INTERFACE_KIND } from './interface.js';
import { key, opBuilder } from './ops.js';
import { perInterface } from './per-interface.js';
import type { ApiCall, KindModule, KindObject, Op, ReadContext, Resource } from './types.js';
import { ifRefOf, isIdRefTo } from './util.js';

export const FEATURE_KIND = 'feature';
/**
 * VPP's own features, which it switches as addresses come and go (ipX-not-enabled, ARP) and on
 * a bond's members (bond-input: membership is the interface kind's).
 */
const VPP_OWN = ['*-not-enabled', 'arp-reply', 'arp-disabled', 'bond-input'];

type Arcs = Record<string, string[]>;
const asArcs = (r: Resource): Arcs => r.obj as unknown as Arcs;

function call(itf: string, arc: string, feature: string, on: boolean): ApiCall {
  return {
    message: 'feature_enable_disable',
    args: { sw_if_index: ifRefOf(itf), enable: on, arc_name: arc, feature_name: feature },
    cli: `set interface feature ${itf} ${feature} arc ${arc}${on ? '' : ' disable'}`,
  };
}

/** Whether a feature belongs to another kind or to VPP. */
function claimedBy(kinds: readonly KindModule[]): (feature: string) => boolean {
  const pats = [...VPP_OWN];
  for (const k of kinds) if (k.kind !== FEATURE_KIND) pats.push(...(k.features ?? []));
  const res = pats.map(globToRegExp);
  return (f) => res.some((r) => r.test(f));
}

const sorted = (xs: readonly string[]): string[] => [...xs].sort();

async function read(ctx: ReadContext): Promise<Resource[]> {
  // Only interfaces whose features are managed: the CLI costs a call per interface. Export
  // (nothing wanted) reads every interface.
  const wanted = ctx.wanted?.get(FEATURE_KIND);
  const names = wanted ? [...wanted.keys()] : [...(ctx.objects.get(INTERFACE_KIND)?.keys() ?? [])];
  const claimed = claimedBy(ctx.kinds);
  let blind = false;
  const found = await mapLimit(
    names.filter((n) => ctx.ifIndex.has(n)),
    READ_CONCURRENCY,
    async (itf) => {
      const arcs = await showFeatures(ctx.caller, itf);
      if (!arcs) {
        blind = true;
        return undefined;
      }
      const obj: Arcs = {};
      for (const arc of [...arcs.keys()].sort()) {
        const mine = (arcs.get(arc) ?? []).filter((f) => !claimed(f));
        if (mine.length) obj[arc] = sorted(mine);
      }
      return Object.keys(obj).length
        ? ({ kind: FEATURE_KIND, id: itf, obj: obj as unknown as KindObject } as Resource)
        : undefined;
    },
  );
  if (blind) {
    ctx.unverifiable('this VPP has no cli_inband to read feature arcs back');
    return [];
  }
  return found.filter((r): r is Resource => r !== undefined);
}

/** Enables and disables that turn `from` into `to` (counts per feature: repeats are real). */
function changeOps(r: Resource, action: 'create' | 'update' | 'delete', from: Arcs, to: Arcs): Op[] {
  const op = opBuilder(r, action);
  const itf = r.id;
  const ops: Op[] = [];
  for (const arc of sorted([...new Set([...Object.keys(from), ...Object.keys(to)])])) {
    const count = (xs: readonly string[] | undefined, f: string): number =>
      (xs ?? []).filter((x) => x === f).length;
    const names = sorted([...new Set([...(from[arc] ?? []), ...(to[arc] ?? [])])]);
    for (const f of names) {
      const delta = count(to[arc], f) - count(from[arc], f);
      for (let n = 0; n < Math.abs(delta); n++) {
        const on = delta > 0;
        ops.push(
          op({
            field: arc,
            summary: `${arc} ${f} ${on ? 'on' : 'off'}`,
            call: call(itf, arc, f, on),
            inverse: [call(itf, arc, f, !on)],
            ...(on ? { needs: [key.iface(itf)] } : { releases: [key.iface(itf)] }),
          }),
        );
      }
    }
  }
  return ops;
}

export const featureKind: KindModule = {
  kind: FEATURE_KIND,
  title: 'interface features',
  section: '',
  ...perInterface({
    field: 'features',
    yaml: 'features',
    managed: (i) => i.features !== undefined,
    fromInterface: (i) => {
      const obj: Arcs = {};
      for (const [arc, list] of Object.entries(i.features ?? {})) if (list.length) obj[arc] = sorted(list);
      return Object.keys(obj).length ? (obj as unknown as KindObject) : undefined;
    },
    intoInterface: (i, o) => {
      i.features = Object.fromEntries(Object.entries(o as unknown as Arcs).map(([a, l]) => [a, [...l]]));
    },
  }),
  readAfter: [INTERFACE_KIND],
  immutable: [],
  taggable: false,
  retry: {
    // on twice is on the arc twice: look before switching on again
    async recover(c, caller) {
      const ref = c.args.sw_if_index;
      if (!isIdRefTo(ref, 'if') || c.args.enable !== true) return undefined;
      const on = (await showFeatures(caller, ref.name))
        ?.get(String(c.args.arc_name))
        ?.includes(String(c.args.feature_name));
      return on ? { retval: 0 } : undefined;
    },
  },
  read,
  create: (d) => changeOps(d, 'create', {}, asArcs(d)),
  update: (d, l) => changeOps(d, 'update', asArcs(l), asArcs(d)),
  delete: (l) => changeOps(l, 'delete', asArcs(l), {}),
};

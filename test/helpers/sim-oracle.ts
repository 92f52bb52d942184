/**
 * An oracle the reconciler did not compute: what the simulator's own state model holds (its
 * snapshot: interfaces, FIB tables, bridge domains), checked against documents. It reads none of
 * vppstate's code (no reader, no diff, no tag decoding), so a field that vppstate's reader drops,
 * or never writes, on both sides of its own comparison still shows here. On the real VPP,
 * test/helpers/vppctl.ts plays this part with vppctl output.
 */
import type { VppModel } from '../../src/sim/vpp/index.js';
import type { State } from '../../src/model/types.js';

interface SnapInterface {
  readonly sw_if_index: number;
  readonly interface_name: string;
  readonly flags: number;
  readonly mtu: readonly number[];
  readonly tag: string;
  readonly sub_outer_vlan_id: number;
  readonly vrf: { readonly ipv4: number; readonly ipv6: number };
  readonly addresses: readonly string[];
  readonly l2: { kind: 'bridge'; bdId: number } | { kind: 'xconnect'; tx: number } | null;
}

interface Snapshot {
  readonly interfaces: readonly SnapInterface[];
  readonly tables: ReadonlyArray<{ table_id: number; is_ip6: boolean; routes: readonly string[] }>;
  readonly bridgeDomains: ReadonlyArray<{
    id: number;
    learn: boolean;
    forward: boolean;
    flood: boolean;
    uuFlood: boolean;
    arpTerm: boolean;
    arpUfwd: boolean;
    macAge: number;
  }>;
}

/** IF_STATUS_API_FLAG_ADMIN_UP. */
const ADMIN_UP = 1;
/** Interfaces vppstate creates and --prune=all deletes when no document names them. */
const MANAGED_NAME = /^loop\d+$|\.\d+$/;

/** The description an interface tag carries: vppstate writes `vppstate:<text>` on what it owns. */
function descriptionOfTag(tag: string): string {
  if (tag === 'vppstate') return '';
  return tag.startsWith('vppstate:') ? tag.slice('vppstate:'.length) : tag;
}

/**
 * What differs between the documents and the simulator's state, one line each ([] when VPP is
 * as the documents say). `exact`: also objects the documents do not name (after --prune=all).
 */
export function simMismatches(model: VppModel, s: State, opts: { exact?: boolean } = {}): string[] {
  const snap = model.snapshot() as Snapshot;
  const out: string[] = [];
  const byName = new Map(snap.interfaces.map((x) => [x.interface_name, x]));
  const l2Want = new Map<string, string>();
  for (const bd of Object.values(s.bridgeDomains)) {
    for (const m of Object.keys(bd.members)) l2Want.set(m, `bridge ${bd.id}`);
    if (bd.bvi) l2Want.set(bd.bvi, `bridge ${bd.id}`);
  }
  for (const x of Object.values(s.l2Xconnects)) l2Want.set(x.rx, `xconnect ${x.tx}`);
  const l2Shown = (x: SnapInterface): string => {
    if (!x.l2) return 'l3';
    if (x.l2.kind === 'bridge') return `bridge ${x.l2.bdId}`;
    const tx = x.l2.tx;
    return `xconnect ${snap.interfaces.find((y) => y.sw_if_index === tx)?.interface_name ?? tx}`;
  };

  for (const i of Object.values(s.interfaces)) {
    const x = byName.get(i.name);
    if (!x) {
      out.push(`${i.name}: not in the simulator`);
      continue;
    }
    const admin = x.flags & ADMIN_UP ? 'up' : 'down';
    if (admin !== i.adminState) out.push(`${i.name}: admin ${admin}, documents say ${i.adminState}`);
    if (i.mtu !== undefined && x.mtu[0] !== i.mtu)
      out.push(`${i.name}: MTU ${x.mtu[0]}, documents say ${i.mtu}`);
    const desc = descriptionOfTag(x.tag);
    if (desc !== (i.description ?? ''))
      out.push(`${i.name}: description "${desc}", documents say "${i.description ?? ''}"`);
    if (x.vrf.ipv4 !== i.vrf.ipv4 || x.vrf.ipv6 !== i.vrf.ipv6)
      out.push(`${i.name}: VRF ${x.vrf.ipv4}/${x.vrf.ipv6}, documents say ${i.vrf.ipv4}/${i.vrf.ipv6}`);
    const have = [...x.addresses].sort().join(' ');
    const want = i.unnumbered ? have : [...i.addresses].sort().join(' ');
    if (have !== want) out.push(`${i.name}: addresses [${have}], documents say [${want}]`);
    if (
      i.kind === 'sub-interface' &&
      typeof i.sub.outerVlan === 'number' &&
      x.sub_outer_vlan_id !== i.sub.outerVlan
    )
      out.push(`${i.name}: outer VLAN ${x.sub_outer_vlan_id}, documents say ${i.sub.outerVlan}`);
    const l2 = l2Shown(x);
    if (l2 !== (l2Want.get(i.name) ?? 'l3'))
      out.push(`${i.name}: ${l2}, documents say ${l2Want.get(i.name) ?? 'l3'}`);
  }

  const bds = new Map(snap.bridgeDomains.map((b) => [b.id, b]));
  for (const bd of Object.values(s.bridgeDomains)) {
    const b = bds.get(bd.id);
    if (!b) {
      out.push(`bridge domain ${bd.id}: not in the simulator`);
      continue;
    }
    const have = [b.learn, b.forward, b.flood, b.uuFlood, b.arpTerm, b.arpUfwd, b.macAge].join(' ');
    const want = [
      bd.learn,
      bd.forward,
      bd.flood,
      bd.unknownUnicastFlood,
      bd.arpTermination,
      bd.arpUnicastForward,
      bd.macAge,
    ].join(' ');
    if (have !== want) out.push(`bridge domain ${bd.id}: ${have}, documents say ${want}`);
  }

  for (const r of Object.values(s.routes)) {
    const ip6 = r.prefix.includes(':');
    const t = snap.tables.find((x) => x.table_id === r.vrf && x.is_ip6 === ip6);
    if (!t?.routes.includes(r.prefix)) out.push(`route ${r.vrf}:${r.prefix}: not in the simulator's FIB`);
  }
  for (const v of Object.values(s.vrfs))
    for (const [fam, ip6] of [
      ['ipv4', false],
      ['ipv6', true],
    ] as const)
      if (v[fam] && !snap.tables.some((x) => x.table_id === v.id && x.is_ip6 === ip6))
        out.push(`vrf ${v.id} ${fam}: no table in the simulator`);

  if (opts.exact) {
    for (const x of snap.interfaces)
      if (MANAGED_NAME.test(x.interface_name) && !s.interfaces[x.interface_name])
        out.push(`${x.interface_name}: in the simulator, in no document`);
    for (const b of snap.bridgeDomains)
      if (b.id !== 0 && !s.bridgeDomains[b.id])
        out.push(`bridge domain ${b.id}: in the simulator, in no document`);
  }
  return out;
}

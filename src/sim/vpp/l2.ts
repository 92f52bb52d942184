/** Bridge domains and xconnects. */
import type { ApiMessage } from '../../api/types.js';
import type { SimHandler } from '../types.js';
import { details, fail, ok } from './reply.js';
import type { BridgeDomain, Iface, VppState } from './state.js';
import { E, NONE, bool, num, str } from './util.js';

const BD_ID_MAX = 0xffffff;
const PORT_BVI = 1;
const PORT_UU_FWD = 2;

/** l2input feature bits a bridge domain's flags clear (l2_input.h); the rest stay set. */
const FEAT = {
  flood: 1 << 2,
  arpUfwd: 1 << 3,
  arpTerm: 1 << 4,
  uuFlood: 1 << 5,
  uuFwd: 1 << 6,
  forward: 1 << 7,
  learn: 1 << 9,
};

function featureBitmap(bd: BridgeDomain): number {
  let m = 0xffffffff;
  if (bd.uuFwd === NONE) m &= ~FEAT.uuFwd;
  if (!bd.flood) m &= ~FEAT.flood;
  if (!bd.uuFlood) m &= ~FEAT.uuFlood;
  if (!bd.forward) m &= ~FEAT.forward;
  if (!bd.learn) m &= ~FEAT.learn;
  if (!bd.arpTerm) m &= ~FEAT.arpTerm;
  if (!bd.arpUfwd) m &= ~FEAT.arpUfwd;
  return m >>> 0;
}

function bdDetails(bd: BridgeDomain): ApiMessage {
  return {
    bd_id: bd.id,
    flood: bd.flood,
    uu_flood: bd.uuFlood,
    forward: bd.forward,
    learn: bd.learn,
    arp_term: bd.arpTerm,
    arp_ufwd: bd.arpUfwd,
    mac_age: bd.macAge,
    bd_tag: bd.tag,
    bvi_sw_if_index: bd.bvi,
    uu_fwd_sw_if_index: bd.uuFwd,
    n_sw_ifs: bd.members.length,
    // the nested entries carry context 0 (README)
    sw_if_details: bd.members.map((m) => ({ context: 0, sw_if_index: m.sw, shg: m.shg })),
  };
}

const VTR = { DISABLED: 0, TRANSLATE_2_2: 8 } as const;
/** [pop, push] bytes of each l2_vtr_op_t. */
const VTR_BYTES: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [0, 4],
  [0, 8],
  [4, 0],
  [8, 0],
  [4, 4],
  [4, 8],
  [8, 4],
  [8, 8],
];

/** The VLAN tags an interface matches with explicit ids (l2vtr_configure's cfg_tags). */
function configuredTags(x: Iface): number {
  const f = x.sub?.flags ?? 0;
  if (!x.sub || f & 1) return 0;
  if (f & 2) return f & 64 ? 0 : 1;
  if (f & 4) return f & 64 ? 0 : f & 128 ? 1 : 2;
  return 0;
}

/** l2vtr_get: what sw_interface_details shows (vtr_op from the byte counts, tags as stored). */
export function vtrOf(s: VppState, sw: number): { op: number; dot1q: number; tag1: number; tag2: number } {
  const v = s.l2out[sw];
  const none = { op: 0, dot1q: 0, tag1: 0, tag2: 0 };
  if (!v || v.pop + v.push === 0) return none;
  const op = VTR_BYTES.findIndex(([p, q]) => p === v.pop && q === v.push);
  const t = v.tags;
  if (v.push === 4) return { op, dot1q: t?.[1].dot1q ? 1 : 0, tag1: t?.[1].id ?? 0, tag2: 0 };
  if (v.push === 8) return { op, dot1q: t?.[0].dot1q ? 1 : 0, tag1: t?.[0].id ?? 0, tag2: t?.[1].id ?? 0 };
  return { ...none, op };
}

export function l2Handlers(s: VppState): Record<string, SimHandler> {
  return {
    bridge_domain_add_del_v2({ msg }) {
      let id = num(msg.bd_id);
      if (bool(msg.is_add)) {
        if (id === NONE) {
          // random_u32 masked to 24 bits, probing upwards past ids in use (06 steps 2-3)
          id = s.bdRandom.next() & BD_ID_MAX;
          while (id === 0 || s.bds.has(id)) id = (id + 1) & BD_ID_MAX;
        } else if (id > BD_ID_MAX) return fail(E.BD_ID_EXCEED_MAX, { bd_id: id });
        else if (id === 0 || s.bds.has(id)) return fail(E.BD_ALREADY_EXISTS, { bd_id: id }); // 0: VPP's placeholder
        s.createBd(id, {
          flood: bool(msg.flood),
          uuFlood: bool(msg.uu_flood),
          forward: bool(msg.forward),
          learn: bool(msg.learn),
          arpTerm: bool(msg.arp_term),
          arpUfwd: bool(msg.arp_ufwd),
          macAge: num(msg.mac_age),
          tag: str(msg.bd_tag),
        });
        return ok({ bd_id: id });
      }
      if (id === 0) return fail(E.BD_NOT_MODIFIABLE, { bd_id: id });
      const bd = s.bds.get(id);
      if (!bd) return fail(E.NO_SUCH_ENTRY, { bd_id: id });
      if (bd.members.length > 0) return fail(E.BD_IN_USE, { bd_id: id }); // 06 steps 38, 41
      if (bd.uuFwd !== NONE) {
        const u = s.iface(bd.uuFwd);
        if (u) u.l2 = undefined;
      }
      s.bds.delete(id);
      s.bdIndexUsed.delete(bd.index);
      return ok({ bd_id: id });
    },

    bridge_domain_dump({ msg }) {
      const id = num(msg.bd_id, NONE);
      // VPP does not implement the sw_if_index filter: anything but ~0 gives nothing (06 step 20)
      if (num(msg.sw_if_index, NONE) !== NONE || id === 0) return details('bridge_domain_details', []);
      const list = [...s.bds.values()]
        .filter((b) => id === NONE || b.id === id)
        .sort((a, b) => a.index - b.index);
      return details('bridge_domain_details', list.map(bdDetails));
    },

    bridge_flags({ msg }) {
      const bd = s.bds.get(num(msg.bd_id));
      if (!bd) return fail(E.NO_SUCH_ENTRY, { resulting_feature_bitmap: 0 });
      const f = num(msg.flags);
      const v = bool(msg.is_set);
      if (f & 1) bd.learn = v;
      if (f & 2) bd.forward = v;
      if (f & 4) bd.flood = v;
      if (f & 8) bd.uuFlood = v;
      if (f & 16) bd.arpTerm = v;
      if (f & 32) bd.arpUfwd = v;
      return ok({ resulting_feature_bitmap: featureBitmap(bd) });
    },

    bridge_domain_set_mac_age({ msg }) {
      const bd = s.bds.get(num(msg.bd_id));
      if (!bd) return fail(E.NO_SUCH_ENTRY);
      bd.macAge = num(msg.mac_age);
      return ok();
    },

    sw_interface_set_l2_bridge({ msg }) {
      const x = s.iface(num(msg.rx_sw_if_index, -1));
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      const type = num(msg.port_type);
      if (type > PORT_UU_FWD) return fail(E.INVALID_VALUE);
      if (!bool(msg.enable)) {
        s.toL3(x.swIfIndex);
        return ok();
      }
      const id = num(msg.bd_id);
      if (id > BD_ID_MAX) return fail(E.BD_ID_EXCEED_MAX);
      // a missing domain is created with defaults (04 steps 47-48); 0 is the placeholder
      const bd = s.bd(id) ?? s.createBd(id);
      // the interface leaves its current domain or xconnect first, whatever comes next (06 step 13)
      s.l2Leave(x);
      if (type === PORT_BVI) {
        if (bd.bvi !== NONE) return fail(E.BD_ALREADY_HAS_BVI);
        bd.bvi = x.swIfIndex;
        x.floodClass = 'bvi';
      } else if (type === PORT_UU_FWD) bd.uuFwd = x.swIfIndex;
      if (type !== PORT_UU_FWD) s.bdAddMember(bd, x, num(msg.shg));
      x.l2 = { kind: 'bridge', bdId: id };
      return ok();
    },

    sw_interface_set_l2_xconnect({ msg }) {
      const x = s.iface(num(msg.rx_sw_if_index, -1));
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      if (!bool(msg.enable)) {
        s.toL3(x.swIfIndex);
        return ok();
      }
      const tx = num(msg.tx_sw_if_index, -1);
      if (!s.iface(tx)) return fail(E.INVALID_SW_IF_INDEX); // 04 step 50
      s.l2Leave(x);
      x.l2 = { kind: 'xconnect', tx };
      return ok();
    },

    // l2vtr_configure: the pushed tags are cleared first, then the operation checked against
    // the tags the interface matches; a refused one keeps the earlier pop/push counts
    l2_interface_vlan_tag_rewrite({ msg }) {
      const sw = num(msg.sw_if_index, -1);
      const x = s.iface(sw);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      const op = num(msg.vtr_op);
      if (op > VTR.TRANSLATE_2_2) return fail(E.INVALID_VALUE);
      const hw = s.hwOf(x);
      if (!hw.slots) return fail(E.INVALID_INTERFACE); // not Ethernet
      const cur = (s.l2out[sw] ??= { pop: 0, push: 0, tags: undefined });
      cur.tags = undefined;
      const need = [0, 0, 0, 1, 2, 1, 1, 2, 2][op] ?? 0;
      if (configuredTags(x) < need) return fail(E.INVALID_VLAN_TAG_COUNT);
      const [pop, push] = VTR_BYTES[op] ?? [0, 0];
      const dot1q = num(msg.push_dot1q) !== 0;
      const t1 = num(msg.tag1) & 0xffff;
      const t2 = num(msg.tag2) & 0xffff;
      cur.pop = pop;
      cur.push = push;
      if (push === 4)
        cur.tags = [
          { dot1q: false, id: 0 },
          { dot1q, id: t1 },
        ];
      else if (push === 8)
        cur.tags = [
          { dot1q, id: t1 },
          { dot1q: true, id: t2 },
        ];
      return ok();
    },

    l2_xconnect_dump() {
      const out: ApiMessage[] = [];
      for (const x of s.ifs)
        if (x?.l2?.kind === 'xconnect') out.push({ rx_sw_if_index: x.swIfIndex, tx_sw_if_index: x.l2.tx });
      return details('l2_xconnect_details', out);
    },
  };
}

/** Bridge domains and xconnects. */
import type { ApiMessage } from '../../api/types.js';
import type { SimHandler } from '../types.js';
import { details, fail, ok } from './reply.js';
import type { BridgeDomain, VppState } from './state.js';
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
  forward: 1 << 7,
  learn: 1 << 9,
};

function featureBitmap(bd: BridgeDomain): number {
  let m = 0xffffffff;
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
      // the interface leaves its current domain or xconnect first, whatever comes next (06 step 13)
      s.l2Leave(x);
      if (!bool(msg.enable)) return ok();
      const id = num(msg.bd_id);
      // a missing domain is created with defaults (04 steps 47-48)
      const bd = s.bds.get(id) ?? s.createBd(id);
      const type = num(msg.port_type);
      if (type === PORT_BVI) {
        if (bd.bvi !== NONE) return fail(E.BD_ALREADY_HAS_BVI);
        bd.bvi = x.swIfIndex;
        bd.members.unshift({ sw: x.swIfIndex, shg: num(msg.shg) });
      } else if (type === PORT_UU_FWD) bd.uuFwd = x.swIfIndex;
      else bd.members.push({ sw: x.swIfIndex, shg: num(msg.shg) });
      x.l2 = { kind: 'bridge', bdId: id };
      return ok();
    },

    sw_interface_set_l2_xconnect({ msg }) {
      const x = s.iface(num(msg.rx_sw_if_index, -1));
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      if (!bool(msg.enable)) {
        s.l2Leave(x);
        return ok();
      }
      const tx = num(msg.tx_sw_if_index, -1);
      if (!s.iface(tx)) return fail(E.INVALID_SW_IF_INDEX); // 04 step 50
      s.l2Leave(x);
      x.l2 = { kind: 'xconnect', tx };
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

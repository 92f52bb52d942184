/** acl, linux-cp, mss_clamp, nat44-ed, the sample plugin, feature arcs, cli_inband, show_version. */
import type { ApiMessage } from '../../api/types.js';
import type { SimHandler, SimOutMessage, SimResponse } from '../types.js';
import { details, detailsList, fail, ok } from './reply.js';
import { featureIsEnabled, isKnownFeature, showInterfaceFeatures } from './features.js';
import { createSub } from './interfaces.js';
import type { Iface, VppState } from './state.js';
import { newNat } from './state.js';
import { ip4ToNumber, numberToIp4 } from '../../net/ip.js';
import { E, NONE, addrToBytes, apiAddress, arr, bool, num, str } from './util.js';

export const VPP_VERSION = '26.10-rc0~374-gb575ec2c56d';

function pageSize(s: VppState): number {
  return Math.max(1, s.opts.cursorPageSize);
}

export function pluginHandlers(s: VppState): Record<string, SimHandler> {
  const iface = (m: ApiMessage, f = 'sw_if_index') => s.iface(num(m[f], -1));

  return {
    show_version() {
      return ok({
        program: 'vpe',
        version: VPP_VERSION,
        build_date: '2026-11-22T03:25:30',
        build_directory: '/vppstate/sim',
      });
    },

    // ---- acl --------------------------------------------------------------------------------
    acl_add_replace({ msg }) {
      let idx = num(msg.acl_index, NONE);
      const rules = arr(msg.r).slice(0, num(msg.count, arr(msg.r).length));
      if (idx === NONE) idx = s.aclPool.alloc();
      else if (!s.acls.has(idx)) return fail(E.NO_SUCH_ENTRY, { acl_index: idx }); // 09 step 7
      s.acls.set(idx, { index: idx, tag: str(msg.tag), rules });
      return ok({ acl_index: idx });
    },

    acl_del({ msg }) {
      const idx = num(msg.acl_index, NONE);
      if (!s.acls.has(idx)) return fail(E.NO_SUCH_ENTRY);
      for (const l of s.aclIn.values()) if (l.includes(idx)) return fail(E.ACL_IN_USE_INBOUND);
      for (const l of s.aclOut.values()) if (l.includes(idx)) return fail(E.ACL_IN_USE_OUTBOUND);
      s.acls.delete(idx);
      s.aclPool.release(idx);
      return ok();
    },

    acl_dump({ msg }) {
      const idx = num(msg.acl_index, NONE);
      const list = [...s.acls.values()]
        .filter((a) => idx === NONE || a.index === idx)
        .sort((a, b) => a.index - b.index);
      return details(
        'acl_details',
        list.map((a) => ({
          acl_index: a.index,
          tag: a.tag,
          count: a.rules.length,
          r: a.rules as ApiMessage[],
        })),
      );
    },

    acl_interface_set_acl_list({ msg }) {
      const x = iface(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      const acls = arr(msg.acls)
        .slice(0, num(msg.count, arr(msg.acls).length))
        .map((v) => num(v));
      if (acls.some((a) => !s.acls.has(a))) return fail(E.NO_SUCH_ENTRY); // 04 step 43
      const nIn = num(msg.n_input);
      const sw = x.swIfIndex;
      const wasIn = (s.aclIn.get(sw) ?? []).length > 0;
      const wasOut = (s.aclOut.get(sw) ?? []).length > 0;
      s.aclIn.set(sw, acls.slice(0, nIn));
      s.aclOut.set(sw, acls.slice(nIn));
      s.aclVecLen = Math.max(s.aclVecLen, sw + 1);
      // ACL processing is switched on an interface's arcs when its first ACL comes and off when
      // its last goes (acl_interface_in/out_enable_disable)
      const arcs = (dir: 'in' | 'out', on: boolean): void => {
        const side = dir === 'in' ? 'unicast' : 'output';
        for (const f of ['ip4', 'ip6'] as const) {
          s.features.set(`${f}-${side}`, `acl-plugin-${dir}-${f}-fa`, sw, on);
          s.features.set(`l2-${dir === 'in' ? 'input' : 'output'}-${f}`, `acl-plugin-${dir}-${f}-l2`, sw, on);
        }
      };
      if (wasIn !== nIn > 0) arcs('in', nIn > 0);
      if (wasOut !== acls.length > nIn) arcs('out', acls.length > nIn);
      return ok();
    },

    acl_interface_list_dump({ msg }) {
      const sw = num(msg.sw_if_index, NONE);
      const one = (i: number): ApiMessage => {
        const inp = s.aclIn.get(i) ?? [];
        const out = s.aclOut.get(i) ?? [];
        return {
          sw_if_index: i,
          count: inp.length + out.length,
          n_input: inp.length,
          acls: [...inp, ...out],
        };
      };
      if (sw !== NONE) return details('acl_interface_list_details', s.iface(sw) ? [one(sw)] : []);
      // every index up to the highest ever configured, empty ones included (09 step 15)
      const out: ApiMessage[] = [];
      for (let i = 0; i < s.aclVecLen; i++) if (s.iface(i)) out.push(one(i));
      return details('acl_interface_list_details', out);
    },

    // ---- linux-cp ---------------------------------------------------------------------------
    lcp_default_ns_get() {
      // VPP does not clear the reply: with no default set, netns is whatever the buffer held
      // (here: the namespace set last)
      return { reply: { fields: { netns: s.lcpDefaultNs || s.lcpLeftoverNs } } };
    },

    lcp_default_ns_set({ msg }) {
      // any name is taken; a pair then fails if the namespace does not exist
      if (s.lcpDefaultNs) s.lcpLeftoverNs = s.lcpDefaultNs;
      s.lcpDefaultNs = str(msg.netns);
      return ok();
    },

    lcp_itf_pair_add_del_v2({ msg }) {
      const x = iface(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX, { host_sw_if_index: NONE });
      const idx = s.lcpPairs.findIndex((p) => p?.phy === x.swIfIndex);
      if (!bool(msg.is_add)) {
        if (idx < 0) return fail(E.INVALID_SW_IF_INDEX, { host_sw_if_index: NONE });
        const pair = s.lcpPairs[idx]!;
        s.lcpPairs[idx] = undefined;
        s.lcpPool.release(idx);
        const host = s.iface(pair.host);
        if (host) s.deleteIface(host);
        return ok({ host_sw_if_index: NONE });
      }
      const r = lcpCreate(s, x, str(msg.host_if_name), num(msg.host_if_type), str(msg.netns));
      return typeof r === 'number'
        ? fail(r, { host_sw_if_index: NONE })
        : ok({ host_sw_if_index: r.swIfIndex });
    },

    lcp_itf_pair_get({ msg }) {
      return lcpGet(s, num(msg.cursor), NONE, 'lcp_itf_pair_get_reply');
    },

    lcp_itf_pair_get_v2({ msg }) {
      const sw = num(msg.sw_if_index, NONE);
      if (sw === NONE) return lcpGet(s, num(msg.cursor), NONE, 'lcp_itf_pair_get_reply'); // 11 step 19
      const p = s.lcpPairs.find((q) => q?.phy === sw);
      if (!p)
        return {
          reply: {
            name: 'lcp_itf_pair_get_v2_reply',
            fields: { retval: E.INVALID_SW_IF_INDEX, cursor: NONE },
          },
        };
      return {
        details: [lcpDetail(s, p)],
        reply: { name: 'lcp_itf_pair_get_v2_reply', fields: { retval: 0, cursor: NONE } },
      };
    },

    // ---- mss_clamp --------------------------------------------------------------------------
    mss_clamp_enable_disable({ msg }) {
      const x = iface(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      const sw = x.swIfIndex;
      const d4 = num(msg.ipv4_direction) & 3;
      const d6 = num(msg.ipv6_direction) & 3;
      for (let i = s.mss.length; i <= sw; i++) s.mss[i] = undefined;
      const old = s.mss[sw] ?? { v4: MSS_UNSET, v6: MSS_UNSET, d4: 0, d6: 0 };
      // a direction switched off forgets its MSS (MSS_CLAMP_UNSET); features follow the directions
      s.mss[sw] = {
        v4: d4 ? num(msg.ipv4_mss) : MSS_UNSET,
        v6: d6 ? num(msg.ipv6_mss) : MSS_UNSET,
        d4,
        d6,
      };
      const feat = (f: 'ip4' | 'ip6', was: number, now: number): void => {
        const change = (bit: number, arc: string, name: string): void => {
          if ((was & bit) !== (now & bit)) s.features.set(arc, name, sw, (now & bit) !== 0);
        };
        change(1, `${f}-unicast`, `tcp-mss-clamping-${f}-in`);
        change(2, `${f}-output`, `tcp-mss-clamping-${f}-out`);
      };
      feat('ip4', old.d4, d4);
      feat('ip6', old.d6, d6);
      return ok();
    },

    mss_clamp_get({ msg }) {
      const sw = num(msg.sw_if_index, NONE);
      // a direction that is off reads MSS 0 (mssc_get_mss)
      const det = (i: number): SimOutMessage => {
        const m = s.mss[i]!;
        return {
          name: 'mss_clamp_details',
          fields: {
            sw_if_index: i,
            ipv4_mss: m.d4 ? m.v4 : 0,
            ipv6_mss: m.d6 ? m.v6 : 0,
            ipv4_direction: m.d4,
            ipv6_direction: m.d6,
          },
        };
      };
      const enabled = (i: number): boolean => {
        const m = s.mss[i];
        return m !== undefined && (m.d4 !== 0 || m.d6 !== 0);
      };
      if (sw !== NONE)
        return { details: enabled(sw) ? [det(sw)] : [], reply: { fields: { retval: 0, cursor: NONE } } };
      // nothing ever configured: cursor ~0; otherwise it ends at the vector's length (11 steps 7, 12)
      if (s.mss.length === 0) return ok({ cursor: NONE });
      const out: SimOutMessage[] = [];
      for (let i = num(msg.cursor); i < s.mss.length; i++) {
        if (!enabled(i)) continue;
        if (out.length === pageSize(s))
          return { details: out, reply: { fields: { retval: E.EAGAIN, cursor: i } } };
        out.push(det(i));
      }
      return { details: out, reply: { fields: { retval: 0, cursor: s.mss.length } } };
    },

    // ---- nat44-ed ---------------------------------------------------------------------------
    nat44_ed_plugin_enable_disable({ msg }) {
      const n = s.nat;
      if (bool(msg.enable)) {
        // static-mapping-only and connection tracking are refused by this NAT44-ED
        if (num(msg.flags) & (NAT44_STATIC_MAPPING_ONLY | NAT44_CONNECTION_TRACKING))
          return fail(E.UNSUPPORTED);
        if (n.enabled) return fail(E.FEATURE_ALREADY_ENABLED); // 11 step 25
        const sessions = num(msg.sessions) || 63 * 1024;
        n.enabled = true;
        n.forwarding = false;
        n.sessions = sessions;
        n.buckets = bihashBuckets(sessions);
        n.insideVrf = num(msg.inside_vrf);
        n.outsideVrf = num(msg.outside_vrf);
        n.timeouts = { udp: 300, tcp_established: 7440, tcp_transitory: 240, icmp: 60 };
        // both tables are found or created, and locked for good (the disable never unlocks)
        s.lockTable(n.insideVrf, false);
        s.lockTable(n.outsideVrf, false);
        return ok();
      }
      if (!n.enabled) return fail(E.FEATURE_ALREADY_DISABLED);
      // disabling forgets every address and interface (11 steps 4053-4055)
      for (const [sw, flags] of [...n.interfaces]) {
        if (flags & NAT_INSIDE) natDelRole(s, sw, true);
        if (n.interfaces.get(sw) !== undefined && flags & NAT_OUTSIDE) natDelRole(s, sw, false);
      }
      for (const sw of n.outputs) if (sw !== undefined) natDelOutput(s, sw);
      s.nat = { ...newNat(), buckets: n.buckets, timeouts: n.timeouts };
      return ok();
    },

    nat44_forwarding_enable_disable({ msg }) {
      s.nat.forwarding = bool(msg.enable);
      return ok();
    },

    nat44_show_running_config() {
      const n = s.nat;
      return ok({
        inside_vrf: n.insideVrf,
        outside_vrf: n.outsideVrf,
        users: 0,
        sessions: n.sessions,
        user_sessions: 0,
        user_buckets: 0,
        translation_buckets: n.buckets,
        forwarding_enabled: n.forwarding,
        ipfix_logging_enabled: true,
        timeouts: n.timeouts,
        log_level: 0,
        flags: 1, // NAT44_IS_ENDPOINT_DEPENDENT, always
      });
    },

    nat44_interface_add_del_feature({ msg }) {
      const x = iface(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      if (!s.nat.enabled) return fail(E.UNSUPPORTED);
      // flags without INSIDE mean outside; INSIDE|OUTSIDE means inside (11 steps 28-29)
      const inside = (num(msg.flags) & NAT_INSIDE) !== 0;
      const sw = x.swIfIndex;
      if (bool(msg.is_add)) {
        if (s.nat.outputs.includes(sw)) return fail(E.VALUE_EXIST);
        natAddRole(s, sw, inside);
        return ok();
      }
      if (!s.nat.interfaces.has(sw)) return fail(E.NO_SUCH_ENTRY);
      natDelRole(s, sw, inside);
      return ok();
    },

    nat44_interface_dump() {
      return details(
        'nat44_interface_details',
        [...s.nat.interfaces].map(([sw, flags]) => ({ flags, sw_if_index: sw })),
      );
    },

    nat44_ed_add_del_output_interface({ msg }) {
      const x = iface(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      if (!s.nat.enabled) return fail(E.UNSUPPORTED);
      const sw = x.swIfIndex;
      const at = s.nat.outputs.indexOf(sw);
      if (bool(msg.is_add)) {
        if (at >= 0 || s.nat.interfaces.has(sw)) return fail(E.VALUE_EXIST); // 11 step 4035
        s.nat.outputs[s.nat.outputPool.alloc()] = sw;
        reassRef(s, 'input', sw, 1);
        reassRef(s, 'output', sw, 1);
        s.features.set('ip4-unicast', 'nat-pre-out2in', sw, true);
        s.features.set('ip4-output', 'nat-pre-in2out-output', sw, true);
        return ok();
      }
      if (at < 0) return fail(E.NO_SUCH_ENTRY);
      natDelOutput(s, sw);
      return ok();
    },

    nat44_ed_output_interface_get({ msg }) {
      const out: SimOutMessage[] = [];
      const list = s.nat.outputs;
      for (let i = num(msg.cursor); i < list.length; i++) {
        const sw = list[i];
        if (sw === undefined) continue;
        // intermediate replies name the pool index to resume at (11 step 4036)
        if (out.length === pageSize(s))
          return { details: out, reply: { fields: { retval: E.EAGAIN, cursor: i } } };
        out.push({ name: 'nat44_ed_output_interface_details', fields: { sw_if_index: sw } });
      }
      return { details: out, reply: { fields: { retval: 0, cursor: NONE } } };
    },

    nat44_add_del_address_range({ msg }) {
      if (!s.nat.enabled && bool(msg.is_add)) return fail(E.UNSUPPORTED);
      const first = ip4Num(apiAddress(msg.first_ip_address));
      const last = ip4Num(apiAddress(msg.last_ip_address));
      const vrf = num(msg.vrf_id, NONE);
      const twice = (num(msg.flags) & NAT_TWICE_NAT) !== 0;
      const list = twice ? s.nat.twiceAddresses : s.nat.addresses;
      // one address at a time: a failure keeps the ones before it; last < first does nothing
      for (let a = first; a <= last; a++) {
        const text = ip4Text(a);
        const i = list.findIndex((x) => x.addr === text);
        if (bool(msg.is_add)) {
          if (i >= 0) return fail(E.VALUE_EXIST);
          if (vrf !== NONE) s.lockTable(vrf, false);
          list.push({ addr: text, vrf, flags: twice ? NAT_TWICE_NAT : 0 });
        } else {
          if (i < 0) return fail(E.NO_SUCH_ENTRY);
          // vec_del1: the last element takes the deleted one's place (11 step 4050)
          list[i] = list[list.length - 1]!;
          list.pop();
        }
      }
      return ok();
    },

    nat44_address_dump() {
      return details(
        'nat44_address_details',
        [...s.nat.addresses, ...s.nat.twiceAddresses].map((a) => ({
          ip_address: a.addr,
          flags: a.flags,
          vrf_id: a.vrf,
        })),
      );
    },

    // ---- sample plugin and feature arcs -------------------------------------------------------
    sample_macswap_enable_disable({ msg }) {
      const x = iface(msg);
      // hardware interfaces only: a sub-interface is refused like an unknown index (10 step 20)
      if (!x || x.kind === 'sub') return fail(E.INVALID_SW_IF_INDEX);
      // no state of its own: enabling twice puts the feature on the arc twice
      s.features.set('device-input', 'sample', x.swIfIndex, bool(msg.enable_disable));
      return ok();
    },

    feature_enable_disable({ msg }) {
      const x = iface(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      const arc = str(msg.arc_name);
      const feat = str(msg.feature_name);
      if (!isKnownFeature(arc, feat)) return fail(E.INVALID_VALUE); // 10 steps 31-32
      s.features.set(arc, feat, x.swIfIndex, bool(msg.enable));
      return ok();
    },

    feature_is_enabled({ msg }) {
      const sw = num(msg.sw_if_index, -1);
      if (!s.iface(sw)) return fail(E.INVALID_SW_IF_INDEX, { is_enabled: false });
      return ok({ is_enabled: featureIsEnabled(s, str(msg.arc_name), str(msg.feature_name), sw) });
    },

    cli_inband({ msg }) {
      const cmd = str(msg.cmd).trim().replace(/\s+/g, ' ');
      const m = /^sh(?:ow)? int(?:erface)? feat(?:ures)? (\S+)$/.exec(cmd);
      if (m) {
        const x = s.ifs.find((y) => y?.name === m[1]);
        if (!x) return ok({ reply: `show interface features: unknown input \`${m[1]}'\n` });
        return ok({ reply: showInterfaceFeatures(s, x.swIfIndex) });
      }
      if (/^sh(?:ow)? lcp$/.test(cmd)) return ok({ reply: showLcp(s) });
      if (/^sh(?:ow)? ver(?:sion)?$/.test(cmd))
        return ok({ reply: `vpp v${VPP_VERSION} built by vppstate (simulator)\n` });
      return ok({ reply: `unknown input \`${cmd}'\n` });
    },
  };
}

function lcpDetail(s: VppState, p: NonNullable<VppState['lcpPairs'][number]>): SimOutMessage {
  return {
    name: 'lcp_itf_pair_details',
    fields: {
      phy_sw_if_index: p.phy,
      host_sw_if_index: p.host,
      vif_index: p.host,
      host_if_name: p.hostName,
      host_if_type: p.hostType,
      netns: p.netns,
    },
  };
}

function lcpGet(s: VppState, cursor: number, _sw: number, replyName: string): SimResponse {
  const list = s.lcpPairs;
  // with no pairs VPP answers cursor 0 (11 steps 19, 21)
  if (!list.some((p) => p)) return { reply: { name: replyName, fields: { retval: 0, cursor: 0 } } };
  const out = detailsList('lcp_itf_pair_details', []);
  for (let i = cursor; i < list.length; i++) {
    const p = list[i];
    if (!p) continue;
    if (out.length === Math.max(1, s.opts.cursorPageSize))
      return { details: out, reply: { name: replyName, fields: { retval: E.EAGAIN, cursor: i } } };
    out.push(lcpDetail(s, p));
  }
  return { details: out, reply: { name: replyName, fields: { retval: 0, cursor: NONE } } };
}

/** `show lcp` (lcp_itf_pair_show): the settings, then one line per pair. */
function showLcp(s: VppState): string {
  let text = `lcp default netns '${s.lcpDefaultNs || '<unset>'}'\n`;
  text += 'lcp lcp-auto-subint off\nlcp lcp-sync off\nlcp lcp-sync-unnumbered on\n';
  text += 'lcp del-static-on-link-down off\nlcp del-dynamic-on-link-down off\n';
  for (const p of s.lcpPairs) {
    if (!p) continue;
    const phy = s.iface(p.phy)?.name ?? String(p.phy);
    const host = s.iface(p.host)?.name ?? String(p.host);
    text += `itf-pair: [${s.lcpPairs.indexOf(p)}] ${phy} ${host} ${p.hostName} ${p.host} type ${p.hostType ? 'tun' : 'tap'}${p.netns ? ` netns ${p.netns}` : ''}\n`;
  }
  return text;
}

/** mss_clamp's "no MSS" (MSS_CLAMP_UNSET). */
const MSS_UNSET = 0xffff;

const NAT_TWICE_NAT = 1;
const NAT_OUTSIDE = 16;
const NAT_INSIDE = 32;
const NAT44_STATIC_MAPPING_ONLY = 2;
const NAT44_CONNECTION_TRACKING = 4;

/** nat_calc_bihash_buckets: the power of two nearest sessions / 2.5. */
function bihashBuckets(sessions: number): number {
  const n = Math.floor(sessions / 2.5);
  let lower = 1;
  while (lower * 2 < n) lower *= 2;
  const upper = lower * 2;
  return upper - n < n - lower ? upper : lower;
}

/** ip4_sv_reass_(output_)enable_disable_with_refcnt: the feature is on while anyone uses it. */
function reassRef(s: VppState, side: 'input' | 'output', sw: number, delta: 1 | -1): void {
  const m = s.reass[side];
  const before = m.get(sw) ?? 0;
  const after = Math.max(0, before + delta);
  m.set(sw, after);
  const [arc, name] =
    side === 'input'
      ? ['ip4-unicast', 'ip4-sv-reassembly-feature']
      : ['ip4-output', 'ip4-sv-reassembly-output-feature'];
  if (before === 0 && after > 0) s.features.set(arc, name, sw, true);
  if (before > 0 && after === 0) s.features.set(arc, name, sw, false);
}

const natPre = (inside: boolean): string => (inside ? 'nat-pre-in2out' : 'nat-pre-out2in');

/** nat44_ed_add_interface (one worker): a second role swaps the pre-feature for the classifier. */
function natAddRole(s: VppState, sw: number, inside: boolean): void {
  const cur = s.nat.interfaces.get(sw);
  const bit = inside ? NAT_INSIDE : NAT_OUTSIDE;
  if (cur !== undefined) {
    if (cur & bit) return; // already: 0
    reassRef(s, 'input', sw, 1);
    s.features.set('ip4-unicast', natPre(!inside), sw, false);
    s.features.set('ip4-unicast', 'nat44-ed-classify', sw, true);
    s.nat.interfaces.set(sw, cur | bit);
    return;
  }
  reassRef(s, 'input', sw, 1);
  s.features.set('ip4-unicast', natPre(inside), sw, true);
  s.nat.interfaces.set(sw, bit);
}

/**
 * nat44_ed_del_interface. With both roles, one goes. With one, the interface leaves NAT whichever
 * role was asked for, and VPP switches off the feature of the role asked for: removing `outside`
 * from an inside interface leaves nat-pre-in2out on it (measured on the real VPP).
 */
function natDelRole(s: VppState, sw: number, inside: boolean): void {
  const cur = s.nat.interfaces.get(sw) ?? 0;
  reassRef(s, 'input', sw, -1);
  if (cur & NAT_INSIDE && cur & NAT_OUTSIDE) {
    s.features.set('ip4-unicast', 'nat44-ed-classify', sw, false);
    s.features.set('ip4-unicast', natPre(!inside), sw, true);
    s.nat.interfaces.set(sw, cur & ~(inside ? NAT_INSIDE : NAT_OUTSIDE));
    return;
  }
  s.features.set('ip4-unicast', natPre(inside), sw, false);
  s.nat.interfaces.delete(sw);
}

function natDelOutput(s: VppState, sw: number): void {
  const at = s.nat.outputs.indexOf(sw);
  if (at < 0) return;
  s.nat.outputs[at] = undefined;
  s.nat.outputPool.release(at);
  reassRef(s, 'input', sw, -1);
  reassRef(s, 'output', sw, -1);
  s.features.set('ip4-unicast', 'nat-pre-out2in', sw, false);
  s.features.set('ip4-output', 'nat-pre-in2out-output', sw, false);
}

/** lcp_itf_pair_create: a tap for a port, a VLAN on the parent's tap for a sub-interface. */
function lcpCreate(s: VppState, x: Iface, hostName: string, hostType: number, netns: string): Iface | number {
  if (s.lcpPairs.some((p) => p?.phy === x.swIfIndex)) return E.VALUE_EXIST;
  if (!/^[^\s/:]{1,15}$/.test(hostName)) return E.INVALID_ARGUMENT;
  const ns = netns || s.lcpDefaultNs;
  if (ns !== '' && s.opts.namespaces !== undefined && !s.opts.namespaces.includes(ns))
    return E.SYSCALL_ERROR_2; // the namespace cannot be opened
  let host: Iface;
  if (x.kind === 'sub') {
    const sub = x.sub!;
    if (!(sub.flags & 16)) return E.INVALID_ARGUMENT; // exact-match needed for addresses
    const parent = s.lcpPairs.find((p) => p?.phy === x.sup);
    if (!parent) return E.INVALID_SW_IF_INDEX;
    if (sub.inner) {
      // a QinQ pair hangs off the pair of a sub-interface with the same outer tag
      const outer = s.lcpPairs.some((p) => {
        const y = p && s.iface(p.phy);
        return y?.kind === 'sub' && y.sup === x.sup && !y.sub?.inner && y.sub?.outer === sub.outer;
      });
      if (!outer) return E.INVALID_ARGUMENT;
    }
    const tap = s.iface(parent.host)!;
    const made = createSub(s, tap, sub.id, sub.flags, sub.outer, sub.inner);
    if (!made.x) return E.INVALID_VALUE;
    host = made.x;
  } else {
    // the tap needs /dev/vhost-net: the reference host lacked it (11 step 22)
    if (!s.opts.hostHasVhostNet) return E.SYSCALL_ERROR_1;
    const used = new Set<number>();
    for (const y of s.ifs) if (y?.tap) used.add(y.tap.id);
    let id = 4096; // linux-cp asks for tap ids from 4096 up
    while (used.has(id)) id++;
    host = s.newIface('tap', `tap${id}`, 'virtio');
    host.mac = x.mac;
    host.tap = {
      id,
      txRing: 256,
      rxRing: 256,
      hostMtu: x.mtu[0] || 1500,
      hostMac: x.mac,
      hostIp4: '0.0.0.0/0',
      hostIp6: '::/0',
      flags: hostType === 1 ? 16 : 0,
      devName: '/dev/net/tun',
      hostIfName: hostName,
      hostNs: ns,
      hostBridge: '',
    };
    s.created(host);
  }
  host.admin = true; // the host side stays up (lcp_itf_pair_create)
  const p = s.lcpPool.alloc();
  s.lcpPairs[p] = { phy: x.swIfIndex, host: host.swIfIndex, hostName, hostType, netns: ns };
  return host;
}

function ip4Num(a: string): number {
  return ip4ToNumber(addrToBytes(a));
}

const ip4Text = numberToIp4;

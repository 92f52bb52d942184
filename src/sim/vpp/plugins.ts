/** acl, linux-cp, mss_clamp, nat44-ed, the sample plugin, feature arcs, cli_inband, show_version. */
import type { ApiMessage } from '../../api/types.js';
import type { SimHandler, SimOutMessage, SimResponse } from '../types.js';
import { details, detailsList, fail, ok } from './reply.js';
import type { VppState } from './state.js';
import { newNat } from './state.js';
import { ip4ToNumber, numberToIp4 } from '../../net/ip.js';
import { E, NONE, addrToBytes, apiAddress, arr, bool, num, str } from './util.js';

export const VPP_VERSION = '26.10-rc0~374-gb575ec2c56d';

/** Arcs in the order `show interface features` prints them (10 step 24). */
const ARCS = [
  'arp',
  'nsh-output',
  'mpls-output',
  'mpls-input',
  'ip6-drop',
  'ip6-punt',
  'ip6-local',
  'ip6-output',
  'ip6-multicast',
  'ip6-unicast',
  'ip4-drop',
  'ip4-punt',
  'ip4-local',
  'ip4-output',
  'ip4-multicast',
  'ip4-unicast',
  'l2-output-nonip',
  'l2-input-nonip',
  'l2-output-ip6',
  'l2-input-ip6',
  'l2-output-ip4',
  'l2-input-ip4',
  'ethernet-output',
  'error-drop',
  'interface-output',
  'port-rx-eth',
  'device-input',
  'l2-input',
  'l2-output',
];

/**
 * Features the simulated VPP knows per arc (the plugins of the reference build); any other name
 * is refused with -7 by feature_enable_disable, as VPP does.
 */
const KNOWN: Record<string, readonly string[]> = {
  'device-input': ['sample'],
  'ip4-unicast': [
    'tcp-mss-clamping-ip4-in',
    'acl-plugin-in-ip4-fa',
    'nat44-ed-in2out',
    'nat44-ed-out2in',
    'ip4-not-enabled',
  ],
  'ip4-output': ['tcp-mss-clamping-ip4-out', 'acl-plugin-out-ip4-fa', 'nat44-ed-in2out-output'],
  'ip6-unicast': ['tcp-mss-clamping-ip6-in', 'acl-plugin-in-ip6-fa', 'ip6-not-enabled'],
  'ip6-output': ['tcp-mss-clamping-ip6-out', 'acl-plugin-out-ip6-fa'],
  'l2-input-ip4': ['acl-plugin-in-ip4-l2'],
  'l2-input-ip6': ['acl-plugin-in-ip6-l2'],
  'l2-output-ip4': ['acl-plugin-out-ip4-l2'],
  'l2-output-ip6': ['acl-plugin-out-ip6-l2'],
  'interface-output': ['span-output'],
};
/** Arcs VPP configures on every interface at creation, so it has "seen" them all. */
const ALWAYS_SEEN = new Set(['ip4-unicast', 'ip4-multicast', 'ip6-unicast', 'ip6-multicast', 'mpls-input']);

function setFeature(s: VppState, arc: string, feature: string, sw: number, on: boolean): void {
  let a = s.features.get(arc);
  if (!a) s.features.set(arc, (a = new Map()));
  let set = a.get(feature);
  if (!set) a.set(feature, (set = new Set()));
  if (on) set.add(sw);
  else set.delete(sw);
  s.arcSeen.set(arc, Math.max(s.arcSeen.get(arc) ?? 0, sw + 1));
}

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
      s.aclIn.set(x.swIfIndex, acls.slice(0, nIn));
      s.aclOut.set(x.swIfIndex, acls.slice(nIn));
      s.aclVecLen = Math.max(s.aclVecLen, x.swIfIndex + 1);
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
      return { reply: { fields: { netns: '' } } };
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
      if (idx >= 0) return fail(E.VALUE_EXIST, { host_sw_if_index: NONE });
      // the tap needs /dev/vhost-net: the reference host lacked it (11 step 22)
      if (!s.opts.hostHasVhostNet) return fail(E.SYSCALL_ERROR_1, { host_sw_if_index: NONE });
      const used = new Set<number>();
      for (const y of s.ifs) if (y?.tap) used.add(y.tap.id);
      let id = 4096; // linux-cp asks for tap ids from 4096 up
      while (used.has(id)) id++;
      const tap = s.newIface('tap', `tap${id}`, 'virtio');
      tap.mac = x.mac;
      const name = str(msg.host_if_name);
      tap.tap = {
        id,
        txRing: 256,
        rxRing: 256,
        hostMtu: 1500,
        hostMac: x.mac,
        hostIp4: '0.0.0.0/0',
        hostIp6: '::/0',
        flags: 0,
        devName: '/dev/net/tun',
        hostIfName: name,
        hostNs: str(msg.netns),
        hostBridge: '',
      };
      s.created(tap);
      const p = s.lcpPool.alloc();
      s.lcpPairs[p] = {
        phy: x.swIfIndex,
        host: tap.swIfIndex,
        hostName: name,
        hostType: num(msg.host_if_type),
        netns: str(msg.netns),
      };
      return ok({ host_sw_if_index: tap.swIfIndex });
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
      const v = {
        v4: num(msg.ipv4_mss),
        v6: num(msg.ipv6_mss),
        d4: num(msg.ipv4_direction),
        d6: num(msg.ipv6_direction),
      };
      for (let i = s.mss.length; i <= x.swIfIndex; i++) s.mss[i] = undefined;
      s.mss[x.swIfIndex] = v;
      return ok();
    },

    mss_clamp_get({ msg }) {
      const sw = num(msg.sw_if_index, NONE);
      const det = (i: number): SimOutMessage => {
        const m = s.mss[i]!;
        return {
          name: 'mss_clamp_details',
          fields: {
            sw_if_index: i,
            ipv4_mss: m.v4,
            ipv6_mss: m.v6,
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
      if (bool(msg.enable)) {
        if (s.nat.enabled) return fail(E.FEATURE_ALREADY_ENABLED); // 11 step 25
        s.nat.enabled = true;
        return ok();
      }
      if (!s.nat.enabled) return fail(E.FEATURE_ALREADY_DISABLED);
      s.nat = newNat(); // disabling forgets everything (11 steps 4053-4055)
      return ok();
    },

    nat44_interface_add_del_feature({ msg }) {
      if (!s.nat.enabled) return fail(E.UNSUPPORTED);
      const x = iface(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      const f = num(msg.flags);
      // INSIDE (32) wins when both are given in one call (11 steps 28-29)
      const bit = f & 32 ? 32 : f & 16 ? 16 : 0;
      const cur = s.nat.interfaces.get(x.swIfIndex) ?? 0;
      if (bool(msg.is_add)) s.nat.interfaces.set(x.swIfIndex, cur | bit);
      else {
        if (!(cur & bit)) return fail(E.NO_SUCH_ENTRY);
        if (cur & ~bit) s.nat.interfaces.set(x.swIfIndex, cur & ~bit);
        else s.nat.interfaces.delete(x.swIfIndex);
      }
      return ok();
    },

    nat44_interface_dump() {
      return details(
        'nat44_interface_details',
        [...s.nat.interfaces].map(([sw, flags]) => ({ flags, sw_if_index: sw })),
      );
    },

    nat44_ed_add_del_output_interface({ msg }) {
      if (!s.nat.enabled) return fail(E.UNSUPPORTED);
      const x = iface(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      const at = s.nat.outputs.indexOf(x.swIfIndex);
      if (bool(msg.is_add)) {
        if (at >= 0) return fail(E.VALUE_EXIST); // 11 step 4035
        s.nat.outputs[s.nat.outputPool.alloc()] = x.swIfIndex;
        return ok();
      }
      if (at < 0) return fail(E.NO_SUCH_ENTRY);
      s.nat.outputs[at] = undefined;
      s.nat.outputPool.release(at);
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
      if (!s.nat.enabled) return fail(E.UNSUPPORTED);
      const first = ip4Num(apiAddress(msg.first_ip_address));
      const last = ip4Num(apiAddress(msg.last_ip_address));
      const vrf = num(msg.vrf_id, NONE);
      const flags = num(msg.flags);
      const addrs = s.nat.addresses;
      if (bool(msg.is_add)) {
        for (let a = first; a <= last; a++)
          if (addrs.some((x) => x.addr === ip4Text(a))) return fail(E.VALUE_EXIST);
        for (let a = first; a <= last; a++) addrs.push({ addr: ip4Text(a), vrf, flags });
        return ok();
      }
      for (let a = first; a <= last; a++)
        if (!addrs.some((x) => x.addr === ip4Text(a))) return fail(E.NO_SUCH_ENTRY);
      for (let a = first; a <= last; a++) {
        // vec_del1: the last element takes the deleted one's place (11 step 4050)
        const i = addrs.findIndex((x) => x.addr === ip4Text(a));
        addrs[i] = addrs[addrs.length - 1]!;
        addrs.pop();
      }
      return ok();
    },

    nat44_address_dump() {
      return details(
        'nat44_address_details',
        s.nat.addresses.map((a) => ({ ip_address: a.addr, flags: a.flags, vrf_id: a.vrf })),
      );
    },

    // ---- sample plugin and feature arcs -------------------------------------------------------
    sample_macswap_enable_disable({ msg }) {
      const x = iface(msg);
      // hardware interfaces only: a sub-interface is refused like an unknown index (10 step 20)
      if (!x || x.kind === 'sub') return fail(E.INVALID_SW_IF_INDEX);
      setFeature(s, 'device-input', 'sample', x.swIfIndex, bool(msg.enable_disable));
      return ok();
    },

    feature_enable_disable({ msg }) {
      const x = iface(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      const arc = str(msg.arc_name);
      const feat = str(msg.feature_name);
      if (!KNOWN[arc]?.includes(feat)) return fail(E.INVALID_VALUE); // 10 steps 31-32
      setFeature(s, arc, feat, x.swIfIndex, bool(msg.enable));
      return ok();
    },

    feature_is_enabled({ msg }) {
      const sw = num(msg.sw_if_index, -1);
      if (!s.iface(sw)) return fail(E.INVALID_SW_IF_INDEX, { is_enabled: false });
      const arc = str(msg.arc_name);
      const feat = str(msg.feature_name);
      // VPP casts its internal error codes to bool: unknown names and unseen interfaces read true
      const seen = ALWAYS_SEEN.has(arc) || sw < (s.arcSeen.get(arc) ?? 0);
      if (!KNOWN[arc]?.includes(feat) || !seen) return ok({ is_enabled: true });
      return ok({ is_enabled: s.features.get(arc)?.get(feat)?.has(sw) ?? false });
    },

    cli_inband({ msg }) {
      const cmd = str(msg.cmd).trim().replace(/\s+/g, ' ');
      const m = /^sh(?:ow)? int(?:erface)? feat(?:ures)? (\S+)$/.exec(cmd);
      if (m) {
        const x = s.ifs.find((y) => y?.name === m[1]);
        if (!x) return ok({ reply: `show interface features: unknown input \`${m[1]}'\n` });
        let text = `Feature paths configured on ${x.name}...\n`;
        for (const arc of ARCS) {
          const lines: string[] = [];
          for (const [feat, set] of s.features.get(arc) ?? []) if (set.has(x.swIfIndex)) lines.push(feat);
          if (arc === 'mpls-input') lines.push('mpls-not-enabled');
          if ((arc === 'ip4-unicast' || arc === 'ip4-multicast') && x.addrs4.length === 0)
            lines.push('ip4-not-enabled');
          if ((arc === 'ip6-unicast' || arc === 'ip6-multicast') && x.addrs6.length === 0)
            lines.push('ip6-not-enabled');
          text += `\n${arc}:\n${(lines.length ? lines : ['none configured']).map((l) => `  ${l}\n`).join('')}`;
        }
        return ok({ reply: text });
      }
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

function ip4Num(a: string): number {
  return ip4ToNumber(addrToBytes(a));
}

const ip4Text = numberToIp4;

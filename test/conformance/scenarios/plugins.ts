/** Plugin messages: ACLs, NAT44, MSS clamping, the sample plugin, feature arcs, linux-cp; neighbors, FIB sources. */
import type { Args, Scenario } from '../scenario.js';
import { scenario } from '../scenario.js';
import { ADMIN_UP, ANY, ONE_PORT, address, loopback, route, setFlags, subif } from './util.js';

export function aclRule(
  permit: number,
  src: string,
  dst: string,
  proto = 0,
  ports: [number, number] = [0, 65535],
): Args {
  return {
    is_permit: permit,
    src_prefix: src,
    dst_prefix: dst,
    proto,
    srcport_or_icmptype_first: 0,
    srcport_or_icmptype_last: 65535,
    dstport_or_icmpcode_first: ports[0],
    dstport_or_icmpcode_last: ports[1],
    tcp_flags_mask: 0,
    tcp_flags_value: 0,
  };
}

export function acl(index: number, tag: string, rules: readonly Args[]): Args {
  return { acl_index: index, tag, count: rules.length, r: rules };
}

export function aclList(
  sw: Args[string],
  input: readonly Args[string][],
  output: readonly Args[string][] = [],
): Args {
  return {
    sw_if_index: sw,
    count: input.length + output.length,
    n_input: input.length,
    acls: [...input, ...output],
  };
}

export function mss(sw: Args[string], v4: number, v6: number, dir4 = 3, dir6 = 3): Args {
  return { sw_if_index: sw, ipv4_mss: v4, ipv6_mss: v6, ipv4_direction: dir4, ipv6_direction: dir6 };
}

export function natRange(first: string, last: string, isAdd = true, vrf = ANY): Args {
  return { first_ip_address: first, last_ip_address: last, vrf_id: vrf, is_add: isAdd, flags: 0 };
}

export const NAT_ENABLE: Args = {
  inside_vrf: 0,
  outside_vrf: 0,
  sessions: 0,
  session_memory: 0,
  enable: true,
  flags: 0,
};

export const plugins: Scenario[] = [
  scenario('acl-lifecycle', 'ACLs added, replaced, bound in and out, dumped, deleted; index reuse', (b) => {
    b.call('acl_add_replace', acl(ANY, 'web', [aclRule(1, '10.0.0.0/8', '0.0.0.0/0', 6, [80, 80])]), {
      a: 'acl_index',
    });
    b.call(
      'acl_add_replace',
      acl(ANY, 'v6', [aclRule(0, '2001:db8::/32', '::/0'), aclRule(1, '::/0', '::/0', 17, [53, 53])]),
      { c: 'acl_index' },
    );
    b.call('acl_add_replace', acl(ANY, '', [aclRule(2, '0.0.0.0/0', '0.0.0.0/0')]), { d: 'acl_index' });
    b.call('acl_dump', { acl_index: ANY });
    b.call('acl_add_replace', acl(0, 'web2', [aclRule(0, '192.168.0.0/16', '10.1.0.0/16', 1)]));
    b.call('acl_dump', { acl_index: 0 });
    const l = loopback(b, 'l');
    const l2 = loopback(b, 'l2');
    b.call('acl_interface_set_acl_list', aclList(l, [0, 2], [1]));
    b.call('acl_interface_set_acl_list', aclList(l2, [], [1, 0]));
    b.call('acl_interface_list_dump', { sw_if_index: ANY });
    b.call('acl_interface_list_dump', { sw_if_index: l });
    b.call('acl_del', { acl_index: 1 });
    b.call('acl_interface_set_acl_list', aclList(l2, [], []));
    b.call('acl_del', { acl_index: 1 });
    b.call('acl_dump', { acl_index: ANY });
    b.call('acl_add_replace', acl(ANY, 'again', [aclRule(1, '0.0.0.0/0', '0.0.0.0/0')]), { e: 'acl_index' });
    b.call('acl_interface_list_dump', { sw_if_index: ANY });
    b.call('delete_loopback', { sw_if_index: l });
    b.call('acl_interface_list_dump', { sw_if_index: ANY });
    b.call('acl_del', { acl_index: 0 });
    b.call('acl_dump', { acl_index: ANY });
  }),

  scenario(
    'acl-errors',
    'ACL misuses: replacing or deleting what is not there, unknown ACLs and interfaces',
    (b) => {
      b.call('acl_add_replace', acl(5, 'none', [aclRule(1, '0.0.0.0/0', '0.0.0.0/0')]));
      b.call('acl_del', { acl_index: 0 });
      b.call('acl_dump', { acl_index: 3 });
      b.call('acl_add_replace', acl(ANY, 'a', [aclRule(1, '10.0.0.0/8', '0.0.0.0/0')]), { a: 'acl_index' });
      const l = loopback(b, 'l');
      b.call('acl_interface_set_acl_list', aclList(l, [7]));
      b.call('acl_interface_set_acl_list', aclList(99, [0]));
      b.call('acl_interface_list_dump', { sw_if_index: 99 });
      b.call('acl_add_replace', acl(ANY, 'empty', []), { e: 'acl_index' });
      b.call('acl_add_replace', acl(ANY, 'mixed', [aclRule(1, '10.0.0.0/8', '::/0')]), { m: 'acl_index' });
      b.call('acl_dump', { acl_index: ANY });
    },
  ),

  scenario(
    'nat44-lifecycle',
    'NAT44 ED: enabled, address ranges, inside/outside and output interfaces, dumps, disabled',
    (b) => {
      b.call('nat44_address_dump');
      b.call('nat44_show_running_config');
      b.call('nat44_interface_add_del_feature', { is_add: true, flags: 0x20, sw_if_index: 1 });
      b.call('nat44_ed_plugin_enable_disable', NAT_ENABLE);
      b.call('nat44_ed_plugin_enable_disable', NAT_ENABLE);
      b.call('nat44_show_running_config');
      b.call('nat44_forwarding_enable_disable', { enable: true });
      b.call('nat44_show_running_config');
      b.call('nat44_add_del_address_range', natRange('192.0.2.1', '192.0.2.3'));
      b.call('nat44_add_del_address_range', natRange('198.51.100.7', '198.51.100.7'));
      b.call('nat44_add_del_address_range', natRange('192.0.2.2', '192.0.2.2'));
      b.call('nat44_address_dump');
      const l = loopback(b, 'l');
      const l2 = loopback(b, 'l2');
      b.call('nat44_interface_add_del_feature', { is_add: true, flags: 0x20, sw_if_index: 1 });
      b.call('nat44_interface_add_del_feature', { is_add: true, flags: 0x10, sw_if_index: l });
      b.call('nat44_interface_add_del_feature', { is_add: true, flags: 0x20, sw_if_index: l });
      b.call('nat44_interface_dump');
      b.call('nat44_ed_add_del_output_interface', { is_add: true, sw_if_index: l2 });
      b.call('nat44_ed_add_del_output_interface', { is_add: true, sw_if_index: l2 });
      b.call('nat44_ed_output_interface_get', { cursor: 0 });
      b.call('nat44_add_del_address_range', natRange('192.0.2.2', '192.0.2.2', false));
      b.call('nat44_add_del_address_range', natRange('203.0.113.1', '203.0.113.1', false));
      b.call('nat44_address_dump');
      b.call('nat44_interface_add_del_feature', { is_add: false, flags: 0x20, sw_if_index: 1 });
      b.call('nat44_interface_add_del_feature', { is_add: false, flags: 0x20, sw_if_index: 1 });
      b.call('nat44_interface_dump');
      b.call('nat44_ed_add_del_output_interface', { is_add: false, sw_if_index: l2 });
      b.call('nat44_ed_add_del_output_interface', { is_add: false, sw_if_index: l2 });
      b.call('nat44_ed_output_interface_get', { cursor: 0 });
      b.call('nat44_ed_plugin_enable_disable', { ...NAT_ENABLE, enable: false });
      b.call('nat44_address_dump');
      b.call('nat44_interface_dump');
      b.call('nat44_ed_plugin_enable_disable', { ...NAT_ENABLE, enable: false });
    },
    { hardware: ONE_PORT },
  ),

  scenario(
    'mss-clamp',
    'MSS clamping: set, changed, off, on sub-interfaces, and its cursor over many',
    (b) => {
      b.call('mss_clamp_get', { cursor: 0, sw_if_index: ANY });
      const l = loopback(b, 'l');
      b.call('mss_clamp_enable_disable', mss(l, 1400, 1380));
      b.call('mss_clamp_enable_disable', mss(l, 1300, 0, 1, 0));
      b.call('mss_clamp_get', { cursor: 0, sw_if_index: ANY });
      b.call('mss_clamp_get', { cursor: 0, sw_if_index: l });
      const s = subif(b, 's', l, 10);
      b.call('mss_clamp_enable_disable', mss(s, 1200, 1200, 2, 2));
      b.call('mss_clamp_enable_disable', mss(99, 1200, 1200));
      for (let i = 0; i < 12; i++) {
        const x = loopback(b, `m${i}`);
        b.call('mss_clamp_enable_disable', mss(x, 1000 + i, 900 + i));
      }
      b.call('mss_clamp_get', { cursor: 0, sw_if_index: ANY });
      b.call('mss_clamp_get', { cursor: 5, sw_if_index: ANY });
      b.call('mss_clamp_get', { cursor: 0, sw_if_index: 99 });
      b.call('mss_clamp_enable_disable', mss(l, 0, 0, 0, 0));
      b.call('mss_clamp_get', { cursor: 0, sw_if_index: l });
      b.call('delete_loopback', { sw_if_index: s });
      b.call('delete_subif', { sw_if_index: s });
      b.call('mss_clamp_get', { cursor: 0, sw_if_index: ANY });
    },
  ),

  scenario(
    'features-and-sample',
    'feature arcs enabled and disabled, asked about; the sample plugin on ports, loopbacks and errors',
    (b) => {
      const l = loopback(b, 'l');
      const f = (sw: Args[string], enable: boolean, arc: string, feature: string): void => {
        b.call('feature_enable_disable', { sw_if_index: sw, enable, arc_name: arc, feature_name: feature });
      };
      const is = (sw: Args[string], arc: string, feature: string): void => {
        b.call('feature_is_enabled', { arc_name: arc, feature_name: feature, sw_if_index: sw });
      };
      is(1, 'ip4-unicast', 'ip4-not-enabled');
      f(1, true, 'ip4-unicast', 'ip4-not-enabled');
      is(1, 'ip4-unicast', 'ip4-not-enabled');
      f(l, true, 'device-input', 'sample');
      f(l, true, 'no-such-arc', 'x');
      f(l, true, 'ip4-unicast', 'no-such-feature');
      f(99, true, 'ip4-unicast', 'ip4-not-enabled');
      is(l, 'no-such-arc', 'x');
      is(99, 'ip4-unicast', 'ip4-not-enabled');
      f(1, false, 'ip4-unicast', 'ip4-not-enabled');
      f(1, false, 'ip4-unicast', 'ip4-not-enabled');
      is(1, 'ip4-unicast', 'ip4-not-enabled');
      b.call('sample_macswap_enable_disable', { enable_disable: true, sw_if_index: 1 });
      b.call('sample_macswap_enable_disable', { enable_disable: true, sw_if_index: 1 });
      b.call('sample_macswap_enable_disable', { enable_disable: true, sw_if_index: l });
      b.call('sample_macswap_enable_disable', { enable_disable: true, sw_if_index: 99 });
      b.call('sample_macswap_enable_disable', { enable_disable: false, sw_if_index: 1 });
      b.call('sample_macswap_enable_disable', { enable_disable: false, sw_if_index: 1 });
      setFlags(b, l, ADMIN_UP);
    },
    { hardware: ONE_PORT },
  ),

  scenario(
    'neighbors-and-sources',
    'static neighbors added, replaced, deleted and dumped; FIB sources and v2 route dumps',
    (b) => {
      const l = loopback(b, 'l');
      setFlags(b, l, ADMIN_UP);
      address(b, l, '10.60.0.1/24');
      address(b, l, '2001:db8:60::1/64');
      const n = (isAdd: boolean, ip: string, mac: string, flags = 1): void => {
        b.call('ip_neighbor_add_del', {
          is_add: isAdd,
          neighbor: { sw_if_index: l, flags, mac_address: mac, ip_address: ip },
        });
      };
      n(true, '10.60.0.2', '02:00:00:00:60:02');
      n(true, '10.60.0.3', '02:00:00:00:60:03', 3);
      n(true, '2001:db8:60::2', '02:00:00:00:60:12');
      n(true, '10.60.0.2', '02:00:00:00:60:22');
      b.call('ip_neighbor_dump', { sw_if_index: ANY, af: 0 });
      b.call('ip_neighbor_dump', { sw_if_index: l, af: 1 });
      b.call('fib_source_dump');
      route(b, '10.61.0.0/16', [{ nh: '10.60.0.2' }]);
      b.call('ip_route_v2_dump', { src: 0, table: { table_id: 0, is_ip6: false, name: '' } });
      b.call('ip_route_v2_dump', { src: 4, table: { table_id: 0, is_ip6: false, name: '' } });
      n(false, '10.60.0.3', '00:00:00:00:00:00');
      n(false, '10.60.0.9', '00:00:00:00:00:00');
      b.call('ip_neighbor_dump', { sw_if_index: ANY, af: 0 });
      setFlags(b, l, 0);
      b.call('ip_neighbor_dump', { sw_if_index: ANY, af: 0 });
      b.call('ip_neighbor_dump', { sw_if_index: ANY, af: 1 });
    },
  ),

  scenario(
    'linux-cp-on-this-host',
    'linux-cp pairs cannot be made here (no /dev/vhost-net): the errors and empty lists',
    (b) => {
      b.call('lcp_default_ns_get');
      b.call('lcp_default_ns_set', { netns: 'dataplane' });
      b.call('lcp_default_ns_get');
      b.call('lcp_itf_pair_add_del_v2', {
        is_add: true,
        sw_if_index: 1,
        host_if_name: 'vpp-e0',
        host_if_type: 0,
        netns: '',
      });
      b.call('lcp_itf_pair_add_del_v2', {
        is_add: false,
        sw_if_index: 1,
        host_if_name: 'vpp-e0',
        host_if_type: 0,
        netns: '',
      });
      b.call('lcp_itf_pair_get', { cursor: 0 });
      b.call('lcp_itf_pair_get_v2', { cursor: 0, sw_if_index: ANY });
      b.call('lcp_itf_pair_get_v2', { cursor: 0, sw_if_index: 1 });
    },
    { hardware: ONE_PORT },
  ),
  scenario(
    'cli-inband',
    'the CLI through the API: interface features as the reconciler reads them, unknown commands and names',
    (b) => {
      const l = loopback(b, 'l');
      b.call('sample_macswap_enable_disable', { enable_disable: true, sw_if_index: l });
      b.call('mss_clamp_enable_disable', mss(l, 1400, 1400));
      b.call('cli_inband', { cmd: 'show interface features loop0' });
      b.call('mss_clamp_enable_disable', mss(l, 1400, 0, 1, 2));
      b.call('cli_inband', { cmd: 'sh int feat loop0' });
      b.call('cli_inband', { cmd: 'show interface features loop9' });
      b.call('cli_inband', { cmd: 'no such command' });
    },
  ),
];

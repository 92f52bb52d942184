/** Building blocks shared by the written scenarios. */
import type { Arg, Args, Ref, ScenarioBuilder } from '../scenario.js';
import { SUB_IF_FLAGS } from '../../../src/api/sub-if-flags.js';

export const ANY = 0xffffffff;
export const PORTS = ['GigabitEthernet0/8/0', 'GigabitEthernet0/9/0'] as const;
export const ONE_PORT = ['GigabitEthernet0/8/0'] as const;

export const ADMIN_UP = 1;

/** create_loopback_instance (instance chosen by VPP unless given); binds `name`. */
export function loopback(
  b: ScenarioBuilder,
  name: string,
  instance?: number,
  mac = '00:00:00:00:00:00',
): Ref {
  return b.call(
    'create_loopback_instance',
    { mac_address: mac, is_specified: instance !== undefined, user_instance: instance ?? 0 },
    name,
  );
}

export function setFlags(b: ScenarioBuilder, sw: Arg, flags: number): void {
  b.call('sw_interface_set_flags', { sw_if_index: sw, flags });
}

export function address(b: ScenarioBuilder, sw: Arg, prefix: string, isAdd = true): void {
  b.call('sw_interface_add_del_address', { sw_if_index: sw, is_add: isAdd, del_all: false, prefix });
}

export function dumpInterfaces(b: ScenarioBuilder, sw: Arg = ANY): void {
  b.call('sw_interface_dump', { sw_if_index: sw, name_filter_valid: false, name_filter: '' });
}

export function dumpRoutes(b: ScenarioBuilder, tableId = 0, ip6 = false): void {
  b.call('ip_route_dump', { table: { table_id: tableId, is_ip6: ip6, name: '' } });
}

export function dumpAddresses(b: ScenarioBuilder, sw: Arg, ip6 = false): void {
  b.call('ip_address_dump', { sw_if_index: sw, is_ipv6: ip6 });
}

export function table(b: ScenarioBuilder, id: number, ip6: boolean, name = '', isAdd = true): void {
  b.call('ip_table_add_del', { is_add: isAdd, table: { table_id: id, is_ip6: ip6, name } });
}

export interface PathSpec {
  sw?: Arg;
  nh?: string;
  table?: number;
  weight?: number;
  preference?: number;
  /** FIB_API_PATH_TYPE_*: 0 normal, 1 local, 2 drop, 3 udp-encap, 4 bier-imp, 5 icmp-unreach, 6 icmp-prohibit, … */
  type?: number;
  flags?: number;
}

export function path(p: PathSpec, ip6 = false): Args {
  return {
    sw_if_index: p.sw ?? ANY,
    table_id: p.table ?? 0,
    rpf_id: 0,
    weight: p.weight ?? 1,
    preference: p.preference ?? 0,
    type: p.type ?? 0,
    flags: p.flags ?? 0,
    proto: ip6 ? 1 : 0,
    nh: { address: p.nh ?? (ip6 ? '::' : '0.0.0.0'), via_label: 0, obj_id: 0, classify_table_index: 0 },
    n_labels: 0,
  };
}

export function route(
  b: ScenarioBuilder,
  prefix: string,
  paths: readonly PathSpec[],
  o: { table?: number; isAdd?: boolean; multipath?: boolean } = {},
): void {
  const ip6 = prefix.includes(':');
  b.call('ip_route_add_del', {
    is_add: o.isAdd ?? true,
    is_multipath: o.multipath ?? false,
    route: {
      table_id: o.table ?? 0,
      stats_index: 0,
      prefix,
      n_paths: paths.length,
      paths: paths.map((p) => path(p, ip6)),
    },
  });
}

export function bridgeDomain(
  b: ScenarioBuilder,
  bdId: number,
  o: {
    isAdd?: boolean;
    flood?: boolean;
    learn?: boolean;
    forward?: boolean;
    uuFlood?: boolean;
    arpTerm?: boolean;
    macAge?: number;
    tag?: string;
  } = {},
  bind?: string,
): void {
  b.call(
    'bridge_domain_add_del_v2',
    {
      bd_id: bdId,
      flood: o.flood ?? true,
      uu_flood: o.uuFlood ?? true,
      forward: o.forward ?? true,
      learn: o.learn ?? true,
      arp_term: o.arpTerm ?? false,
      arp_ufwd: false,
      mac_age: o.macAge ?? 0,
      bd_tag: o.tag ?? '',
      is_add: o.isAdd ?? true,
    },
    bind ? { [bind]: 'bd_id' } : undefined,
  );
}

export function bridgeMember(
  b: ScenarioBuilder,
  sw: Arg,
  bdId: Arg,
  o: { portType?: number; shg?: number; enable?: boolean } = {},
): void {
  b.call('sw_interface_set_l2_bridge', {
    rx_sw_if_index: sw,
    bd_id: bdId,
    port_type: o.portType ?? 0,
    shg: o.shg ?? 0,
    enable: o.enable ?? true,
  });
}

export function dumpBridgeDomains(b: ScenarioBuilder, bdId: Arg = ANY): void {
  b.call('bridge_domain_dump', { bd_id: bdId, sw_if_index: ANY });
}

export function subif(b: ScenarioBuilder, name: string, parent: Arg, vlan: number): Ref {
  return b.call('create_vlan_subif', { sw_if_index: parent, vlan_id: vlan }, name);
}

/** vl_api_sub_if_flags_t: the one definition (pinned to interface_types.api by a test). */
export const SUB = SUB_IF_FLAGS;

export function createSubif(
  b: ScenarioBuilder,
  name: string,
  parent: Arg,
  subId: number,
  flags: number,
  outer = 0,
  inner = 0,
): Ref {
  return b.call(
    'create_subif',
    { sw_if_index: parent, sub_id: subId, sub_if_flags: flags, outer_vlan_id: outer, inner_vlan_id: inner },
    name,
  );
}

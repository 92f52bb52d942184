import { type Scenario, scenario } from '../scenario.js';

export const ANY = 0xffffffff;
export const PORTS = ['GigabitEthernet0/8/0', 'GigabitEthernet0/9/0'];

export const basics: Scenario[] = [
  scenario(
    'fresh-dumps',
    'a fresh VPP with two hardware ports: every dump',
    (b) => {
      b.call('show_version');
      b.call('control_ping');
      b.call('sw_interface_dump', { sw_if_index: ANY, name_filter_valid: false, name_filter: '' });
      b.call('sw_interface_dump', { sw_if_index: 1 });
      b.call('sw_interface_dump', { sw_if_index: ANY, name_filter_valid: true, name_filter: 'Gigabit' });
      b.call('ip_table_dump');
      b.call('ip_route_dump', { table: { table_id: 0, is_ip6: false } });
      b.call('ip_route_dump', { table: { table_id: 0, is_ip6: true } });
      b.call('ip_address_dump', { sw_if_index: 1, is_ipv6: false });
      b.call('bridge_domain_dump', { bd_id: ANY, sw_if_index: ANY });
      b.call('l2_xconnect_dump');
      b.call('sw_interface_get_table', { sw_if_index: 1, is_ipv6: false });
      b.call('ip_unnumbered_dump', { sw_if_index: ANY });
    },
    { hardware: PORTS },
  ),
];

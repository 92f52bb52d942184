import { apiModule } from '../notation.js';

/** core/ip.api */
export const ipApi = apiModule('ip', {
  types: {
    ip_table: 'u32 table_id; bool is_ip6; string name[64]',
    ip_route: 'u32 table_id; u32 stats_index; prefix prefix; u8 n_paths; fib_path paths[n_paths]',
    ip_route_v2: 'u32 table_id; u32 stats_index; prefix prefix; u8 n_paths; u8 src; fib_path paths[n_paths]',
  },
  messages: {
    ip_table_add_del: { request: 0x0ffdaec0, fields: 'bool is_add = "true"; ip_table table' },
    ip_table_add_del_reply: { reply: 0xe8d4e804 },
    ip_table_dump: { request: 0x51077d14 },
    ip_table_details: { details: 0xc79fca0f, fields: 'ip_table table' },
    ip_route_add_del: {
      request: 0xb8ecfe0d,
      fields: 'bool is_add = "true"; bool is_multipath; ip_route route',
    },
    ip_route_add_del_reply: { reply: 0x1992deab, fields: 'u32 stats_index' },
    ip_route_dump: { request: 0xb9d2e09e, fields: 'ip_table table' },
    ip_route_details: { details: 0xbda8f315, fields: 'ip_route route' },
    ip_route_v2_dump: {
      request: 0xd16f72e6,
      fields: 'u8 src; ip_table table',
      options: { in_progress: null },
    },
    ip_route_v2_details: {
      details: 0xb09aa6c0,
      fields: 'ip_route_v2 route',
      options: { in_progress: null },
    },
    ip_address_details: {
      details: 0xee29b797,
      fields: 'interface_index sw_if_index; address_with_prefix prefix',
    },
    ip_address_dump: { request: 0x2d033de4, fields: 'interface_index sw_if_index; bool is_ipv6' },
    ip_unnumbered_details: {
      details: 0xcc59bd42,
      fields: 'interface_index sw_if_index; interface_index ip_sw_if_index',
    },
    ip_unnumbered_dump: { request: 0xf9e6675e, fields: 'interface_index sw_if_index = 0xffffffff' },
  },
  services: {
    ip_table_add_del: 'ip_table_add_del_reply',
    ip_table_dump: 'ip_table_details stream',
    ip_route_add_del: 'ip_route_add_del_reply',
    ip_route_dump: 'ip_route_details stream',
    ip_route_v2_dump: 'ip_route_v2_details stream',
    ip_address_dump: 'ip_address_details stream',
    ip_unnumbered_dump: 'ip_unnumbered_details stream',
  },
});
